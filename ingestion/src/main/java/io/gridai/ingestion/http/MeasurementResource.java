package io.gridai.ingestion.http;

import io.gridai.ingestion.feed.BatchFormat;
import io.gridai.ingestion.ingest.BatchReport;
import io.gridai.ingestion.ingest.IngestResult;
import io.gridai.ingestion.ingest.IngestionService;
import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.ingestion.metrics.IngestionMetrics;
import io.gridai.ingestion.source.Authentication;
import io.gridai.ingestion.source.SourceRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The HTTP feed: a batch of measurements as a JSON array or as CSV, authenticated by the source's API key.
 * Runs on a worker thread: it blocks until Kafka acknowledged the batch.
 */
@Path("/v1/measurements")
@Tag(name = "measurements", description = "Telemetry from approved sources")
public class MeasurementResource {

    /** The header carrying a source's API key. */
    public static final String API_KEY_HEADER = "X-Api-Key";
    /** The channel written on this feed's dead letters. */
    public static final String CHANNEL = "http";
    public static final String TEXT_CSV = "text/csv";

    private static final String CSV_EXAMPLE = "asset,kind,value,unit,time,id\n"
            + "gen-1,ACTIVE_POWER,12500,kW,2020-07-01T00:00:00Z,r-1\n"
            + "bus-7,VOLTAGE,138000,V,2020-07-01T00:00:00Z,r-2\n";
    private static final String JSON_EXAMPLE = "[{\"asset\":\"gen-1\",\"kind\":\"ACTIVE_POWER\",\"value\":12.5,"
            + "\"unit\":\"kW\",\"time\":\"2020-07-01T00:00:00Z\",\"id\":\"r-1\"}]";

    private final IngestionService ingestion;
    private final SourceRegistry registry;
    private final InFlightLimits limits;
    private final IngestionMetrics metrics;
    private final IngestionConfig config;

    public MeasurementResource(IngestionService ingestion, SourceRegistry registry, InFlightLimits limits,
            IngestionMetrics metrics, IngestionConfig config) {
        this.ingestion = ingestion;
        this.registry = registry;
        this.limits = limits;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * A client certificate (HTTPS with client authentication) names the source; an API key is then optional
     * but, if sent too, must be the same source's. Without a certificate the API key decides.
     */
    private Authentication authenticate(String apiKey, HttpServerRequest request) {
        Optional<X509Certificate> certificate = peerCertificate(request);
        if (certificate.isEmpty()) {
            return registry.authenticate(apiKey);
        }
        Authentication byCertificate = registry.authenticateCertificate(certificate.get());
        if (apiKey == null || apiKey.isBlank() || !(byCertificate instanceof Authentication.Known known)) {
            return byCertificate;
        }
        Authentication byKey = registry.authenticate(apiKey);
        if (byKey instanceof Authentication.Known other && other.source().id().equals(known.source().id())) {
            return byCertificate;
        }
        return new Authentication.Unknown("the client certificate is source " + known.source().id()
                + "'s but the X-Api-Key is not; send one credential, or both of the same source");
    }

    private static Optional<X509Certificate> peerCertificate(HttpServerRequest request) {
        if (request == null || !request.isSSL() || request.sslSession() == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = request.sslSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty(); // no client certificate: the API key decides
        }
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(summary = "Send a batch of measurements",
            description = "Each record is validated on its own: accepted records go to the raw telemetry topic in canonical "
                    + "units, refused ones to the dead-letter topic with the reason; the answer lists both. It is "
                    + "sent only after Kafka acknowledged every record of the batch, so a 200 means nothing in it "
                    + "can be lost. On 503 nothing counts as acknowledged: re-send the whole batch (ids make that "
                    + "safe).")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(type = SchemaType.ARRAY, implementation = MeasurementInput.class),
                examples = @ExampleObject(name = "json", value = JSON_EXAMPLE)),
        @Content(mediaType = TEXT_CSV,
                schema = @Schema(type = SchemaType.STRING, description = "UTF-8 CSV (RFC 4180): a header naming "
                        + "asset,kind,value,unit,time and optionally id, in any order, then one row per record."),
                examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE))})
    @APIResponse(responseCode = "200", description = "Every record has a result; all of them are on Kafka.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BatchReport.class)))
    @APIResponse(responseCode = "400", description = "The body as a whole is not readable JSON or CSV; it is kept "
            + "on the dead-letter topic (MALFORMED or SCHEMA_MISMATCH).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or unknown API key; the body is kept as an "
            + "UNKNOWN_SOURCE dead letter.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The source is revoked; the body is kept as a "
            + "REVOKED_SOURCE dead letter.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More records than one batch may hold; nothing published.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the batch in time; nothing in it "
            + "counts as acknowledged. Re-send the whole batch after Retry-After seconds.",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before re-sending",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The source already has as many batches in flight as it may;"
            + " nothing was read. Wait for the earlier answers, then re-send after Retry-After seconds.",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before re-sending",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is neither application/json nor text/csv.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response post(
            @Parameter(description = "The source's API key, as registered with GridAI") @HeaderParam(API_KEY_HEADER)
            String apiKey,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context HttpServerRequest request,
            @Parameter(description = "all (default): one result per record; refusals: only the records not accepted,"
                    + " for large batches whose accepted records need no echo")
            @QueryParam("report") @DefaultValue("all") String report,
            byte[] body) {
        BatchFormat format = contentType != null
                && MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)
                ? BatchFormat.JSON : BatchFormat.CSV;
        Authentication authentication = authenticate(apiKey, request);
        String sourceTag = authentication instanceof Authentication.Known known ? known.source().id().value()
                : IngestionMetrics.UNKNOWN_SOURCE;
        Optional<InFlightLimits.Permit> permit = limits.tryAcquire(sourceTag);
        if (permit.isEmpty()) {
            metrics.batch(sourceTag, "throttled");
            return Responses.of(new IngestResult.Throttled(sourceTag, config.http().retryAfter()));
        }
        try (InFlightLimits.Permit held = permit.get()) {
            IngestResult result = ingestion.ingest(CHANNEL, authentication, format, body == null ? new byte[0] : body,
                    contentType);
            if ("refusals".equals(report) && result instanceof IngestResult.Processed processed) {
                result = new IngestResult.Processed(processed.report().refusalsOnly());
            }
            return Responses.of(result);
        }
    }
}
