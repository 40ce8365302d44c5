package io.gridai.operator.rest;

import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.service.runtime.AuditTrail;
import io.gridai.operator.clock.GridClock;
import io.gridai.operator.live.LiveStateUnavailableException;
import io.gridai.operator.override.OverrideConfig;
import io.gridai.operator.override.SetpointOverrides;
import io.gridai.operator.security.Role;
import io.gridai.operator.setpoints.Setpoints;
import io.gridai.operator.stream.StreamKind.SetpointView;
import io.gridai.operator.stream.StreamKind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The setpoints of {@code grid.setpoints}: the current ones and the history, both from the window held in memory
 * (re-read from {@code gridai.operator.setpoints.lookback} at start), and operators' manual overrides, through the
 * same safety envelope as the dispatch optimiser's setpoints. A setpoint is shown as the {@code setpoints} stream
 * shows it.
 */
@Path("/api/v1/setpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "setpoints", description = "Setpoints in force, their history, and manual overrides")
public class SetpointsResource {

    private final Setpoints setpoints;
    private final SetpointOverrides overrides;
    private final JsonWebToken token;
    private final GridClock clock;

    public SetpointsResource(Setpoints setpoints, SetpointOverrides overrides, JsonWebToken token, GridClock clock) {
        this.clock = clock;
        this.setpoints = setpoints;
        this.overrides = overrides;
        this.token = token;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The current setpoints: per asset and kind the newest issued one still valid now or later"
            + " (role viewer)")
    public List<SetpointView> current(@Parameter(description = "an asset id") @QueryParam("asset") String asset) {
        Instant now;
        try {
            now = clock.nowOrThrow();
        } catch (GridClock.GridTimeUnknownException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, e.getMessage());
        }
        return setpoints.book().current(now, text(asset)).stream().map(SetpointView::of).toList();
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

    /** Longest reason. */
    public static final int MAX_REASON = 1000;

    /** The body of an override. */
    public record OverrideRequest(
            @Schema(description = "the quantity; ACTIVE_POWER (the one the envelope checks)") String kind,
            @Schema(description = "the target in the kind's unit (MW), generator sign (a charging battery negative)") Double target,
            @Schema(description = "ISO-8601 duration the setpoint holds from now, e.g. PT15M") String validFor,
            @Schema(description = "why (recorded in the audit event; at most 1000 characters)") String reason) {
    }

    /** What an accepted override answers. */
    public record OverrideResponse(StreamKind.SetpointView setpoint, long auditSequence, String auditChain,
            String checkedAs) {
    }

    @POST
    @Path("/{asset}/override")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Override an asset's active-power setpoint (role operator): checked by the optimiser's safety"
            + " envelope, recorded in the audit chain, then published to grid.setpoints with origin OPERATOR")
    @APIResponse(responseCode = "201", description = "published (after the audit event)")
    @APIResponse(responseCode = "400", description = "a malformed body, kind, validFor or reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "this service runs in a sandbox (gridai.sandbox): no real setpoint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "outside the safety envelope: the detail says which limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "no grid case configured, the live state or Kafka unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response override(@PathParam("asset") String asset, OverrideRequest body) {
        AssetId id = AssetsResource.asset(asset);
        SetpointOverrides.Request request = request(id, body, overrides.config());
        SetpointOverrides.Outcome outcome;
        try {
            outcome = overrides.override(request, token.getSubject());
        } catch (SetpointOverrides.NoGridException | LiveStateUnavailableException
                | GridClock.GridTimeUnknownException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, "not overridden: " + e.getMessage());
        } catch (AuditTrail.AuditException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, "not overridden (nothing was published): "
                    + e.getMessage());
        } catch (SetpointOverrides.NotPublishedException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, e.getMessage());
        }
        if (outcome instanceof SetpointOverrides.Guarded guarded) {
            throw new ProblemException(Problem.Kind.SANDBOX_CANNOT_ACTUATE, guarded.reason(), Map.of("asset", id.value()));
        }
        if (outcome instanceof SetpointOverrides.Refused refused) {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("asset", id.value());
            members.put("target", request.target());
            members.put("checkedAs", refused.checkedAs().name());
            throw new ProblemException(Problem.Kind.SETPOINT_OUTSIDE_ENVELOPE, refused.reason(), members);
        }
        SetpointOverrides.Accepted accepted = ((SetpointOverrides.Done) outcome).accepted();
        var s = accepted.setpoint();
        StreamKind.SetpointView view = new StreamKind.SetpointView(s.id().value(), s.asset().value(), s.kind().name(),
                s.unit().symbol(), s.target(), s.validFrom(), s.validUntil(), s.origin().name(), null, s.issuedBy(),
                s.issuedAt());
        return Response.status(Response.Status.CREATED).entity(new OverrideResponse(view, accepted.audit().sequence(),
                accepted.auditChain(), accepted.checkedAs().name())).build();
    }

    private static SetpointOverrides.Request request(AssetId asset, OverrideRequest body, OverrideConfig config) {
        if (body == null) {
            throw bad("the body is missing; send {\"kind\":\"ACTIVE_POWER\",\"target\":12.5,\"validFor\":\"PT15M\","
                    + "\"reason\":\"...\"}");
        }
        if (body.kind() == null || body.kind().isBlank()) {
            throw bad("kind is missing; give ACTIVE_POWER");
        }
        MeasurementKind kind = AssetsResource.kind(body.kind());
        if (kind != MeasurementKind.ACTIVE_POWER) {
            throw bad("kind is " + kind + "; only ACTIVE_POWER setpoints can be overridden (the safety envelope checks"
                    + " active power)");
        }
        if (body.target() == null) {
            throw bad("target is missing; give the active power in MW");
        }
        if (body.validFor() == null || body.validFor().isBlank()) {
            throw bad("validFor is missing; give an ISO-8601 duration such as PT15M");
        }
        Duration validFor;
        try {
            validFor = Duration.parse(body.validFor().strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw bad("validFor is " + body.validFor() + "; give an ISO-8601 duration such as PT15M");
        }
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(config.maxValidFor()) > 0) {
            throw bad("validFor is " + validFor + "; give more than zero and at most " + config.maxValidFor()
                    + " (gridai.operator.overrides.max-valid-for)");
        }
        String reason = body.reason() == null ? "" : body.reason().strip();
        if (reason.isEmpty()) {
            throw bad("reason is missing; say why the setpoint is overridden (it goes into the audit chain)");
        }
        if (reason.length() > MAX_REASON) {
            throw bad("the reason has " + reason.length() + " characters; at most " + MAX_REASON);
        }
        return new SetpointOverrides.Request(asset, kind, body.target(), validFor, reason);
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(Problem.Kind.BAD_REQUEST, detail);
    }
}
