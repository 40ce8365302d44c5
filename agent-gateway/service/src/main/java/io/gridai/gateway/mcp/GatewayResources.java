package io.gridai.gateway.mcp;

import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topics;
import io.quarkiverse.mcp.server.RequestId;
import io.quarkiverse.mcp.server.RequestUri;
import io.quarkiverse.mcp.server.Resource;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.ResourceTemplate;
import java.util.Optional;

/**
 * The gateway's MCP resources: read-only JSON of the grid under {@code gridai://}, the same views as the read tools
 * ({@link GridReads}), each read through {@link ToolCalls#read} (caller, tier, scope, rate, audit); which tiers see
 * which resource is {@link GatewayResource}'s.
 */
public class GatewayResources {

    public static final String GRID_STATE = "grid-state";
    public static final String GRID_STATE_URI = "gridai://grid/state";
    public static final String GRID_ALERTS = "grid-alerts";
    public static final String GRID_ALERTS_URI = "gridai://grid/alerts";
    public static final String GRID_NETWORK = "grid-network";
    public static final String GRID_NETWORK_URI = "gridai://grid/network";
    public static final String ASSET = "asset";
    public static final String ASSET_URI = "gridai://assets/{asset}";
    public static final String ZONE_FORECAST = "zone-forecast";
    public static final String ZONE_FORECAST_URI = "gridai://forecasts/{zone}";

    private final ToolCalls calls;
    private final GridReads reads;

    public GatewayResources(ToolCalls calls, GridReads reads) {
        this.calls = calls;
        this.reads = reads;
    }

    @Resource(name = GRID_STATE, uri = GRID_STATE_URI, mimeType = GatewayResource.MIME_TYPE, title = "Grid state",
            description = "The grid's live state: every asset in your scope with its latest values, each with its"
                    + " provenance (source = who measured it, quality = the cleaning's flags, empty when good; event"
                    + " and ingest time), and the recent alerts. As the grid_state tool. Tier observe and above.")
    ResourceResponse gridState(RequestUri uri, RequestId requestId) {
        return calls.read(GatewayResource.GRID_STATE, uri.value(), requestId,
                caller -> reads.state(caller, Optional.empty(), true));
    }

    @Resource(name = GRID_ALERTS, uri = GRID_ALERTS_URI, mimeType = GatewayResource.MIME_TYPE, title = "Alerts",
            description = "The newest state of each recent alert of an asset in your scope (grid.alerts), newest"
                    + " first. Tier observe and above.")
    ResourceResponse gridAlerts(RequestUri uri, RequestId requestId) {
        return calls.read(GatewayResource.GRID_ALERTS, uri.value(), requestId, caller -> {
            var alerts = reads.alerts(caller, Optional.empty());
            return new Views.AlertsView(caller.scopeText(), alerts.size(), alerts, Topics.GRID_ALERTS.name());
        });
    }

    @Resource(name = GRID_NETWORK, uri = GRID_NETWORK_URI, mimeType = GatewayResource.MIME_TYPE, title = "Network",
            description = "The network the grid twin runs (its MATPOWER case): buses with zone and base kV, in-service"
                    + " branches with end buses and rating (MVA), generators with limits (MW), batteries; the asset"
                    + " ids the other resources and tools use. Only what is in your scope. Tier observe and above.")
    ResourceResponse gridNetwork(RequestUri uri, RequestId requestId) {
        return calls.read(GatewayResource.GRID_NETWORK, uri.value(), requestId, reads::network);
    }

    @ResourceTemplate(name = ASSET, uriTemplate = ASSET_URI, mimeType = GatewayResource.MIME_TYPE,
            title = "One asset", description = "One asset's latest values with their provenance and its recent"
                    + " alerts, e.g. gridai://assets/gen-2-1 (asset ids: gridai://grid/network). As the grid_state"
                    + " tool with asset. Only assets in your scope. Tier observe and above.")
    ResourceResponse asset(String asset, RequestUri uri, RequestId requestId) {
        return calls.read(GatewayResource.ASSET, uri.value(), requestId, caller -> {
            Views.GridStateView view = reads.state(caller, Optional.of(asset), true);
            if (reads.zoneOf(asset).isEmpty() && view.assets().stream().allMatch(a -> a.values().isEmpty())) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "no asset '" + asset + "': the grid's case does not have"
                        + " it and the live state holds no value of it; gridai://grid/network lists the case's assets");
            }
            return view;
        });
    }

    @ResourceTemplate(name = ZONE_FORECAST, uriTemplate = ZONE_FORECAST_URI, mimeType = GatewayResource.MIME_TYPE,
            title = "A zone's forecast", description = "The newest load forecast issue of one zone (quantiles per"
                    + " step) from grid.forecasts, e.g. gridai://forecasts/zone-1; forecasts is empty when none was"
                    + " read yet. As the forecasts tool with zone. Only zones in your scope. Tier observe and above.")
    ResourceResponse zoneForecast(String zone, RequestUri uri, RequestId requestId) {
        return calls.read(GatewayResource.ZONE_FORECAST, uri.value(), requestId, caller -> {
            try {
                ZoneId.of(zone);
            } catch (IllegalArgumentException e) {
                throw new Refusal("zone: " + e.getMessage());
            }
            return reads.forecasts(caller, Optional.of(zone));
        });
    }
}
