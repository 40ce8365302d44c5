package io.gridai.ingestion.ingest;

import io.gridai.model.RejectionReason;
import io.gridai.model.id.SourceId;
import java.time.Duration;

/** How a batch ended; every refusal of a whole batch carries a detail that says what to do. */
public sealed interface IngestResult {

    /** The batch was processed record by record; everything in it is on Kafka. */
    record Processed(BatchReport report) implements IngestResult {
    }

    /** No or an unknown API key; the body was kept as an UNKNOWN_SOURCE dead letter. */
    record Unauthenticated(String detail) implements IngestResult {
    }

    /** The source is revoked; the body was kept as a REVOKED_SOURCE dead letter. */
    record Revoked(SourceId source) implements IngestResult {
    }

    /** The body as a whole could not be read; it was kept as a dead letter with this reason. */
    record Unreadable(SourceId source, RejectionReason reason, String detail) implements IngestResult {
    }

    /** More records than one batch may hold; nothing was published. */
    record TooLarge(SourceId source, int limit) implements IngestResult {
    }

    /** The source (or the service) already has as many batches in flight as allowed; nothing was read. */
    record Throttled(String sourceTag, Duration retryAfter) implements IngestResult {
    }

    /** Kafka did not acknowledge everything; nothing in the batch counts as acknowledged. */
    record Unavailable(String detail, Duration retryAfter) implements IngestResult {
    }
}
