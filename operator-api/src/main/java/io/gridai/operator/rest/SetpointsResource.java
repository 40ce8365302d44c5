package io.gridai.operator.rest;

import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.operator.audit.AuditTrail;
import io.gridai.operator.live.LiveStateUnavailableException;
import io.gridai.operator.override.OverrideConfig;
import io.gridai.operator.override.SetpointOverrides;
import io.gridai.operator.security.Role;
import io.gridai.operator.stream.StreamKind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' manual setpoint overrides, through the same safety envelope as the dispatch optimiser's setpoints. */
@Path("/api/v1/setpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "setpoints", description = "Manual setpoint overrides")
public class SetpointsResource {

    /** Longest reason. */
    public static final int MAX_REASON = 1000;

    private final SetpointOverrides overrides;
    private final JsonWebToken token;

    public SetpointsResource(SetpointOverrides overrides, JsonWebToken token) {
        this.overrides = overrides;
        this.token = token;
    }

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
        } catch (SetpointOverrides.NoGridException | LiveStateUnavailableException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, "not overridden: " + e.getMessage());
        } catch (AuditTrail.AuditException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, "not overridden (nothing was published): "
                    + e.getMessage());
        } catch (SetpointOverrides.NotPublishedException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, e.getMessage());
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
                    + " (gridai.operator.setpoints.max-valid-for)");
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
