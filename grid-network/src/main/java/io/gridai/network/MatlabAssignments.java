package io.gridai.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the literal assignments {@code mpc.FIELD = VALUE;} of a MATPOWER case file: numeric matrices
 * {@code [...]}, cell arrays {@code {...}} of strings and numbers, strings and scalars.
 *
 * <p>It understands what MATPOWER case files use: {@code %} comments, {@code %{ ... %}} block comments,
 * {@code ...} continuations, rows ended by {@code ;} or a line end, rows split over several lines with
 * {@code ...}, elements separated by blanks or commas, numbers in scientific notation, {@code Inf} and
 * {@code NaN}, and a transpose quote after a matrix. Any other statement is skipped, except one that changes a
 * field listed as protected (say {@code mpc.bus(2, 3) = 0;}), which is an error because its effect cannot be
 * reproduced without running MATLAB.
 */
final class MatlabAssignments {

    /** A parsed value: rows of numbers ({@link Double}) and strings; a scalar or a string is one row of one element. */
    record Value(List<Row> rows, int line, boolean supported, String unsupportedReason) {

        static Value unsupported(int line, String why) {
            return new Value(List.of(), line, false, why);
        }

        boolean isScalar() {
            return rows.size() == 1 && rows.get(0).elements().size() == 1;
        }

        Object scalar() {
            return rows.get(0).elements().get(0);
        }
    }

