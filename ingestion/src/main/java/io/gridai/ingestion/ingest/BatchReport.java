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
        @Schema(description = "One result per record, in batch order; with report=refusals only the records not"
                + " accepted (every index not listed was accepted).") List<RecordResult> results) {

    public BatchReport {
        results = List.copyOf(results);
    }

    /** The same report listing only the records that were not accepted (refused or duplicate). */
    public BatchReport refusalsOnly() {
        return new BatchReport(source, received, accepted, refused, duplicates,
                results.stream().filter(r -> r.status() != RecordStatus.ACCEPTED).toList());
    }
}
