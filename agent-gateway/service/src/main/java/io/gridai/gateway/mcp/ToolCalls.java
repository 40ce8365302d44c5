package io.gridai.gateway.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridai.service.runtime.AuditTrail;
import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.clock.GridClock;
import io.gridai.gateway.live.LiveStateUnavailableException;
import io.gridai.gateway.security.Caller;
import io.gridai.gateway.security.Callers;
import io.gridai.gateway.security.RateLimiter;
import io.gridai.gateway.service.GatewayApp;
import io.gridai.model.ActorType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.mcp.server.RequestId;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Every tool call goes through {@link #run}: who calls (the token's agent and tier), whether the tier may use the tool
 * (the {@link TierToolFilter} already hides it; checked again here), the agent's rate budget, the tool's work, and one
 * audit event {@code agent.tool.call} with the agent, the tool, the JSON-RPC request id, a SHA-256 digest of the
 * arguments, the outcome ({@code ok}, {@code refused}, {@code error}) and the answer's digest and size or the reason.
 * A read's answer is given only once its record is in the chain. Answers are JSON text; refusals are tool errors
 * ({@code isError: true}) whose text says what was wrong and what to do.
 */
@ApplicationScoped
public class ToolCalls {

    private static final Logger LOG = Logger.getLogger(ToolCalls.class);

    private final Callers callers;
    private final RateLimiter rates;
    private final GatewayApp app;
    private final MeterRegistry metrics;
    private final ObjectMapper json;

    public ToolCalls(Callers callers, RateLimiter rates, GatewayApp app, MeterRegistry metrics, ObjectMapper json) {
        this.callers = callers;
        this.rates = rates;
        this.app = app;
        this.metrics = metrics;
        this.json = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    }

    /** The JSON-RPC request id as text, if there is one. */
    public static Optional<String> requestId(RequestId id) {
        return Optional.ofNullable(id).map(RequestId::value).map(String::valueOf);
    }

    /** The SHA-256 digest of the arguments as JSON with sorted keys. */
    public String digest(Map<String, Object> arguments) {
        return GatewayAudit.digest(write(arguments));
    }

    /** Runs one tool call for the current caller. */
    public ToolResponse run(GatewayTool tool, RequestId requestId, Map<String, Object> arguments,
            Function<Caller, Object> work) {
        Callers.Resolved resolved = callers.current();
        String argsDigest = digest(arguments);
        String rpcId = requestId(requestId).orElse("");
        if (resolved.caller().isEmpty()) {
            return refuse(resolved.who(), tool, rpcId, argsDigest, resolved.refusal());
        }
        Caller caller = resolved.caller().get();
        String agent = caller.agent().value();
        if (!caller.tier().includes(tool.least())) {
            return refuse(agent, tool, rpcId, argsDigest, "tool " + tool.toolName() + " needs tier "
                    + tool.least().claim() + " or above; this agent's token has " + caller.tier().claim());
        }
        Optional<String> limited = rates.take(agent, tool.toolName());
        if (limited.isPresent()) {
            return refuse(agent, tool, rpcId, argsDigest, limited.get());
        }
        Object answer;
        try {
            answer = work.apply(caller);
        } catch (Refusal e) {
            return refuse(agent, tool, rpcId, argsDigest, e.getMessage());
        } catch (LiveStateUnavailableException | GridClock.GridTimeUnknownException e) {
            return refuse(agent, tool, rpcId, argsDigest, e.getMessage());
        } catch (AuditTrail.AuditException e) {
            LOG.warnf("tool call failed agent=%s tool=%s: audit chain not writable: %s", agent, tool.toolName(),
                    e.getMessage());
            metrics.counter("gridai.gateway.tool.calls", "tool", tool.toolName(), "outcome", "error").increment();
            return ToolResponse.error("the gateway cannot record this call in its audit chain now (" + e.getMessage()
                    + "); nothing was done; try again shortly");
        }
        String text = write(answer);
        Map<String, String> d = details(tool, rpcId, argsDigest, "ok");
        d.put("resultDigest", GatewayAudit.digest(text));
        d.put("resultBytes", Integer.toString(text.length()));
        try {
            app.audit().append(ActorType.AGENT, agent, GatewayAudit.TOOL_CALL, tool.toolName(), d);
        } catch (AuditTrail.AuditException e) {
            LOG.warnf("tool answer withheld agent=%s tool=%s: audit chain not writable: %s", agent, tool.toolName(),
                    e.getMessage());
            return ToolResponse.error("the gateway cannot record this call in its audit chain now (" + e.getMessage()
                    + "); try again shortly");
        }
        metrics.counter("gridai.gateway.tool.calls", "tool", tool.toolName(), "outcome", "ok").increment();
        return ToolResponse.success(new TextContent(text));
    }

    private ToolResponse refuse(String agent, GatewayTool tool, String rpcId, String argsDigest, String reason) {
        Map<String, String> d = details(tool, rpcId, argsDigest, "refused");
        d.put("reason", reason);
        GatewayAudit.tryAppend(app.audit(), ActorType.AGENT, agent, GatewayAudit.TOOL_CALL, tool.toolName(), d);
        metrics.counter("gridai.gateway.tool.calls", "tool", tool.toolName(), "outcome", "refused").increment();
        LOG.infof("tool call refused agent=%s tool=%s reason=%s", agent, tool.toolName(), reason);
        return ToolResponse.error(reason);
    }

    private static Map<String, String> details(GatewayTool tool, String rpcId, String argsDigest, String outcome) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("tool", tool.toolName());
        d.put("requestId", rpcId);
        d.put("argumentsDigest", argsDigest);
        d.put("outcome", outcome);
        return d;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON: " + e.getMessage(), e);
        }
    }
}
