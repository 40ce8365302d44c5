package io.gridai.storage.rest;

import io.gridai.storage.control.UnitStatus;
import io.gridai.storage.service.StorageApp;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The fleet as operators see it: per unit state of charge, mode, last setpoint, headroom, wear. */
@Path("/storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {

    private final StorageApp app;

    public StorageResource(StorageApp app) {
        this.app = app;
    }

    /**
     * The service clock, the latest frequency reading, the fleet's frequency-response reserve (MW; units held by an
     * operator or in safe hold count nothing) and every unit.
     */
    public record FleetView(String clock, Instant now, Double frequencyHz, Instant frequencyTime, double reserveMw, List<UnitStatus> units) {
    }

    @GET
    @Path("/fleet")
    public FleetView fleet() {
        var frequency = app.frequency();
        return new FleetView(app.clock().name().toLowerCase(java.util.Locale.ROOT), app.now().orElse(null),
                frequency.map(java.util.Map.Entry::getValue).orElse(null),
                frequency.map(java.util.Map.Entry::getKey).orElse(null), app.reserveMw(), app.status());
    }

    @GET
    @Path("/units/{asset}")
    public UnitStatus unit(@PathParam("asset") String asset) {
        return app.status(asset).orElseThrow(() -> new NotFoundException("no battery " + asset + " in the fleet; the"
                + " fleet is " + app.fleet().stream().map(u -> u.asset().value()).toList()));
    }
}
