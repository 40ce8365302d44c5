package io.gridai.gateway.security;

import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.service.GatewayApp;
import io.gridai.model.ActorType;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
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
        String path = path(event.getEventProperties());
        Map<String, String> d = new LinkedHashMap<>();
        d.put("path", path);
        d.put("reason", reason);
        app.recordLater(ActorType.AGENT, "unauthenticated", GatewayAudit.AUTH_REFUSED, path.isEmpty() ? "-" : path, d);
        LOG.infof("request refused path=%s reason=%s", path, reason);
    }

    /**
     * A request without any token that a path needing one refused (an anonymous identity denied by the HTTP
     * permissions): recorded as a refused token is. A verified agent's denials are not door refusals; the tools and
     * the A2A endpoint audit those themselves.
     */
    void denied(@Observes AuthorizationFailureEvent event) {
        if (event.getSecurityIdentity() != null && !event.getSecurityIdentity().isAnonymous()) {
            return;
        }
        String path = path(event.getEventProperties());
        Map<String, String> d = new LinkedHashMap<>();
        d.put("path", path);
        d.put("reason", "no token: send Authorization: Bearer <agent token>");
        app.recordLater(ActorType.AGENT, "unauthenticated", GatewayAudit.AUTH_REFUSED, path.isEmpty() ? "-" : path, d);
        LOG.infof("request refused path=%s reason=no token", path);
    }

    /** The request's path: the routing context is under one key or the other, depending on who raised the event. */
    private static String path(Map<String, Object> properties) {
        Object routing = properties.get(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE);
        if (routing == null) {
            routing = properties.get(io.vertx.ext.web.RoutingContext.class.getName());
        }
        return routing instanceof io.vertx.ext.web.RoutingContext rc ? rc.normalizedPath() : "";
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
