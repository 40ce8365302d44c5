package io.gridai.ingestion.validate;

import io.gridai.model.Measurement;
import io.gridai.model.RejectionReason;

/** What validation decided about one record. */
public sealed interface Verdict {

    /** The record is a good measurement in canonical units, ready to publish. */
    record Valid(Measurement measurement) implements Verdict {
    }

    /** The record is refused; {@code detail} says what was wrong and what to send instead. */
    record Refused(RejectionReason reason, String detail) implements Verdict {
    }
}
