package io.gridai.ingestion.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gridai.model.RejectionReason;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer for one record of a batch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RecordResult", description = "What happened to one record of the batch.")
public record RecordResult(
        @Schema(description = "Position of the record in the batch, from 0 (CSV: the row after the header).")
        int index,
        @Schema(description = "ACCEPTED (on the raw telemetry topic), REFUSED (on the dead-letter topic) or DUPLICATE.")
        RecordStatus status,
        @Schema(description = "The measurement id, for ACCEPTED and DUPLICATE: <source>/<id> when the record had "
                + "an id, else derived from source, asset, kind and time.", nullable = true)
        String measurementId,
        @Schema(description = "Why the record was refused.", nullable = true)
        RejectionReason reason,
        @Schema(description = "What was wrong and what to send instead.", nullable = true)
        String message) {

    public static RecordResult accepted(int index, String measurementId) {
        return new RecordResult(index, RecordStatus.ACCEPTED, measurementId, null, null);
    }

    public static RecordResult duplicate(int index, String measurementId) {
        return new RecordResult(index, RecordStatus.DUPLICATE, measurementId, null,
                "measurement " + measurementId + " was already accepted; not published again");
    }

    public static RecordResult refused(int index, RejectionReason reason, String message) {
        return new RecordResult(index, RecordStatus.REFUSED, null, reason, message);
    }
}
