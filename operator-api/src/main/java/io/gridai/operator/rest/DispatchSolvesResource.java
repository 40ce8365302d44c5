package io.gridai.operator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.operator.dispatch.DispatchClient;
import io.gridai.operator.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dispatch optimiser's solve records (objective, binding constraints, setpoints published and refused), asked of
 * the optimiser service over HTTP and passed through as its JSON.
 */
@Path("/api/v1/dispatch/solves")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dispatch", description = "The dispatch optimiser's solves")
public class DispatchSolvesResource {

    /** Most records one request may ask for (the optimiser's own bound). */
    public static final int MAX_LIMIT = 1000;

    private final DispatchClient client;
    private final ObjectMapper json;

    public DispatchSolvesResource(DispatchClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The newest solve records of the dispatch optimiser, newest first (role viewer)")
    @APIResponse(responseCode = "503", description = "the optimiser is not configured or does not answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response solves(@Parameter(description = "most records (1..1000)") @QueryParam("limit")
            @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(Problem.Kind.BAD_REQUEST, "limit " + limit + " is outside 1.." + MAX_LIMIT);
        }
        return pass(ask(() -> client.solves(limit)));
    }

    @GET
    @Path("/latest")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The dispatch optimiser's latest solve record (role viewer)")
    @APIResponse(responseCode = "404", description = "the optimiser has not solved yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "the optimiser is not configured or does not answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response latest() {
        return pass(ask(client::latest));
    }

    private static DispatchClient.Answer ask(java.util.function.Supplier<DispatchClient.Answer> call) {
        try {
            return call.get();
        } catch (DispatchClient.Unavailable e) {
            throw new ProblemException(Problem.Kind.UNAVAILABLE, e.getMessage());
        }
    }

    private Response pass(DispatchClient.Answer a) {
        if (a.ok()) {
            return Response.ok(a.body(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        String said = detail(a.body());
        String from = "the dispatch optimiser at " + client.url().map(Object::toString).orElse("?") + " answered "
                + a.status() + (said.isEmpty() ? "" : ": " + said);
        if (a.status() == 404) {
            throw new ProblemException(Problem.Kind.NOT_FOUND, from);
        }
        throw new ProblemException(Problem.Kind.UNAVAILABLE, from + "; see its log");
    }

    /** The {@code detail} of the optimiser's problem answer, if it is one. */
    private String detail(String body) {
        try {
            JsonNode n = json.readTree(body);
            return n != null && n.hasNonNull("detail") ? n.get("detail").asText() : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
