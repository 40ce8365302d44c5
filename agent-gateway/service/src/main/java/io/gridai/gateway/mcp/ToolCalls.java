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
import io.gridai.gateway.security.Tier;
import io.gridai.gateway.service.GatewayApp;
import io.gridai.model.ActorType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.mcp.server.McpException;
import io.quarkiverse.mcp.server.RequestId;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.quarkiverse.mcp.server.ToolResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Every tool call goes through {@link #run} and every resource read through {@link #read}: who calls (the token's
 * agent and tier), whether the tier may use the tool or resource (the {@link TierToolFilter} and
 * {@link TierResourceFilter} already hide it; checked again here), the agent's rate budget, the work, and one audit
 * event with the agent, the JSON-RPC request id, the outcome ({@code ok}, {@code refused}) and the answer's digest and
 * size or the reason: {@code agent.tool.call} (with the tool and a SHA-256 digest of the arguments) or
 * {@code agent.resource.read} (with the URI and the resource). A read's answer is given only once its record is in the
 * chain. Answers are JSON text; a tool's refusal is a tool error ({@code isError: true}), a resource read's a JSON-RPC
 * error of the {@link Refusal.Kind}; both say what was wrong and what to do.
 */
@ApplicationScoped
public class ToolCalls {

    private static final Logger LOG = Logger.getLogger(ToolCalls.class);

    /** One call or read: what the audit event and the refusals say of it. */
    private record Call(String action, String subject, String what, Tier least, String rateKey, String metric,
            String metricTag, String metricValue, Map<String, String> details) {
    }

    /** The text of an answer recorded in the chain, or the refusal. */
    private record Outcome(String text, Refusal refusal) {
    }

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
        Map<String, String> d = new LinkedHashMap<>();
        d.put("tool", tool.toolName());
        d.put("requestId", requestId(requestId).orElse(""));
        d.put("argumentsDigest", digest(arguments));
        Outcome o = answer(new Call(GatewayAudit.TOOL_CALL, tool.toolName(), "tool " + tool.toolName(), tool.least(),
                tool.toolName(), "gridai.gateway.tool.calls", "tool", tool.toolName(), d), work);
        return o.refusal() == null ? ToolResponse.success(new TextContent(o.text()))
                : ToolResponse.error(o.refusal().getMessage());
    }

    /**
     * Reads one resource for the current caller: its JSON text as {@code application/json} contents of {@code uri};
     * a refusal is thrown as an {@link McpException} with the code of its {@link Refusal.Kind}.
     */
    public ResourceResponse read(GatewayResource resource, String uri, RequestId requestId,
            Function<Caller, Object> work) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("uri", uri);
        d.put("resource", resource.resourceName());
        d.put("requestId", requestId(requestId).orElse(""));
        Outcome o = answer(new Call(GatewayAudit.RESOURCE_READ, uri, "resource " + resource.resourceName(),
                resource.least(), resource.rateKey(), "gridai.gateway.resource.reads", "resource",
                resource.resourceName(), d), work);
        if (o.refusal() != null) {
            throw new McpException(o.refusal().getMessage(), o.refusal().kind().jsonRpcCode());
        }
        return new ResourceResponse(List.of(new TextResourceContents(uri, o.text(), GatewayResource.MIME_TYPE)));
    }

    private Outcome answer(Call call, Function<Caller, Object> work) {
        Callers.Resolved resolved = callers.current();
        if (resolved.caller().isEmpty()) {
            return refuse(resolved.who(), call, new Refusal(Refusal.Kind.NOT_FOUND, resolved.refusal()));
        }
        Caller caller = resolved.caller().get();
        String agent = caller.agent().value();
        if (!caller.tier().includes(call.least())) {
            return refuse(agent, call, new Refusal(Refusal.Kind.NOT_FOUND, call.what() + " needs tier "
                    + call.least().claim() + " or above; this agent's token has " + caller.tier().claim()));
        }
        Optional<String> limited = rates.take(agent, call.rateKey());
        if (limited.isPresent()) {
            return refuse(agent, call, new Refusal(Refusal.Kind.UNAVAILABLE, limited.get()));
        }
        Object answer;
        try {
            answer = work.apply(caller);
        } catch (Refusal e) {
            return refuse(agent, call, e);
        } catch (LiveStateUnavailableException | GridClock.GridTimeUnknownException e) {
            return refuse(agent, call, new Refusal(Refusal.Kind.UNAVAILABLE, e.getMessage()));
        } catch (AuditTrail.AuditException e) {
            LOG.warnf("%s failed agent=%s: audit chain not writable: %s", call.what(), agent, e.getMessage());
            count(call, "error");
            return new Outcome(null, new Refusal(Refusal.Kind.UNAVAILABLE, "the gateway cannot record this call in"
                    + " its audit chain now (" + e.getMessage() + "); nothing was done; try again shortly"));
        }
        String text = write(answer);
        Map<String, String> d = new LinkedHashMap<>(call.details());
        d.put("outcome", "ok");
        d.put("resultDigest", GatewayAudit.digest(text));
        d.put("resultBytes", Integer.toString(text.length()));
        try {
            app.audit().append(ActorType.AGENT, agent, call.action(), call.subject(), d);
        } catch (AuditTrail.AuditException e) {
            LOG.warnf("answer withheld agent=%s %s: audit chain not writable: %s", agent, call.what(), e.getMessage());
            return new Outcome(null, new Refusal(Refusal.Kind.UNAVAILABLE, "the gateway cannot record this call in"
                    + " its audit chain now (" + e.getMessage() + "); try again shortly"));
        }
        count(call, "ok");
        return new Outcome(text, null);
    }

    private Outcome refuse(String agent, Call call, Refusal refusal) {
        Map<String, String> d = new LinkedHashMap<>(call.details());
        d.put("outcome", "refused");
        d.put("reason", refusal.getMessage());
        GatewayAudit.tryAppend(app.audit(), ActorType.AGENT, agent, call.action(), call.subject(), d);
        count(call, "refused");
        LOG.infof("%s refused agent=%s subject=%s reason=%s", call.what(), agent, call.subject(), refusal.getMessage());
        return new Outcome(null, refusal);
    }

    private void count(Call call, String outcome) {
        metrics.counter(call.metric(), call.metricTag(), call.metricValue(), "outcome", outcome).increment();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON: " + e.getMessage(), e);
        }
    }
}
