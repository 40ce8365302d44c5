package io.gridai.operator.rest;

import io.gridai.model.AlertState;
import io.gridai.model.id.AlertId;
import io.gridai.operator.alerts.Acknowledgement;
import io.gridai.operator.alerts.AlertView;
import io.gridai.service.runtime.AuditTrail;
import io.gridai.operator.security.Role;
import io.gridai.operator.service.OperatorApp;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

/** The alerts of {@code grid.alerts} and their acknowledgement. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts", description = "Limit and data-quality alerts, and their acknowledgement")
public class AlertsResource {

    /** Longest acknowledgement comment. */
    public static final int MAX_COMMENT = 1000;

    private final OperatorApp app;
    private final JsonWebToken token;

    public AlertsResource(OperatorApp app, JsonWebToken token) {
        this.app = app;
        this.token = token;
    }

    /** The body of an acknowledgement; the comment is optional. */
    public record AckRequest(@Schema(description = "why, what was done (at most 1000 characters)") String comment) {
    }

    /** What an acknowledgement answers: the alert with its acknowledgement. */
    public record AckResponse(AlertView alert) {
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The alerts held (newest first), each with its acknowledgement state (role viewer)")
    public List<AlertView> list(
            @Parameter(description = "RAISED or CLEARED") @QueryParam("state") String state,
            @Parameter(description = "an asset id") @QueryParam("asset") String asset) {
        return app.alerts().list(parseState(state), Optional.ofNullable(asset).filter(s -> !s.isBlank()));
    }

    @POST
    @Path("/{id}/ack")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge an alert (role operator); a second acknowledgement is refused with 409")
    @APIResponse(responseCode = "200", description = "acknowledged")
    @APIResponse(responseCode = "404", description = "no such alert in the window",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already acknowledged (by whom, when)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AckResponse acknowledge(@PathParam("id") String id, AckRequest body) {
        AlertId alertId;
        try {
            alertId = AlertId.of(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "not an alert id: " + e.getMessage());
        }
        String comment = body == null || body.comment() == null ? "" : body.comment().strip();
        if (comment.length() > MAX_COMMENT) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST,
                    "the comment has " + comment.length() + " characters; at most " + MAX_COMMENT);
        }
        OperatorApp.AckResult result;
        try {
            result = app.acknowledge(alertId, token.getSubject(), comment)
                    .orElseThrow(() -> new ProblemException(Problem.Kind.NOT_FOUND, "no alert " + id
                            + " among the alerts held (the newest alerts of grid.alerts)"));
        } catch (AuditTrail.AuditException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, "not acknowledged: " + e.getMessage());
        }
        if (!result.created()) {
            Acknowledgement held = result.acknowledgement();
            Map<String, Object> who = new LinkedHashMap<>();
            who.put("acknowledgedBy", held.by());
            who.put("acknowledgedAt", held.at().toString());
            throw new ProblemException(Problem.Kind.ALREADY_ACKNOWLEDGED,
                    "alert " + id + " was acknowledged by " + held.by() + " at " + held.at(), who);
        }
        return new AckResponse(app.alerts().get(alertId).orElseThrow());
    }

    private static Optional<AlertState> parseState(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AlertState.valueOf(state.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "state is " + state + "; give RAISED or CLEARED");
        }
    }
}
