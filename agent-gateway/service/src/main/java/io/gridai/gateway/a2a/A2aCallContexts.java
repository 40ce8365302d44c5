package io.gridai.gateway.a2a;

import io.a2a.common.A2AHeaders;
import io.a2a.server.ServerCallContext;
import io.a2a.server.apps.quarkus.CallContextFactory;
import io.a2a.server.auth.UnauthenticatedUser;
import io.a2a.server.auth.User;
import io.a2a.server.extensions.A2AExtensions;
import io.gridai.gateway.security.Callers;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * The call context of each A2A request (the SDK's route asks for it on the request's thread, where the verified token
 * is known): the {@link Callers.Resolved caller} of the token under {@link A2aCalls#CALLER}, for the executor that runs
 * on another thread. Headers are not copied: nothing downstream reads them, and the token must not travel.
 */
@ApplicationScoped
public class A2aCallContexts implements CallContextFactory {

    private final Callers callers;

    public A2aCallContexts(Callers callers) {
        this.callers = callers;
    }

    @Override
    public ServerCallContext build(RoutingContext rc) {
        Callers.Resolved resolved = callers.current();
        User user = resolved.caller().<User>map(c -> new AgentUser(c.agent().value()))
                .orElse(UnauthenticatedUser.INSTANCE);
        Map<String, Object> state = new HashMap<>();
        state.put(A2aCalls.CALLER, resolved);
        return new ServerCallContext(user, state, A2AExtensions.getRequestedExtensions(
                rc.request().headers().getAll(A2AHeaders.X_A2A_EXTENSIONS)));
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
