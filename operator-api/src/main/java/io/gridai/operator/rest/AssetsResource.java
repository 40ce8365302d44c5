package io.gridai.operator.rest;

import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.operator.clock.GridClock;
import io.gridai.operator.history.HistoryConfig;
import io.gridai.operator.history.HistoryQuery;
import io.gridai.operator.history.HistoryUnavailableException;
import io.gridai.operator.history.TelemetryHistory;
import io.gridai.operator.live.AssetValues;
import io.gridai.operator.live.GridCase;
import io.gridai.operator.live.LiveStateUnavailableException;
import io.gridai.operator.live.LiveValues;
import io.gridai.operator.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The assets and their latest values, from the live state the Flink job keeps in Hazelcast. */
@Path("/api/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "assets", description = "Assets, their latest values (live state) and their history (telemetry.clean)")
public class AssetsResource {

    private final LiveValues live;
    private final GridCase grid;
    private final TelemetryHistory history;
    private final GridClock clock;

    public AssetsResource(LiveValues live, GridCase grid, TelemetryHistory history, GridClock clock) {
        this.clock = clock;
        this.live = live;
        this.grid = grid;
        this.history = history;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Every asset the live state holds, with its latest clean values (role viewer)")
    @APIResponse(responseCode = "200", description = "assets by id, each with its values (kinds in a fixed order)")
    @APIResponse(responseCode = "503", description = "the live state (Hazelcast) is not reachable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<AssetValues> list(@Parameter(description = "only this measurement kind, e.g. ACTIVE_POWER")
            @QueryParam("kind") String kind) {
        Optional<MeasurementKind> k = Optional.ofNullable(kind).filter(s -> !s.isBlank()).map(AssetsResource::kind);
        return available(() -> live.all(k)).entrySet().stream()
                .map(e -> AssetValues.of(e.getKey().value(), e.getValue())).toList();
    }

    @GET
    @Path("/{asset}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "One asset's latest clean values (role viewer)")
    @APIResponse(responseCode = "200", description = "the asset and its values")
    @APIResponse(responseCode = "404", description = "neither the live state nor the grid case knows the asset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "the live state (Hazelcast) is not reachable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AssetValues get(@PathParam("asset") String asset) {
        AssetId id = asset(asset);
        List<Measurement> values = available(() -> live.of(id));
        if (values.isEmpty() && !inCase(id)) {
            throw new ProblemException(Problem.Kind.NOT_FOUND, "the live state holds no value of asset " + asset
                    + " and the grid case has no such element; GET /api/v1/assets lists the assets there are");
        }
        return AssetValues.of(id.value(), values);
    }

    @GET
    @Path("/{asset}/history")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "An asset's measurements with event time in [from, to), from telemetry.clean, in the topic's"
            + " order, streamed as a JSON array (role viewer)")
    @APIResponse(responseCode = "200", description = "the measurements (id, source, asset, kind, unit, value, quality,"
            + " eventTime, ingestTime), at most limit")
    @APIResponse(responseCode = "400", description = "a bad range, kind, limit or asset id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka does not answer, or too many history requests run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response history(@PathParam("asset") String asset,
            @Parameter(description = "only this measurement kind, e.g. ACTIVE_POWER") @QueryParam("kind") String kind,
            @Parameter(description = "ISO-8601 instant, inclusive (default: to minus one hour)") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive (default: now)") @QueryParam("to") String to,
            @Parameter(description = "most records (default gridai.operator.history.default-limit)") @QueryParam("limit") String limit) {
        HistoryConfig c = history.config();
        AssetId id = asset(asset);
        Optional<MeasurementKind> k = Optional.ofNullable(kind).filter(s -> !s.isBlank()).map(AssetsResource::kind);
        Instant end = instant("to", to).orElseGet(() -> clock.now().orElse(Instant.now())); // the grid's now
        Instant start = instant("from", from).orElse(end.minus(Duration.ofHours(1)));
        if (!start.isBefore(end)) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "from (" + start + ") must be before to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(c.maxRange()) > 0) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "the range " + start + " to " + end + " is longer than "
                    + c.maxRange() + " (gridai.operator.history.max-range); ask for a shorter one");
        }
        int n = c.defaultLimit();
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > c.maxLimit()) {
                throw new ProblemException(Problem.Kind.BAD_REQUEST, "limit is " + limit + "; give a number from 1 to "
                        + c.maxLimit() + " (gridai.operator.history.max-limit)");
            }
        }
        TelemetryHistory.Scan scan;
        try {
            scan = history.open(new HistoryQuery(id, k, start, end, n));
        } catch (HistoryUnavailableException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, "no history now: " + e.getMessage());
        }
        StreamingOutput body = scan::writeTo;
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Optional<Instant> instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, name + " is " + value
                    + "; give an ISO-8601 instant such as 2026-03-01T10:00:00Z");
        }
    }

    private boolean inCase(AssetId id) {
        return grid.get().map(g -> g.generator(id.value()).isPresent() || g.battery(id.value()).isPresent()
                || g.buses().stream().anyMatch(b -> b.asset().equals(id))
                || g.branches().stream().anyMatch(b -> b.asset().equals(id))).orElse(false);
    }

    /** An asset id from a path, or a 400. */
    static AssetId asset(String asset) {
        try {
            return AssetId.of(asset);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "not an asset id: " + e.getMessage());
        }
    }

    /** A measurement kind from a query, or a 400 listing the kinds. */
    static MeasurementKind kind(String kind) {
        try {
            return MeasurementKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "kind is " + kind + "; give one of "
                    + Arrays.toString(MeasurementKind.values()));
        }
    }

    /** The result of a live-state read, or a 503 saying why there is none. */
    static <T> T available(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (LiveStateUnavailableException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, e.getMessage());
        }
    }
}
