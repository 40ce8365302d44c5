package io.gridai.dispatch.service.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.gridai.dispatch.service.plan.WhatIfChanges;
import io.gridai.dispatch.service.plan.WhatIfRefused;
import io.gridai.dispatch.service.run.SolveRecord;
import io.gridai.dispatch.service.run.WhatIfResult;
import io.gridai.dispatch.service.runtime.DispatchApp;
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

/** Solve records and what-if runs. */
@Path("/dispatch")
@Produces(MediaType.APPLICATION_JSON)
public class DispatchResource {

    private final DispatchApp app;

    public DispatchResource(DispatchApp app) {
        this.app = app;
    }

    @GET
    @Path("/solves")
    @Operation(summary = "The latest solve records, newest first")
    public List<SolveRecord> solves(@Parameter(description = "most records to return (1..1000)") @QueryParam("limit") @DefaultValue("50")
            int limit) {
        if (limit < 1 || limit > 1000) {
            throw new WhatIfRefused("limit " + limit + " is outside 1..1000");
        }
        return app.history().newestFirst(limit);
    }

    @GET
    @Path("/solves/latest")
    @Operation(summary = "The latest solve record")
    @APIResponse(responseCode = "404", description = "no solve yet")
    public Response latest() {
        return app.history().latest().map(r -> Response.ok(r).build())
                .orElseGet(() -> ProblemMapper.problem(404, "no solve yet; the first runs when a forecast arrives or the periodic"
                        + " trigger fires (gridai.dispatch.triggers.every)"));
    }

    @GET
    @Path("/solves/{id}")
    @Operation(summary = "One solve record by id (while it is among the records kept)")
    @APIResponse(responseCode = "404", description = "no such record kept")
    public Response byId(@PathParam("id") String id) {
        return app.history().byId(id).map(r -> Response.ok(r).build())
                .orElseGet(() -> ProblemMapper.problem(404, "no solve record " + id + " is kept (gridai.dispatch.solves-kept)"));
    }

    @POST
    @Path("/what-if")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Runs the dispatch on the current inputs with a change; publishes nothing",
            description = "branchOutages: mpc.branch rows (1-based); unitOutages: generator asset ids; unitLimits: [{asset, pminMw,"
                    + " pmaxMw}]; zoneDemand: [{zone, deltaMw | percent}]; periods: 1..horizon")
    @APIResponse(responseCode = "400", description = "the change names something the grid does not have")
    public WhatIfResult whatIf(WhatIfChanges changes) {
        if (changes == null) {
            throw new WhatIfRefused("send a JSON body, e.g. {\"branchOutages\": [3]}");
        }
        return app.engine().whatIf(changes);
    }
}
