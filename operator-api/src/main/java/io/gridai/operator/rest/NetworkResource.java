package io.gridai.operator.rest;

import io.gridai.model.Measurement;
import io.gridai.operator.live.GridCase;
import io.gridai.operator.live.LiveStateUnavailableException;
import io.gridai.operator.live.LiveValues;
import io.gridai.operator.live.NetworkView;
import io.gridai.operator.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** The grid's topology (the MATPOWER case the platform runs) with branch loading and outputs from the live state. */
@Path("/api/v1/network")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "network", description = "The grid's topology with live branch loading, for the console's network view")
public class NetworkResource {

    private static final Logger LOG = Logger.getLogger(NetworkResource.class);

    private final GridCase grid;
    private final LiveValues live;

    public NetworkResource(GridCase grid, LiveValues live) {
        this.grid = grid;
        this.live = live;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Buses, branches (with their latest BRANCH_LOADING), generators and batteries (with their"
            + " latest ACTIVE_POWER) of the grid case (role viewer); live values null where the live state has none,"
            + " all null with liveState false while it is unreachable")
    @APIResponse(responseCode = "200", description = "the network")
    @APIResponse(responseCode = "503", description = "no grid case is configured (gridai.operator.grid.case-file)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NetworkView network() {
        GridCase.Loaded g = grid.get()
                .orElseThrow(() -> new ProblemException(Problem.Kind.UNAVAILABLE, GridCase.notConfigured()));
        Optional<Map<String, Measurement>> values;
        try {
            values = Optional.of(live.latest(NetworkView.liveKeys(g)));
        } catch (LiveStateUnavailableException e) {
            LOG.debugf("network view without live values: %s", e.getMessage());
            values = Optional.empty();
        }
        return NetworkView.of(g, values);
    }
}
