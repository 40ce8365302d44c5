package io.gridai.gateway.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.a2a.server.ServerCallContext;
import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.security.Caller;
import io.gridai.gateway.security.Callers;
import io.gridai.gateway.security.RateLimiter;
import io.gridai.gateway.security.Tier;
import io.gridai.gateway.service.GatewayApp;
import io.gridai.model.ActorType;
import io.gridai.service.runtime.AuditTrail;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What every A2A request goes through, as {@code mcp/ToolCalls} for tool calls: who calls (the verified token's agent
 * and tier, put in the call context by {@link A2aCallContexts}, never the message's content), whether the tier may
 * (every A2A method needs {@code propose}: the endpoint's skills are proposing and following proposals), the agent's
 * rate budget, and one audit event {@code agent.a2a.request} with the method, the message or task id, a SHA-256 digest
 * of the arguments, the outcome ({@code ok}, {@code refused}) and the proposal, the answer's digest or the reason.
 */
@ApplicationScoped
public class A2aCalls {

    /** The key of the {@link Callers.Resolved} caller in a {@link ServerCallContext}'s state. */
    public static final String CALLER = "gridai.caller";
    /** The tier every A2A method needs. */
    public static final Tier LEAST = Tier.PROPOSE;

    private static final Logger LOG = Logger.getLogger(A2aCalls.class);

    /** A request let in ({@code caller} present) or refused ({@code refusal}); {@code who} names the agent for the audit. */
    public record Admission(String who, Optional<Caller> caller, String refusal) {
        public boolean admitted() {
            return caller.isPresent();
        }
    }

    private final RateLimiter rates;
    private final GatewayApp app;
    private final MeterRegistry metrics;
    private final ObjectMapper json;

    public A2aCalls(RateLimiter rates, GatewayApp app, MeterRegistry metrics, ObjectMapper json) {
        this.rates = rates;
        this.app = app;
        this.metrics = metrics;
        this.json = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    }

    /**
     * Lets a request in or says why not: a token that makes a caller, tier {@code propose} or above, a token from the
     * agent's bucket (and from the method's own, {@code gridai.gateway.rate.tools.<budget>}).
     */
    public Admission admit(ServerCallContext context, String budget) {
        Object state = context == null ? null : context.getState().get(CALLER);
        if (!(state instanceof Callers.Resolved resolved)) {
            return new Admission("unknown", Optional.empty(), "no agent token: send Authorization: Bearer <token>");
        }
        if (resolved.caller().isEmpty()) {
            return new Admission(resolved.who(), Optional.empty(), resolved.refusal());
        }
        Caller caller = resolved.caller().get();
        String agent = caller.agent().value();
        if (!caller.tier().includes(LEAST)) {
            return new Admission(agent, Optional.empty(), "the A2A endpoint needs tier " + LEAST.claim()
                    + " or above; this agent's token has " + caller.tier().claim()
                    + " (agents of lower tiers read and study through MCP at /mcp)");
        }
        Optional<String> limited = rates.take(agent, budget);
        if (limited.isPresent()) {
            return new Admission(agent, Optional.empty(), limited.get());
        }
        return new Admission(agent, Optional.of(caller), "");
    }

    /** The SHA-256 digest of a value as JSON with sorted keys. */
    public String digest(Object value) {
        return GatewayAudit.digest(write(value));
    }

    /** The value as JSON with sorted keys. */
    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a value could not be written as JSON: " + e.getMessage(), e);
        }
    }

    /** The value as a JSON object (for a DataPart). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap(Object value) {
        return json.convertValue(value, Map.class);
    }

    /**
     * Records a request that was answered; the answer must be given only after this returns.
     *
     * @throws AuditTrail.AuditException when the chain cannot be written
     */
    public void answered(String agent, String method, String subject, String argumentsDigest, Map<String, String> more) {
        Map<String, String> d = details(method, subject, argumentsDigest, "ok");
        d.putAll(more);
        app.audit().append(ActorType.AGENT, agent, GatewayAudit.A2A_REQUEST, method, d);
        metrics.counter("gridai.gateway.a2a.requests", "method", method, "outcome", "ok").increment();
    }

    /** Records a refused request (a failure to record is logged: nothing took effect that the record must precede). */
    public void refused(String agent, String method, String subject, String argumentsDigest, String reason) {
        Map<String, String> d = details(method, subject, argumentsDigest, "refused");
        d.put("reason", reason);
        GatewayAudit.tryAppend(app.audit(), ActorType.AGENT, agent, GatewayAudit.A2A_REQUEST, method, d);
        metrics.counter("gridai.gateway.a2a.requests", "method", method, "outcome", "refused").increment();
        LOG.infof("a2a request refused agent=%s method=%s subject=%s reason=%s", agent, method, subject, reason);
    }

    private static Map<String, String> details(String method, String subject, String argumentsDigest, String outcome) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("method", method);
        d.put(method.startsWith("message/") ? "messageId" : "taskId", subject == null ? "" : subject);
        d.put("argumentsDigest", argumentsDigest);
        d.put("outcome", outcome);
        return d;
    }
}
