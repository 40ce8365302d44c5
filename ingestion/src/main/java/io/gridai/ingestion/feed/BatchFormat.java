package io.gridai.ingestion.feed;

/** The body formats a batch can come in. */
public enum BatchFormat {
    /** An array of record objects ({@link JsonBatchReader}): the HTTP feed's JSON. */
    JSON,
    /**
     * One record object, or an array of them: an MQTT or Kafka message, where one reading per message is
     * common.
     */
    JSON_MESSAGE,
    /** A header line and one row per record ({@link CsvBatchReader}). */
    CSV;

    /** The format of a message body: CSV when its first non-blank byte cannot start JSON, else JSON. */
    public static BatchFormat sniffMessage(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[' ? JSON_MESSAGE : CSV;
        }
        return JSON_MESSAGE;
    }

    public ParsedBatch read(byte[] body, int maxRecords) {
        return switch (this) {
            case JSON -> JsonBatchReader.read(body, maxRecords, false);
            case JSON_MESSAGE -> JsonBatchReader.read(body, maxRecords, true);
            case CSV -> CsvBatchReader.read(body, maxRecords);
        };
    }
}
