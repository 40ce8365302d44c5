package io.gridai.gateway.security;

import io.gridai.model.id.AgentId;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads the {@link Caller} from the request's verified token. The HTTP layer has already refused requests without a
 * valid agent token (signature, issuer, expiry, audience {@code gridai-agent-gateway}); what is checked here is what
 * the gateway adds: a valid agent id in {@code sub} and a known tier.
 */
@ApplicationScoped
public class Callers {

    private final CurrentIdentityAssociation identities;

    public Callers(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** The caller, or why the token does not make one (a sentence for the agent). */
    public Resolved current() {
        SecurityIdentity identity = identities.getIdentity();
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return new Resolved(Optional.empty(), "unknown", "no agent token: send Authorization: Bearer <token>"
                    + " issued by `gridai token --agent NAME --tier TIER`");
        }
        return of(jwt);
    }

    /** The caller of a token. */
    public static Resolved of(JsonWebToken jwt) {
        AgentId agent;
        try {
            agent = AgentId.of(jwt.getSubject());
        } catch (IllegalArgumentException e) {
            return new Resolved(Optional.empty(), "unknown", "the token's sub claim is not an agent id: "
                    + e.getMessage());
        }
        Object tierClaim = jwt.getClaim(Tier.CLAIM);
        String tierText = tierClaim instanceof JsonString s ? s.getString() : tierClaim == null ? null : tierClaim.toString();
        Optional<Tier> tier = Tier.ofClaim(tierText);
        if (tier.isEmpty()) {
            return new Resolved(Optional.empty(), agent.value(), "the token's " + Tier.CLAIM + " claim is " + (tierText == null
                    ? "missing" : "'" + tierText + "'") + "; it must be one of " + Tier.claims());
        }
        return new Resolved(Optional.of(new Caller(agent, tier.get(), strings(jwt.getClaim(Caller.ZONES_CLAIM)),
                strings(jwt.getClaim(Caller.ASSETS_CLAIM)))), agent.value(), "");
    }

    private static Set<String> strings(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    out.add(s.getString());
                }
            }
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> out.add(v instanceof JsonString s ? s.getString() : String.valueOf(v)));
        } else if (claim instanceof JsonString s) {
            out.add(s.getString());
        } else if (claim instanceof String s) {
            out.add(s);
        }
        return out;
    }

    /** A caller, or the reason there is none; {@code who} names the token's agent for the audit, when it has one. */
    public record Resolved(Optional<Caller> caller, String who, String refusal) {
    }
}
