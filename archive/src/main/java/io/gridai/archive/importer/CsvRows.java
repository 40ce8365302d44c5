package io.gridai.archive.importer;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV file read row by row with Jackson's streaming CSV parser (RFC 4180 quoting, cells trimmed, blank lines
 * skipped), each row with the 1-based line it starts on (the header is line 1), so every refusal can name its line.
 */
final class CsvRows implements Closeable {

    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    /** One data row: its line and cells. */
    record Row(long line, List<String> cells) {
        String cell(int column) {
            return column < cells.size() ? cells.get(column) : "";
        }
    }

    private final Path file;
    private final CsvParser parser;
    private final List<String> header;

    CsvRows(Path file) throws IOException {
        this.file = file;
        this.parser = FACTORY.createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        Row first = readRow();
        this.header = first == null ? List.of() : first.cells();
    }

    /** The header's cells; empty for an empty file. */
    List<String> header() {
        return header;
    }

    /** The index of a header column, case-insensitive, or -1. */
    int column(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** The next data row, or null at the end of the file. */
    Row next() {
        try {
            return readRow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as CSV after line " + parser.currentLocation().getLineNr()
                    + " (" + e.getMessage() + "); check that it is a UTF-8 CSV file", e);
        }
    }

    private Row readRow() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if (token != JsonToken.START_ARRAY) {
                continue;
            }
            long line = parser.currentLocation().getLineNr();
            List<String> cells = new ArrayList<>();
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                if (cells.isEmpty()) {
                    line = parser.currentTokenLocation().getLineNr();
                }
                cells.add(parser.getText());
            }
            return new Row(line, cells);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
