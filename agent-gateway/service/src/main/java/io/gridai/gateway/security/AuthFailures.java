package io.gridai.gateway.security;

import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.service.GatewayApp;
import io.gridai.model.ActorType;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Requests the HTTP layer refused (answered 401 before any tool ran: no token, a token signed by another key, of
 * another issuer, expired, or without the agents' audience, as operators' tokens are) are recorded in the audit chain
 * as {@code agent.auth.refused} with the reason smallrye-jwt gave; the token itself is not recorded.
 */
@ApplicationScoped
public class AuthFailures {

    private static final Logger LOG = Logger.getLogger(AuthFailures.class);

    private final GatewayApp app;

    public AuthFailures(GatewayApp app) {
        this.app = app;
    }

    void refused(@Observes AuthenticationFailureEvent event) {
        Throwable cause = event.getAuthenticationFailure();
        String reason = cause == null ? "unauthenticated" : reason(cause);
        Object routing = event.getEventProperties().get(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE);
        String path = routing instanceof io.vertx.ext.web.RoutingContext rc ? rc.normalizedPath() : "";
        Map<String, String> d = new LinkedHashMap<>();
        d.put("path", path);
        d.put("reason", reason);
        app.recordLater(ActorType.AGENT, "unauthenticated", GatewayAudit.AUTH_REFUSED, path.isEmpty() ? "-" : path, d);
        LOG.infof("request refused path=%s reason=%s", path, reason);
    }

    private static String reason(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                sb.append(": ").append(c.getMessage());
            }
            if (c.getCause() == c) {
                break;
            }
        }
        String s = sb.toString();
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
