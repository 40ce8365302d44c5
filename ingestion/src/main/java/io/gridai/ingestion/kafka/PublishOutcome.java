package io.gridai.ingestion.kafka;

import java.time.Duration;

/** Whether Kafka acknowledged every record of a batch. */
public sealed interface PublishOutcome {

    /** Every record was acknowledged by the broker ({@code acks=all}). */
    record Acknowledged(int records, Duration took) implements PublishOutcome {
    }

    /**
     * Not every record was acknowledged in time; some may still reach Kafka, so a retry can duplicate them
     * (measurement ids let the cleaning job drop those). {@code detail} says what failed.
     */
    record NotAcknowledged(String detail) implements PublishOutcome {
    }
}
