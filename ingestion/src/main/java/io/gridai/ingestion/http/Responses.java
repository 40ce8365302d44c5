package io.gridai.ingestion.http;

import io.gridai.ingestion.ingest.IngestResult;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Translates how a batch ended into an HTTP answer: the report, or a problem document saying what to do. */
final class Responses {

    private static final String PROBLEM = "urn:gridai:problem:";

    private Responses() {
    }

    static Response of(IngestResult result) {
        if (result instanceof IngestResult.Processed processed) {
            return Response.ok(BatchReportJson.write(processed.report()), MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (result instanceof IngestResult.Unauthenticated unauthenticated) {
            return problem(401, "unknown-source", "Unknown source", unauthenticated.detail() + ". Send the API key"
                    + " GridAI issued to your feed in the " + MeasurementResource.API_KEY_HEADER + " header; to"
                    + " register a feed, ask the GridAI operators to add it to the source registry"
                    + " (gridai.ingestion.sources) with the assets and measurement kinds it reports.")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + MeasurementResource.API_KEY_HEADER
                            + "\"")
                    .build();
        }
        if (result instanceof IngestResult.Revoked revoked) {
            return problem(403, "revoked-source", "Source revoked", "Source " + revoked.source() + " has been"
                    + " revoked; nothing it sends is accepted. Ask the GridAI operators why and to reinstate it.")
                    .build();
        }
        if (result instanceof IngestResult.Unreadable unreadable) {
            return problem(400, "unreadable-batch", "Unreadable batch", unreadable.detail() + ". Nothing in this"
                    + " batch was accepted; it is kept on the dead-letter topic as " + unreadable.reason()
                    + ". Fix the body and send it again.").build();
        }
        if (result instanceof IngestResult.TooLarge tooLarge) {
            return problem(413, "batch-too-large", "Batch too large", "A batch may hold at most " + tooLarge.limit()
                    + " records (gridai.ingestion.http.max-batch-records); nothing in this one was published."
                    + " Split it and send the parts.").build();
        }
        if (result instanceof IngestResult.Throttled throttled) {
            return problem(429, "too-many-batches", "Too many batches in flight", "Source " + throttled.sourceTag()
                    + " already has as many batches being processed as it may (gridai.ingestion.http."
                    + "max-in-flight-per-source), or the service is at its total. Nothing in this batch was read:"
                    + " wait for the answers to the earlier batches, then send it again after the Retry-After delay.")
                    .header(HttpHeaders.RETRY_AFTER, seconds(throttled.retryAfter()))
                    .build();
        }
        IngestResult.Unavailable unavailable = (IngestResult.Unavailable) result;
        return problem(503, "kafka-unavailable", "Not acknowledged", unavailable.detail() + ". Nothing in this"
                + " batch was acknowledged: send the whole batch again after the Retry-After delay; measurement ids"
                + " make the retry safe.")
                .header(HttpHeaders.RETRY_AFTER, seconds(unavailable.retryAfter()))
                .build();
    }

    private static long seconds(Duration delay) {
        return Math.max(1, (delay.toMillis() + 999) / 1000);
    }

    static Response unsupportedMediaType() {
        return problem(415, "unsupported-media-type", "Unsupported media type", "The feed takes a JSON array of"
                + " records (Content-Type: application/json) or CSV with a header line (Content-Type: text/csv).")
                .build();
    }

    private static Response.ResponseBuilder problem(int status, String type, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(PROBLEM + type, title, status, detail));
    }
}
