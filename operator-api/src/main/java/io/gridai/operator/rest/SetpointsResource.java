package io.gridai.operator.rest;

import io.gridai.operator.security.Role;
import io.gridai.operator.setpoints.Setpoints;
import io.gridai.operator.stream.StreamKind.SetpointView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The setpoints of {@code grid.setpoints}: the current ones and the history, both from the window held in memory
 * (re-read from {@code gridai.operator.setpoints.lookback} at start). A setpoint is shown as the {@code setpoints}
 * stream shows it.
 */
@Path("/api/v1/setpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "setpoints", description = "Setpoints in force and their history")
public class SetpointsResource {

    private final Setpoints setpoints;

    public SetpointsResource(Setpoints setpoints) {
        this.setpoints = setpoints;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The current setpoints: per asset and kind the newest issued one still valid now or later"
            + " (role viewer)")
    public List<SetpointView> current(@Parameter(description = "an asset id") @QueryParam("asset") String asset) {
        return setpoints.book().current(Instant.now(), text(asset)).stream().map(SetpointView::of).toList();
    }

    @GET
    @Path("/history")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Setpoints issued in [from, to), newest first, from the window held in memory"
            + " (gridai.operator.setpoints.lookback back from the start; role viewer)")
    public List<SetpointView> history(@Parameter(description = "an asset id") @QueryParam("asset") String asset,
            @Parameter(description = "ISO-8601 instant, inclusive (issue time)") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive (issue time)") @QueryParam("to") String to,
            @Parameter(description = "most setpoints (1..gridai.operator.setpoints.history-limit)")
            @QueryParam("limit") @DefaultValue("100") int limit) {
        int max = setpoints.config().historyLimit();
        if (limit < 1 || limit > max) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "limit " + limit + " is outside 1.." + max);
        }
        Optional<Instant> f = instant("from", from);
        Optional<Instant> t = instant("to", to);
        if (f.isPresent() && t.isPresent() && !f.get().isBefore(t.get())) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "from " + from + " is not before to " + to);
        }
        return setpoints.book().history(text(asset), f, t, limit).stream().map(SetpointView::of).toList();
    }

    private static Optional<String> text(String s) {
        return Optional.ofNullable(s).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<Instant> instant(String name, String value) {
        Optional<String> v = text(value);
        try {
            return v.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, name + " is " + value
                    + "; give an ISO-8601 instant such as 2025-01-15T10:15:30Z");
        }
    }
}
