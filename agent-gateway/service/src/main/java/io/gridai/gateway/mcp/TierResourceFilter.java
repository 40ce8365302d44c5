package io.gridai.gateway.mcp;

import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.security.Callers;
import io.gridai.gateway.service.GatewayApp;
import io.gridai.model.ActorType;
import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.McpMethod;
import io.quarkiverse.mcp.server.ResourceFilter;
import io.quarkiverse.mcp.server.ResourceManager;
import io.quarkiverse.mcp.server.ResourceTemplateFilter;
import io.quarkiverse.mcp.server.ResourceTemplateManager;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Graded access to resources, as {@link TierToolFilter} for tools: quarkus-mcp-server applies every
 * {@link ResourceFilter} and {@link ResourceTemplateFilter} per request to {@code resources/list} and
 * {@code resources/templates/list} (what an agent's tier may not read is not listed to it; an agent with no valid tier
 * is not even offered the resources capability) and to {@code resources/read} (such a resource is then unknown to that
 * agent: JSON-RPC error -32002 "Resource not found"). A refused read is recorded in the audit chain here, with the tier
 * it needs (the filter is not told the URI read: a template's refusal records the template, e.g.
 * {@code gridai://assets/{asset}}). Resources not of the gateway (none today) are hidden.
 */
@ApplicationScoped
public class TierResourceFilter implements ResourceFilter, ResourceTemplateFilter {

    private static final Logger LOG = Logger.getLogger(TierResourceFilter.class);

    private final Callers callers;
    private final GatewayApp app;

    public TierResourceFilter(Callers callers, GatewayApp app) {
        this.callers = callers;
        this.app = app;
    }

    @Override
    public boolean test(ResourceManager.ResourceInfo resource, FilterContext context) {
        return allowed(resource.name(), resource.uri(), context);
    }

    @Override
    public boolean test(ResourceTemplateManager.ResourceTemplateInfo template, FilterContext context) {
        return allowed(template.name(), template.uriTemplate(), context);
    }

    private boolean allowed(String name, String uri, FilterContext context) {
        Optional<GatewayResource> known = GatewayResource.named(name);
        Callers.Resolved resolved = callers.current();
        boolean allowed = known.isPresent() && resolved.caller().map(c -> c.tier().includes(known.get().least()))
                .orElse(false);
        if (!allowed && context.method() == McpMethod.RESOURCES_READ) {
            String reason = resolved.caller().isEmpty() ? resolved.refusal()
                    : known.map(k -> "resource " + k.resourceName() + " needs tier " + k.least().claim() + " or above;"
                            + " this agent's token has " + resolved.caller().get().tier().claim())
                            .orElse("unknown resource");
            String agent = resolved.who();
            Map<String, String> d = new LinkedHashMap<>();
            d.put("uri", uri);
            d.put("resource", name);
            d.put("requestId", String.valueOf(context.requestId() == null ? "" : context.requestId().value()));
            d.put("outcome", "refused");
            d.put("reason", reason);
            app.recordLater(ActorType.AGENT, agent, GatewayAudit.RESOURCE_READ, uri, d);
            LOG.infof("resource read refused agent=%s resource=%s reason=%s", agent, name, reason);
        }
        return allowed;
    }
}
