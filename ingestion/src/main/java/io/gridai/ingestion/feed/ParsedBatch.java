package io.gridai.ingestion.feed;

import io.gridai.model.RejectionReason;
import java.util.List;

/** What a feed reader made of a whole body: records, or why the body as a whole cannot be used. */
public sealed interface ParsedBatch {

    /** The body was read; each record is still to be validated. */
    record Records(List<RawRecord> records) implements ParsedBatch {
        public Records {
            records = List.copyOf(records);
        }
    }

    /** The body as a whole is unusable ({@code MALFORMED} or {@code SCHEMA_MISMATCH}); {@code detail} says why. */
    record Unreadable(RejectionReason reason, String detail) implements ParsedBatch {
    }

    /** The body holds more records than one batch may; reading stopped at {@code limit + 1}. */
    record TooLarge(int limit) implements ParsedBatch {
    }
}
