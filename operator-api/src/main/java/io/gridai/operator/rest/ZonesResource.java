package io.gridai.operator.rest;

import io.gridai.operator.security.Role;
import io.gridai.operator.service.OperatorApp;
import io.gridai.operator.stream.StreamKind.ForecastView;
import io.gridai.operator.stream.StreamKind.ZoneLoadView;
import io.gridai.operator.zones.ZoneBook;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The zones' load (the Flink job's windows of {@code grid.zone-load}) and forecasts ({@code grid.forecasts}), from the
 * service's bounded in-memory window; what changes live comes on the {@code zone-load} and {@code forecasts} streams.
 */
@Path("/api/v1/zones")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "zones", description = "Zone load windows and load forecasts")
public class ZonesResource {

    private final OperatorApp app;

    public ZonesResource(OperatorApp app) {
        this.app = app;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The zones with load or forecasts: window lengths held, latest window of the shortest, latest"
            + " forecast's issue time and model (role viewer)")
    public List<ZoneBook.ZoneSummary> zones() {
        return app.zones().zones();
    }

    @GET
    @Path("/{zone}/load")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A zone's load windows of one length from a time on, oldest first (role viewer)")
    @APIResponse(responseCode = "404", description = "no load or forecast of that zone is held",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ZoneLoadView> load(@PathParam("zone") String zone,
            @Parameter(description = "window length, ISO-8601 (PT5M, PT1H); default the shortest held")
            @QueryParam("window") String window,
            @Parameter(description = "first window start, ISO-8601 instant; default 24 hours before the newest window")
            @QueryParam("since") String since) {
        ZoneBook book = known(zone);
        Duration length;
        if (window == null || window.isBlank()) {
            List<Duration> held = book.windows(zone);
            if (held.isEmpty()) {
                return List.of();
            }
            length = held.get(0);
        } else {
            length = duration(window);
        }
        return book.load(zone, length, instant(since, book.latestWindowStart(zone, length)
                .orElse(Instant.EPOCH).minus(Duration.ofHours(24)), "since"));
    }

    @GET
    @Path("/{zone}/forecast")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A zone's latest forecast (by issue time), its quantiles per step (role viewer)")
    @APIResponse(responseCode = "404", description = "no forecast of that zone is held",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ForecastView forecast(@PathParam("zone") String zone) {
        return known(zone).latestForecast(zone).orElseThrow(() -> new ProblemException(Problem.Kind.NOT_FOUND,
                "no forecast of zone " + zone + " has been read from grid.forecasts yet (the forecaster issues one"
                        + " when the zone's load arrives)"));
    }

    @GET
    @Path("/{zone}/forecasts")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A zone's forecasts issued from a time on, oldest first (role viewer)")
    public List<ForecastView> forecasts(@PathParam("zone") String zone,
            @Parameter(description = "earliest issue time, ISO-8601 instant; default 24 hours before the newest forecast")
            @QueryParam("since") String since) {
        ZoneBook book = known(zone);
        return book.forecasts(zone, instant(since, book.latestForecast(zone).map(ForecastView::issueTime)
                .orElse(Instant.EPOCH).minus(Duration.ofHours(24)), "since"));
    }

    private ZoneBook known(String zone) {
        ZoneBook book = app.zones();
        if (!book.knows(zone)) {
            throw new ProblemException(Problem.Kind.NOT_FOUND, "no load or forecast of zone " + zone
                    + " has been read; GET /api/v1/zones lists the zones held");
        }
        return book;
    }

    private static Duration duration(String text) {
        try {
            Duration d = Duration.parse(text.strip());
            if (d.isNegative() || d.isZero()) {
                throw new ProblemException(Problem.Kind.BAD_REQUEST, "window " + text + " must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "window " + text
                    + " is not an ISO-8601 duration; give e.g. PT5M or PT1H");
        }
    }

    private static Instant instant(String text, Instant fallback, String name) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, name + " " + text
                    + " is not an ISO-8601 instant; give e.g. 2026-11-29T12:00:00Z");
        }
    }
}
