package io.gridai.ingestion.ingest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a batch whose records were all acknowledged by Kafka. */
@Schema(name = "BatchReport", description = "Per-record results of a batch; sent only after Kafka acknowledged "
        + "every accepted record and every dead letter.")
public record BatchReport(
        @Schema(description = "The source the API key belongs to.") String source,
        @Schema(description = "Records in the batch.") int received,
        @Schema(description = "Records now on the raw telemetry topic.") int accepted,
        @Schema(description = "Records refused and kept on the dead-letter topic.") int refused,
        @Schema(description = "Records already accepted before (by measurement id).") int duplicates,
        @Schema(description = "One result per record, in batch order.") List<RecordResult> results) {

    public BatchReport {
        results = List.copyOf(results);
    }
}
