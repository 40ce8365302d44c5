package io.gridai.ingestion.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gridai.ingestion.ingest.BatchReport;
import io.gridai.ingestion.ingest.RecordResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a {@link BatchReport} as the JSON its OpenAPI schema describes, with Jackson's streaming generator: a
 * 10 000-record batch answers with one result per record, and going through data binding for each of them cost
 * about a fifth of the feed's throughput.
 */
final class BatchReportJson {

    private static final JsonFactory JSON = new JsonFactory();

    private BatchReportJson() {
    }

    static byte[] write(BatchReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + report.results().size() * 72);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("source", report.source());
            json.writeNumberField("received", report.received());
            json.writeNumberField("accepted", report.accepted());
            json.writeNumberField("refused", report.refused());
            json.writeNumberField("duplicates", report.duplicates());
            json.writeArrayFieldStart("results");
            for (RecordResult result : report.results()) {
                json.writeStartObject();
                json.writeNumberField("index", result.index());
                json.writeStringField("status", result.status().name());
                if (result.measurementId() != null) {
                    json.writeStringField("measurementId", result.measurementId());
                }
                if (result.reason() != null) {
                    json.writeStringField("reason", result.reason().name());
                }
                if (result.message() != null) {
                    json.writeStringField("message", result.message());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a batch report to memory failed", e);
        }
        return out.toByteArray();
    }
}
