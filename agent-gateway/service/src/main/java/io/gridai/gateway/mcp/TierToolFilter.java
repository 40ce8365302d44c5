package io.gridai.gateway.mcp;

import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.security.Callers;
import io.gridai.gateway.service.GatewayApp;
import io.gridai.model.ActorType;
import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.McpMethod;
import io.quarkiverse.mcp.server.ToolFilter;
import io.quarkiverse.mcp.server.ToolManager;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Graded access in the MCP layer: quarkus-mcp-server applies every {@link ToolFilter} per request both to
 * {@code tools/list} (a tool an agent's tier may not use is not listed to it) and to {@code tools/call} (such a tool
 * is then unknown to that agent: the server answers JSON-RPC error -32602 "Invalid tool name"). A refused call is
 * recorded in the audit chain here, with the tier it needs. Tools not of the gateway (none today) are hidden.
 */
@ApplicationScoped
public class TierToolFilter implements ToolFilter {

    private static final Logger LOG = Logger.getLogger(TierToolFilter.class);

    private final Callers callers;
    private final GatewayApp app;

    public TierToolFilter(Callers callers, GatewayApp app) {
        this.callers = callers;
        this.app = app;
    }

    @Override
    public boolean test(ToolManager.ToolInfo tool, FilterContext context) {
        Optional<GatewayTool> known = GatewayTool.named(tool.name());
        Callers.Resolved resolved = callers.current();
        boolean allowed = known.isPresent() && resolved.caller().map(c -> c.tier().includes(known.get().least()))
                .orElse(false);
        if (!allowed && context.method() == McpMethod.TOOLS_CALL) {
            String reason = resolved.caller().isEmpty() ? resolved.refusal()
                    : known.map(k -> "tool " + k.toolName() + " needs tier " + k.least().claim() + " or above; this"
                            + " agent's token has " + resolved.caller().get().tier().claim()).orElse("unknown tool");
            String agent = resolved.who();
            Map<String, String> d = new LinkedHashMap<>();
            d.put("tool", tool.name());
            d.put("requestId", String.valueOf(context.requestId() == null ? "" : context.requestId().value()));
            d.put("outcome", "refused");
            d.put("reason", reason);
            app.recordLater(ActorType.AGENT, agent, GatewayAudit.TOOL_CALL, tool.name(), d);
            LOG.infof("tool call refused agent=%s tool=%s reason=%s", agent, tool.name(), reason);
        }
        return allowed;
    }
}
