package io.gridai.operator.rest;

import io.gridai.model.ActorType;
import io.gridai.model.id.SandboxId;
import io.gridai.operator.replay.Replays;
import io.gridai.operator.security.Role;
import io.gridai.operator.service.OperatorApp;
import io.gridai.service.runtime.AuditTrail;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Replays of the historic archive into a sandbox (issue 11), started and steered as {@code gridai replay} does: each
 * is the replay module's {@code ReplayMain} in its own JVM ({@link Replays}), its state read from its status file.
 * Starting, pausing, resuming and stopping are recorded in the service's audit chain first.
 */
@Path("/api/v1/replays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "replays", description = "Replays of the archive into a sandbox: start, state, pause, resume, stop")
public class ReplaysResource {

    private final Replays replays;
    private final OperatorApp app;
    private final JsonWebToken token;

    public ReplaysResource(Replays replays, OperatorApp app, JsonWebToken token) {
        this.replays = replays;
        this.app = app;
        this.token = token;
    }

    /** The body of a start. */
    public record StartRequest(
            @Schema(description = "the sandbox: its topics are sandbox.NAME.*; lower-case letters, digits and '-'",
                    example = "week-2020-07") String sandbox,
            @Schema(description = "start of the window: a UTC day (2020-07-06) or an ISO-8601 instant") String from,
            @Schema(description = "end of the window (exclusive), as from") String to,
            @Schema(description = "only these assets (default: all)") List<String> assets,
            @Schema(description = "times real time (100, 600) or max; default 100") String speed) {
    }

    /** What the replays answer: the status file's fields, and the process's exit code once it has ended. */
    @Schema(name = "ReplayStatus", description = "sandbox, state (starting|running|paused|stopping|stopped|done|"
            + "failed), from, to, speed, records_sent, records_total (once known), event_time, records_per_second,"
            + " report (when done), error (when failed), updated_at; exit_code once the process has ended (0 done,"
            + " 2 stopped, 1 failed, 64 refused), log and output (the replay's log files) for replays this service"
            + " started")
    public static final class StatusSchema {
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a replay of the archive into a sandbox (role operator); recorded in the audit chain")
    @APIResponse(responseCode = "202", description = "started; Location: /api/v1/replays/{sandbox}",
            content = @Content(schema = @Schema(implementation = StatusSchema.class)))
    @APIResponse(responseCode = "400", description = "a bad sandbox name, date, speed or asset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a replay of that sandbox is running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "replays are not configured (gridai.operator.replay.*), or the"
            + " audit chain is unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Response start(StartRequest body) {
        if (body == null) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "the body is missing; send {\"sandbox\":\"week-1\","
                    + "\"from\":\"2020-07-06\",\"to\":\"2020-07-13\",\"speed\":\"100\"}");
        }
        Replays.Request request;
        try {
            request = Replays.check(body.sandbox(), body.from(), body.to(), body.assets(), body.speed());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, e.getMessage());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", request.from());
        details.put("to", request.to());
        details.put("speed", request.speed());
        details.put("assets", String.join(",", request.assets()));
        Map<String, Object> status = act(request.sandbox(), "not started", () -> replays.start(request,
                () -> audit(Replays.ACTION_START, request.sandbox(), details)));
        return Response.accepted(status).location(URI.create("/api/v1/replays/" + request.sandbox().value())).build();
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The replays: those started here and those with a status file (./gridai replay), by sandbox"
            + " (role viewer)")
    @APIResponse(responseCode = "200", description = "the replays' status",
            content = @Content(schema = @Schema(implementation = StatusSchema.class, type =
                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<Map<String, Object>> all() {
        return replays.all();
    }

    @GET
    @Path("/{sandbox}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A replay's status (role viewer)")
    @APIResponse(responseCode = "200", description = "its status",
            content = @Content(schema = @Schema(implementation = StatusSchema.class)))
    @APIResponse(responseCode = "404", description = "no replay of that sandbox is known",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Map<String, Object> one(@PathParam("sandbox") String sandbox) {
        SandboxId id = sandbox(sandbox);
        return replays.status(id).orElseThrow(() -> new ProblemException(Problem.Kind.NOT_FOUND, "no replay of sandbox "
                + id + " is known; GET /api/v1/replays lists the replays, POST /api/v1/replays starts one"));
    }

    @POST
    @Path("/{sandbox}/pause")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Pause a running replay (role operator): no more records until resumed")
    @APIResponse(responseCode = "202", description = "sent to the replay; its state shows paused once applied",
            content = @Content(schema = @Schema(implementation = StatusSchema.class)))
    @APIResponse(responseCode = "404", description = "no replay of that sandbox is running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the replay is still starting; try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response pause(@PathParam("sandbox") String sandbox) {
        return steer(sandbox, "pause");
    }

    @POST
    @Path("/{sandbox}/resume")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Resume a paused replay (role operator)")
    @APIResponse(responseCode = "202", description = "sent to the replay",
            content = @Content(schema = @Schema(implementation = StatusSchema.class)))
    @APIResponse(responseCode = "404", description = "no replay of that sandbox is running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the replay is still starting; try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resume(@PathParam("sandbox") String sandbox) {
        return steer(sandbox, "resume");
    }

    @POST
    @Path("/{sandbox}/stop")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Stop a replay (role operator): nothing more is sent, its sandbox jobs are cancelled, no"
            + " report; it ends as stopped (exit code 2)")
    @APIResponse(responseCode = "202", description = "sent to the replay",
            content = @Content(schema = @Schema(implementation = StatusSchema.class)))
    @APIResponse(responseCode = "404", description = "no replay of that sandbox is running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the replay is still starting; try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response stop(@PathParam("sandbox") String sandbox) {
        return steer(sandbox, "stop");
    }

    private Response steer(String sandbox, String command) {
        SandboxId id = sandbox(sandbox);
        Map<String, Object> status = act(id, "not sent", () -> replays.steer(id, command,
                () -> audit(Replays.ACTION_PREFIX + command, id, Map.of())));
        return Response.accepted(status).build();
    }

    private Map<String, Object> act(SandboxId id, String notDone, java.util.function.Supplier<Map<String, Object>> action) {
        try {
            return action.get();
        } catch (Replays.NotConfiguredException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, e.getMessage());
        } catch (Replays.BusyException e) {
            throw new ProblemException(Problem.Kind.REPLAY_RUNNING, e.getMessage(), Map.of("sandbox", id.value()));
        } catch (Replays.NotRunningException e) {
            throw new ProblemException(Problem.Kind.NOT_FOUND, e.getMessage(), Map.of("sandbox", id.value()));
        } catch (AuditTrail.AuditException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, notDone + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, e.getMessage());
        }
    }

    private void audit(String action, SandboxId sandbox, Map<String, String> details) {
        app.audit().append(ActorType.OPERATOR, token.getSubject(), action, sandbox.value(), details);
    }

    private static SandboxId sandbox(String text) {
        try {
            return SandboxId.of(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, e.getMessage());
        }
    }
}
