package io.gridai.model.id;

import java.util.regex.Pattern;

/** The one rule every typed identifier follows. */
final class IdRules {

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");

    private IdRules() {
    }

    static String requireValid(String value, String idType) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(idType + " must not be null or blank; pass the identifier text, e.g. "
                    + idType + ".of(\"north-1\")");
        }
        if (value.length() > TypedId.MAX_LENGTH) {
            throw new IllegalArgumentException(idType + " is " + value.length() + " characters long, more than the "
                    + TypedId.MAX_LENGTH + " allowed; use a shorter identifier");
        }
        if (!matchesRule(value)) {
            throw new IllegalArgumentException(idType + " '" + value + "' has characters outside "
                    + PATTERN.pattern() + "; start with a letter or digit and use only letters, digits and . _ : / -");
        }
        return value;
    }

    /** {@link #PATTERN} without the regex engine: ids are checked on every record ingested. */
    private static boolean matchesRule(String value) {
        if (!isLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '/' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
