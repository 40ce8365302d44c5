package io.gridai.ingestion.ingest;

import io.gridai.model.Measurement;
import io.gridai.model.RejectedRecord;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.MeasurementId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A batch checked but not yet published: what will go to Kafka, and the answer to give once Kafka acknowledged
 * it. Made by {@link IngestionService#prepare}, published by {@link IngestionService#publish}, so that a feed
 * can publish several batches with one wait for acknowledgements (the Kafka-direct feed publishes a whole poll).
 */
public sealed interface Prepared {

    /** The source's id as a metrics tag ({@code unknown} when unidentified). */
    String sourceTag();

    String channel();

    Instant receivedAt();

    /** Nothing to publish; the answer is final (a batch too large to read). */
    record Final(String sourceTag, String channel, Instant receivedAt, String batchOutcome, IngestResult result)
            implements Prepared {
    }

    /** The body as a whole is refused: one dead letter, then this answer. */
    record WholeRefusal(String sourceTag, String channel, Instant receivedAt, String batchOutcome,
            RejectedRecord deadLetter, int bodyBytes, IngestResult result) implements Prepared {
    }

    /** Record by record: accepted measurements, refusals, and the per-record results in batch order. */
    record Records(String sourceTag, String channel, Instant receivedAt, List<Measurement> accepted,
            List<RejectedRecord> refused, List<MeasurementId> newIds, Map<RejectionReason, Integer> refusedByReason,
            int duplicates, BatchReport report) implements Prepared {
    }
}
