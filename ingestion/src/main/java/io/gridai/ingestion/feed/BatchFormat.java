package io.gridai.ingestion.feed;

/** The body formats a batch can come in. */
public enum BatchFormat {
    /** An array of record objects ({@link JsonBatchReader}). */
    JSON,
    /** A header line and one row per record ({@link CsvBatchReader}). */
    CSV;

    public ParsedBatch read(byte[] body, int maxRecords) {
        return switch (this) {
            case JSON -> JsonBatchReader.read(body, maxRecords);
            case CSV -> CsvBatchReader.read(body, maxRecords);
        };
    }
}
