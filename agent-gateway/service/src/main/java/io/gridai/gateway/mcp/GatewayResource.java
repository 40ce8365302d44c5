package io.gridai.gateway.mcp;

import io.gridai.gateway.security.Tier;
import java.util.Arrays;
import java.util.Optional;

/**
 * The gateway's MCP resources and resource templates (read-only JSON, {@code gridai://} URIs), the least tier that may
 * see and read each, and the tool that answers the same data: a read takes a token from that tool's own rate budget
 * too ({@code gridai.gateway.rate.tools.<tool>}), so that a resource is no way around it.
 */
public enum GatewayResource {
    GRID_STATE(GatewayResources.GRID_STATE, GatewayResources.GRID_STATE_URI, Tier.OBSERVE, GatewayTool.GRID_STATE),
    GRID_ALERTS(GatewayResources.GRID_ALERTS, GatewayResources.GRID_ALERTS_URI, Tier.OBSERVE, GatewayTool.GRID_STATE),
    GRID_NETWORK(GatewayResources.GRID_NETWORK, GatewayResources.GRID_NETWORK_URI, Tier.OBSERVE, null),
    ASSET(GatewayResources.ASSET, GatewayResources.ASSET_URI, Tier.OBSERVE, GatewayTool.GRID_STATE),
    ZONE_FORECAST(GatewayResources.ZONE_FORECAST, GatewayResources.ZONE_FORECAST_URI, Tier.OBSERVE,
            GatewayTool.FORECASTS);

    /** The MIME type of every answer. */
    public static final String MIME_TYPE = "application/json";

    private final String resourceName;
    private final String uri;
    private final Tier least;
    private final GatewayTool sameDataAs;

    GatewayResource(String resourceName, String uri, Tier least, GatewayTool sameDataAs) {
        this.resourceName = resourceName;
        this.uri = uri;
        this.least = least;
        this.sameDataAs = sameDataAs;
    }

    /** The MCP resource (or resource template) name. */
    public String resourceName() {
        return resourceName;
    }

    /** The URI, or the URI template (RFC 6570 level 1) of a template. */
    public String uri() {
        return uri;
    }

    /** The least tier that may see and read it. */
    public Tier least() {
        return least;
    }

    /**
     * The rate budget a read takes a token from besides the agent's own: the tool of the same data, else the
     * resource's name ({@code gridai.gateway.rate.tools.<name>}, none unless configured).
     */
    public String rateKey() {
        return sameDataAs == null ? resourceName : sameDataAs.toolName();
    }

    public static Optional<GatewayResource> named(String name) {
        return Arrays.stream(values()).filter(r -> r.resourceName.equals(name)).findFirst();
    }
}
