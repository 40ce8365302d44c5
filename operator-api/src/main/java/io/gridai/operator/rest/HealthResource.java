package io.gridai.operator.rest;

import io.gridai.operator.health.SystemHealth;
import io.gridai.operator.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's health for the operators' console (cached for {@code gridai.operator.health.cache-for}). */
@Path("/api/v1/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health", description = "System health: Kafka, this service, the configured services, topic freshness")
public class HealthResource {

    private final SystemHealth health;

    public HealthResource(SystemHealth health) {
        this.health = health;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "UP, DEGRADED (something other than Kafka is down) or DOWN (Kafka unreachable), each check,"
            + " and the newest record's time of the key topics (role viewer); always 200")
    public SystemHealth.Report health() {
        return health.report();
    }
}
