package io.gridai.sim.series;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A whole CSV file read with Jackson's CSV parser: its header and its data rows, each row with the line it
 * starts on, so that every error can name the file and the line. Cells are trimmed strings; an empty cell is
 * {@code ""}. Blank lines are skipped; quoting follows RFC 4180.
 */
final class CsvTable {

    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final Path file;
    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /**
     * Reads a CSV file whose first line is the header.
     *
     * @throws SeriesDataException if the file is missing, unreadable, empty, or a row has a different
     *                             number of cells than the header
     */
    static CsvTable read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CsvParser parser = FACTORY.createParser(reader)) {
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            List<String> cells = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.START_ARRAY) {
                    continue;
                }
                long line = parser.currentLocation().getLineNr();
                cells.clear();
                while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                    if (cells.isEmpty()) {
                        // the first cell's location is the row's first line (the array start's is not)
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    cells.add(parser.getText());
                }
                if (header == null) {
                    header = List.copyOf(cells);
                    continue;
                }
                if (cells.size() != header.size()) {
                    throw new SeriesDataException(file, line, file + ", line " + line + ": " + cells.size()
                            + " cells but the header has " + header.size()
                            + "; every row needs one value per header column (use an empty cell for a missing value)");
                }
                rows.add(new Row(file, line, header, cells.toArray(String[]::new)));
            }
            if (header == null) {
                throw new SeriesDataException(file, 1, file + " is empty; it needs a header line and data rows");
            }
            return new CsvTable(file, header, List.copyOf(rows));
        } catch (NoSuchFileException e) {
            throw new SeriesDataException(file, file + " does not exist; check the path (for the shared data set "
                    + "the folder can be set with -Dgridai.shared.data or GRIDAI_SHARED_DATA)", e);
        } catch (IOException e) {
            throw new SeriesDataException(file, file + " could not be read as CSV (" + e.getMessage()
                    + "); check that it is a readable UTF-8 CSV file", e);
        }
    }

    Path file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /** The index of the column with this header name (case-insensitive, surrounding spaces ignored). */
    int column(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(wanted)) {
                return i;
            }
        }
        throw new SeriesDataException(file, 1, file + ", line 1: the header has no column '" + name
                + "' (it has " + header + "); use the file in its original layout");
    }

    /** Checks that the header starts with these names (case-insensitive), in this order. */
    void requireLeadingColumns(String... names) {
        for (int i = 0; i < names.length; i++) {
            if (i >= header.size() || !header.get(i).trim().equalsIgnoreCase(names[i])) {
                throw new SeriesDataException(file, 1, file + ", line 1: the header must start with "
                        + Arrays.toString(names) + " but is " + header + "; use the file in its original layout");
            }
        }
    }

    /** Fails unless the file has at least one data row. */
    void requireRows() {
        if (rows.isEmpty()) {
            throw new SeriesDataException(file, 1, file + " has a header but no data rows; supply at least one row");
        }
    }

    /** One data row with the line it starts on. */
    static final class Row {

        private final Path file;
        private final long line;
        private final List<String> header;
        private final String[] cells;

        private Row(Path file, long line, List<String> header, String[] cells) {
            this.file = file;
            this.line = line;
            this.header = header;
            this.cells = cells;
        }

        /** The 1-based line this row starts on (the header is line 1). */
        long line() {
            return line;
        }

        String text(int column) {
            return cells[column];
        }

        boolean blank(int column) {
            return cells[column].isEmpty();
        }

        /** The cell as a finite number. */
        double number(int column) {
            String cell = cells[column];
            try {
                double value = Double.parseDouble(cell);
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below with file, line and column
            }
            throw error(column, "'" + cell + "' is not a finite number",
                    "correct the cell or remove the row");
        }

        /** The cell as an integer; {@code 11.0} is accepted as 11. */
        int integer(int column) {
            double value = number(column);
            if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
                throw error(column, "'" + cells[column] + "' is not a whole number", "correct the cell");
            }
            return (int) value;
        }

        /** An error about one cell of this row, naming the file, the line and the column. */
        SeriesDataException error(int column, String problem, String todo) {
            return new SeriesDataException(file, line, file + ", line " + line + ", column '" + header.get(column)
                    + "': " + problem + "; " + todo);
        }

        /** An error about this row as a whole, naming the file and the line. */
        SeriesDataException error(String problem, String todo) {
            return new SeriesDataException(file, line, file + ", line " + line + ": " + problem + "; " + todo);
        }
    }
}
