package io.gridai.ingestion.ingest;

/** What happened to one record of a batch. */
public enum RecordStatus {
    /** Validated and acknowledged by Kafka on the raw telemetry topic. */
    ACCEPTED,
    /** Refused; kept on the dead-letter topic with the reason. */
    REFUSED,
    /** Its measurement id was already accepted (earlier in the batch or recently); not published again. */
    DUPLICATE
}