    /** One row of a matrix or cell array, with the line its first element is on. */
    record Row(List<Object> elements, int line) {
    }

    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|Inf|inf|NaN|nan)");

    private final String source;
    private final String text;
    private final Set<String> protectedFields;
    private final Matcher numberMatcher;
    private int pos;
    private int line = 1;

    private MatlabAssignments(String source, String text, Set<String> protectedFields) {
        this.source = source;
        this.text = text;
        this.protectedFields = protectedFields;
        this.numberMatcher = NUMBER.matcher(text);
    }

    /**
     * The values assigned to {@code mpc.FIELD}, by field name in order of first assignment (a later assignment
     * replaces an earlier one, as in MATLAB).
     *
     * @param protectedFields fields whose modification by any statement other than a literal assignment is an error
     */
    static Map<String, Value> parse(String source, String text, Set<String> protectedFields) {
        return new MatlabAssignments(source, text, protectedFields).parseAll();
    }

    private Map<String, Value> parseAll() {
        Map<String, Value> fields = new LinkedHashMap<>();
        while (true) {
            skipInsignificant(false);
            if (eof()) {
                return fields;
            }
            char c = peek();
            if (c == ';' || c == ',') {
                pos++;
                continue;
            }
            int statementLine = line;
            if (!isIdentifierStart(c)) {
                skipStatement();
                continue;
            }
            String identifier = readIdentifier();
            if (identifier.equals("function")) {
                skipToEndOfLine();
            } else if (identifier.equals("mpc") && !eof() && peek() == '.') {
                pos++;
                if (eof() || !isIdentifierStart(peek())) {
                    throw error(statementLine, "expected a field name after 'mpc.'");
                }
                String field = readIdentifier();
                skipBlanks();
                if (!eof() && peek() == '=' && peekAt(1) != '=') {
                    pos++;
                    fields.put(field, parseValue(field, statementLine));
                } else {
                    if (protectedFields.contains(field)) {
                        throw error(statementLine, "unsupported statement changing mpc." + field
                                + ": only a literal assignment 'mpc." + field + " = [ ... ];' can be read");
                    }
                    skipStatement();
                }
            } else {
                skipStatement();
            }
        }
    }

    private Value parseValue(String field, int statementLine) {
        skipBlanks();
        if (eof()) {
            throw error(statementLine, "mpc." + field + " has no value");
        }
        char c = peek();
        int valueLine = line;
        Value value;
        if (c == '[') {
            value = parseBracket(field, ']');
        } else if (c == '{') {
            value = parseBracket(field, '}');
        } else if (c == '\'' || c == '"') {
            value = new Value(List.of(new Row(List.of(readString(field)), valueLine)), valueLine, true, null);
        } else {
            Double number = readNumber();
            if (number == null) {
                return unsupported(field, valueLine, "its value is an expression, not a literal");
            }
            value = new Value(List.of(new Row(List.of(number), valueLine)), valueLine, true, null);
        }
        skipBlanks();
        if (!eof() && peek() == '\'') {
            pos++;
            value = transpose(value);
            skipBlanks();
        }
        if (!eof() && peek() != ';' && peek() != ',' && peek() != '\n' && peek() != '%') {
            return unsupported(field, valueLine, "its value is an expression, not a literal");
        }
        return value;
    }

    private Value unsupported(String field, int valueLine, String why) {
        if (protectedFields.contains(field)) {
            throw error(valueLine, "mpc." + field + " cannot be read: " + why);
        }
        skipStatement();
        return Value.unsupported(valueLine, why);
    }

    private Value parseBracket(String field, char close) {
        int startLine = line;
        pos++;
        List<Row> rows = new ArrayList<>();
        List<Object> current = new ArrayList<>();
        int rowLine = line;
        while (true) {
            if (eof()) {
                throw error(startLine, "mpc." + field + ": '" + (close == ']' ? '[' : '{') + "' is never closed");
            }
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
                pos++;
            } else if (c == '%') {
                skipToEndOfLine();
            } else if (text.startsWith("...", pos)) {
                skipContinuation();
            } else if (c == '\n' || c == ';') {
                if (!current.isEmpty()) {
                    rows.add(new Row(List.copyOf(current), rowLine));
                    current.clear();
                }
                if (c == '\n') {
                    line++;
                }
                pos++;
            } else if (c == close) {
                pos++;
                if (!current.isEmpty()) {
                    rows.add(new Row(List.copyOf(current), rowLine));
                }
                return new Value(List.copyOf(rows), startLine, true, null);
            } else {
                if (current.isEmpty()) {
                    rowLine = line;
                }
                if (c == '\'' || c == '"') {
                    current.add(readString(field));
                } else {
                    Double number = readNumber();
                    if (number == null) {
                        throw error(line, "mpc." + field + ": unexpected '" + snippet() + "' where a number was expected");
                    }
                    current.add(number);
                }
                if (!eof() && !isSeparator(peek(), close)) {
                    throw error(line, "mpc." + field + ": unexpected '" + snippet() + "' after an element");
                }
            }
        }
    }

    private boolean isSeparator(char c, char close) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';' || c == close || c == '%'
                || text.startsWith("...", pos);
    }

    private static Value transpose(Value value) {
        int columns = value.rows().stream().mapToInt(r -> r.elements().size()).max().orElse(0);
        List<Row> rows = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            List<Object> row = new ArrayList<>();
            for (Row r : value.rows()) {
                if (j < r.elements().size()) {
                    row.add(r.elements().get(j));
                }
            }
            rows.add(new Row(List.copyOf(row), value.line()));
        }
        return new Value(List.copyOf(rows), value.line(), true, null);
    }

    private Double readNumber() {
        numberMatcher.region(pos, text.length());
        if (!numberMatcher.lookingAt()) {
            return null;
        }
        int end = numberMatcher.end();
        if (end < text.length() && isIdentifierPart(text.charAt(end))) {
            return null;
        }
        String token = text.substring(pos, end);
        pos = end;
        String unsigned = token.startsWith("-") || token.startsWith("+") ? token.substring(1) : token;
        boolean negative = token.startsWith("-");
        if (unsigned.equalsIgnoreCase("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(token);
    }

    private String readString(String field) {
        char quote = peek();
        int startLine = line;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (eof() || peek() == '\n') {
                throw error(startLine, "mpc." + field + ": string is not closed on its line");
            }
            char c = peek();
            pos++;
            if (c == quote) {
                if (!eof() && peek() == quote) {
                    value.append(quote);
                    pos++;
                } else {
                    return value.toString();
                }
            } else {
                value.append(c);
            }
        }
    }

    /** Skips blanks, comments, continuations and (unless asked to stop there) line ends. */
    private void skipInsignificant(boolean stopAtNewline) {
        while (!eof()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '%') {
                if (isBlockCommentStart()) {
                    skipBlockComment();
                } else {
                    skipToEndOfLine();
                }
            } else if (text.startsWith("...", pos)) {
                skipContinuation();
            } else if (c == '\n' && !stopAtNewline) {
                line++;
                pos++;
            } else {
                return;
            }
        }
    }

    /** Skips blanks and continuations on the current logical line. */
    private void skipBlanks() {
        while (!eof()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (text.startsWith("...", pos)) {
                skipContinuation();
            } else {
                return;
            }
        }
    }

    private boolean isBlockCommentStart() {
        if (!text.startsWith("%{", pos) || !onlyBlanksBefore(pos)) {
            return false;
        }
        int end = endOfLine(pos);
        return text.substring(pos + 2, end).isBlank();
    }

    private void skipBlockComment() {
        int startLine = line;
        skipToEndOfLine();
        while (!eof()) {
            pos++;
            line++;
            int end = endOfLine(pos);
            boolean closing = text.substring(pos, end).strip().equals("%}");
            pos = end;
            if (closing) {
                return;
            }
        }
        throw error(startLine, "block comment '%{' is never closed by a line '%}'");
    }

    private boolean onlyBlanksBefore(int at) {
        for (int i = at - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private int endOfLine(int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private void skipToEndOfLine() {
        pos = endOfLine(pos);
    }

    private void skipContinuation() {
        skipToEndOfLine();
        if (!eof()) {
            pos++;
            line++;
        }
    }

    /** Skips a statement this reader does not evaluate, up to its end at bracket depth 0. */
    private void skipStatement() {
        int depth = 0;
        while (!eof()) {
            char c = peek();
            if (c == '%') {
                skipToEndOfLine();
            } else if (text.startsWith("...", pos)) {
                skipContinuation();
            } else if (c == '\'' || c == '"') {
                if (c == '"' || startsString()) {
                    skipQuoted(c);
                } else {
                    pos++;
                }
            } else if (c == '[' || c == '(' || c == '{') {
                depth++;
                pos++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth = Math.max(0, depth - 1);
                pos++;
            } else if (c == '\n') {
                line++;
                pos++;
                if (depth == 0) {
                    return;
                }
            } else if ((c == ';' || c == ',') && depth == 0) {
                pos++;
                return;
            } else {
                pos++;
            }
        }
    }

    /** A quote starts a string unless it follows a value, where it is MATLAB's transpose operator. */
    private boolean startsString() {
        int i = pos - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        if (i < 0 || i < pos - 1) {
            return true;
        }
        char before = text.charAt(i);
        return !(isIdentifierPart(before) || before == ')' || before == ']' || before == '}' || before == '.'
                || before == '\'');
    }

    private void skipQuoted(char quote) {
        pos++;
        while (!eof() && peek() != '\n') {
            char c = peek();
            pos++;
            if (c == quote) {
                if (!eof() && peek() == quote) {
                    pos++;
                } else {
                    return;
                }
            }
        }
    }

    private String readIdentifier() {
        int start = pos;
        while (!eof() && isIdentifierPart(peek())) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private String snippet() {
        int end = pos;
        while (end < text.length() && end - pos < 20 && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return end == pos ? String.valueOf(text.charAt(pos)) : text.substring(pos, end);
    }

    private boolean eof() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private char peekAt(int offset) {
        return pos + offset < text.length() ? text.charAt(pos + offset) : '\0';
    }

    private MatpowerFormatException error(int atLine, String what) {
        return new MatpowerFormatException(source, atLine, what);
    }
}
