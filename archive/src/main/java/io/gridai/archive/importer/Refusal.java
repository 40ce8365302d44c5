package io.gridai.archive.importer;

import java.nio.file.Path;

/**
 * A value or row the import did not write, and why.
 *
 * @param file   the input file
 * @param line   the 1-based line (the header is line 1); 0 when the whole file was refused before any row
 * @param column the column's header, or empty when the whole row (or file) is at fault
 * @param reason what is wrong and what to do
 * @param records how many records this refusal cost (1 for a cell; a row's records for a whole row)
 */
public record Refusal(Path file, long line, String column, String reason, int records) {

    /** One line of text: {@code FILE:LINE[ column C]: reason}. */
    public String describe() {
        return file + ":" + line + (column.isEmpty() ? "" : " column " + column) + ": " + reason;
    }
}
