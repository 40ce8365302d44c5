package io.gridai.gateway.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.a2a.common.A2AHeaders;
import io.a2a.server.ServerCallContext;
import io.a2a.server.apps.quarkus.CallContextFactory;
import io.a2a.server.auth.UnauthenticatedUser;
import io.a2a.server.auth.User;
import io.a2a.server.extensions.A2AExtensions;
import io.a2a.util.Utils;
import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.security.Callers;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The call context of each A2A request (the SDK's route asks for it on the request's thread, where the verified token
 * is known): the {@link Callers.Resolved caller} of the token under {@link A2aCalls#CALLER}, for the executor that runs
 * on another thread. Headers are not copied: nothing downstream reads them, and the token must not travel.
 */
@ApplicationScoped
public class A2aCallContexts implements CallContextFactory {

    /** The methods {@link A2aRequests} answers (and audits) itself. */
    private static final Set<String> HANDLED = Set.of("message/send", "tasks/get", "tasks/cancel");

    private final Callers callers;
    private final A2aCalls calls;

    public A2aCallContexts(Callers callers, A2aCalls calls) {
        this.callers = callers;
        this.calls = calls;
    }

    @Override
    public ServerCallContext build(RoutingContext rc) {
        Callers.Resolved resolved = callers.current();
        auditIfRefusedBeforeUs(rc, resolved);
        User user = resolved.caller().<User>map(c -> new AgentUser(c.agent().value()))
                .orElse(UnauthenticatedUser.INSTANCE);
        Map<String, Object> state = new HashMap<>();
        state.put(A2aCalls.CALLER, resolved);
        return new ServerCallContext(user, state, A2AExtensions.getRequestedExtensions(
                rc.request().headers().getAll(A2AHeaders.X_A2A_EXTENSIONS)));
    }

    /**
     * The SDK answers some requests before {@link A2aRequests} sees them: methods the card says are not supported
     * (streaming, push notifications, the extended card), unknown methods and bodies that are not JSON-RPC. Those are
     * recorded here, as refused, so that every A2A request is in the chain.
     */
    private void auditIfRefusedBeforeUs(RoutingContext rc, Callers.Resolved resolved) {
        String body = rc.body() == null ? null : rc.body().asString();
        String method;
        String digest;
        String subject = "";
        try {
            JsonNode node = body == null ? null : Utils.OBJECT_MAPPER.readTree(body);
            JsonNode m = node == null ? null : node.get("method");
            method = m != null && m.isTextual() ? m.asText() : "";
            JsonNode params = node == null ? null : node.get("params");
            digest = calls.digest(params == null ? Map.of() : params);
            if (params != null) {
                subject = params.path("message").path("messageId").asText(params.path("id").asText(
                        params.path("taskId").asText("")));
            }
        } catch (JsonProcessingException e) {
            method = "";
            digest = GatewayAudit.digest(body == null ? "" : body);
        }
        if (HANDLED.contains(method)) {
            return;
        }
        String reason = method.isEmpty() ? "not a JSON-RPC request with a method"
                : method.equals("message/stream") || method.equals("tasks/resubscribe") ? A2aRequests.NO_STREAMING
                        : method.startsWith("tasks/pushNotificationConfig/") ? A2aRequests.NO_PUSH
                                : method.equals("agent/getAuthenticatedExtendedCard") ? "there is no authenticated"
                                        + " extended card; the public card at /.well-known/agent-card.json is all"
                                        : "method " + method + " is not an A2A method this gateway knows";
        calls.refused(resolved.who(), method.isEmpty() ? "-" : method, subject, digest, reason);
    }

    private record AgentUser(String agent) implements User {
        @Override
        public boolean isAuthenticated() {
            return true;
        }

        @Override
        public String getUsername() {
            return agent;
        }
    }
}
