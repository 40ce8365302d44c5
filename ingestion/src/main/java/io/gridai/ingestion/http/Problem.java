package io.gridai.ingestion.http;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document ({@code application/problem+json}) for a batch refused as a whole. */
@Schema(name = "Problem", description = "Why the whole batch was refused and what to do (RFC 9457).")
public record Problem(
        @Schema(description = "Identifies the kind of problem, e.g. urn:gridai:problem:unknown-source") String type,
        @Schema(description = "Short summary of the kind of problem") String title,
        @Schema(description = "The HTTP status") int status,
        @Schema(description = "What was wrong with this request and what to do") String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
