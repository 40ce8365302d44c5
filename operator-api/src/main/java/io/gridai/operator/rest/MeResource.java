package io.gridai.operator.rest;

import io.gridai.operator.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the token says the caller is. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identity", description = "The caller as the token names them")
public class MeResource {

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public MeResource(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /**
     * The caller: {@code subject} (the token's {@code sub}, the actor of audit events), {@code name} ({@code upn} or
     * {@code preferred_username}, else the subject), the roles the token grants ({@code groups}), the roles they
     * include ({@code effectiveRoles}, lowest first), the issuer and when the token expires.
     */
    public record Me(String subject, String name, Set<String> grantedRoles, List<String> effectiveRoles, String issuer,
            Instant expiresAt) {
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Who the token says you are, and your roles (role viewer)")
    public Me me() {
        Set<String> granted = new TreeSet<>(token.getGroups() == null ? Set.of() : token.getGroups());
        List<String> effective = Role.effective(identity.getRoles()).stream().map(Role::roleName).toList();
        return new Me(token.getSubject(), token.getName(), granted, effective, token.getIssuer(),
                Instant.ofEpochSecond(token.getExpirationTime()));
    }
}
