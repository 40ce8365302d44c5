package io.gridai.gateway.mcp;

import io.gridai.gateway.clock.GridClock;
import io.gridai.gateway.config.GatewayConfig;
import io.gridai.gateway.live.GridCase;
import io.gridai.gateway.live.LiveValues;
import io.gridai.gateway.security.Caller;
import io.gridai.gateway.service.GatewayApp;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ZoneId;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the read tools and the resources answer, in the caller's scope: the live state with provenance, alerts,
 * forecasts, the network. One place, so that a tool and a resource of the same data answer the same view.
 */
@ApplicationScoped
public class GridReads {

    static final String LIVE_PROVENANCE = "live state (Hazelcast, the Flink job's latest clean value per asset and"
            + " kind); alerts from grid.alerts";

    private final GatewayConfig config;
    private final LiveValues live;
    private final GridCase grid;
    private final GridClock clock;
    private final GatewayApp app;

    public GridReads(GatewayConfig config, LiveValues live, GridCase grid, GridClock clock, GatewayApp app) {
        this.config = config;
        this.live = live;
        this.grid = grid;
        this.clock = clock;
        this.app = app;
    }

    /**
     * The live state: every asset in the caller's scope (or only {@code asset}, refused when outside the scope) with
     * its latest values, and the alerts of those assets unless {@code alerts} is false.
     */
    public Views.GridStateView state(Caller caller, Optional<String> asset, boolean alerts) {
        Map<AssetId, List<Measurement>> values;
        if (asset.isPresent()) {
            AssetId id = assetId(asset.get(), "asset");
            values = Map.of(id, live.of(id));
        } else {
            values = live.all(Optional.empty());
        }
        List<Views.AssetView> assets = new ArrayList<>();
        values.forEach((id, ms) -> {
            Optional<String> zone = zoneOf(id.value());
            if (caller.mayTouch(id.value(), zone)) {
                assets.add(new Views.AssetView(id.value(), zone.orElse(null),
                        ms.stream().map(Views.ValueView::of).toList()));
            }
        });
        if (asset.isPresent() && assets.isEmpty()) {
            throw Refusal.outOfScope("asset '" + asset.get() + "'", caller.scopeText());
        }
        List<Views.AlertView> alertViews = alerts ? alerts(caller, asset) : List.of();
        return new Views.GridStateView(gridTime(), caller.scopeText(), assets.size(), assets, alertViews,
                LIVE_PROVENANCE);
    }

    /** The newest alert of each id in the caller's scope (or of {@code asset} only), newest first. */
    public List<Views.AlertView> alerts(Caller caller, Optional<String> asset) {
        return app.alerts().stream()
                .filter(a -> caller.mayTouch(a.asset().value(), zoneOf(a.asset().value())))
                .filter(a -> asset.isEmpty() || a.asset().value().equals(asset.get()))
                .map(Views.AlertView::of).toList();
    }

    /** The newest forecast issue of each zone in the caller's scope (or of {@code zone} only, refused outside it). */
    public Views.ForecastsView forecasts(Caller caller, Optional<String> zone) {
        List<Views.ForecastView> out = new ArrayList<>();
        app.forecasts().forEach((z, f) -> {
            boolean wanted = zone.isEmpty() || z.value().equals(zone.get());
            boolean inScope = !caller.scoped() || caller.zones().contains(z.value());
            if (wanted && inScope) {
                out.add(Views.ForecastView.of(f));
            }
        });
        if (zone.isPresent() && caller.scoped() && !caller.zones().contains(zone.get())) {
            throw Refusal.outOfScope("zone '" + zone.get() + "'", caller.scopeText());
        }
        return new Views.ForecastsView(out, "grid.forecasts (newest issue per zone read since the gateway started,"
                + " lookback " + config.inputs().lookback() + ")");
    }

    /** The case the twin runs: its buses, in-service branches, generators and batteries in the caller's scope. */
    public Views.NetworkView network(Caller caller) {
        GridCase.Loaded g = grid.get().orElseThrow(() -> new Refusal(Refusal.Kind.UNAVAILABLE,
                "the network is unavailable: " + GridCase.notConfigured()));
        List<Views.BusView> buses = g.buses().stream()
                .filter(b -> caller.mayTouch(b.asset().value(), Optional.of(b.zone().value())))
                .map(b -> new Views.BusView(b.asset().value(), b.number(), b.zone().value(), b.baseKv())).toList();
        List<Views.BranchView> branches = g.branches().stream()
                .filter(b -> caller.mayTouch(b.asset().value(), zoneOf(b.asset().value())))
                .map(b -> new Views.BranchView(b.asset().value(), b.fromBus(), b.toBus(), b.rateMva(),
                        zoneOf(b.asset().value()).orElse(null))).toList();
        List<Views.GeneratorView> generators = g.generators().stream()
                .filter(u -> caller.mayTouch(u.asset().value(), zoneOf(u.asset().value())))
                .map(u -> new Views.GeneratorView(u.asset().value(), u.busNumber(),
                        zoneOf(u.asset().value()).orElse(null), u.pminMw(), u.pmaxMw(), u.slack())).toList();
        List<Views.BatteryView> batteries = g.batteries().stream()
                .filter(b -> caller.mayTouch(b.asset().value(), zoneOf(b.asset().value())))
                .map(b -> new Views.BatteryView(b.asset().value(), b.busNumber(),
                        zoneOf(b.asset().value()).orElse(null), b.capacityMwh(), b.powerMw())).toList();
        return new Views.NetworkView(g.source().name(), caller.scopeText(), buses, branches, generators, batteries,
                "the MATPOWER case " + GridCase.CASE_KEY + " read at the gateway's start; in-service branches only");
    }

    /** The zone of an asset of the case; empty for an asset the case does not have. */
    public Optional<String> zoneOf(String asset) {
        return grid.get().flatMap(g -> g.zoneOf(asset)).map(ZoneId::value);
    }

    /** The grid's now as ISO-8601 text, or null when the grid clock does not know it yet. */
    private String gridTime() {
        return clock.now().map(Instant::toString).orElse(null);
    }

    /** The asset id of an argument, or a refusal naming the field. */
    static AssetId assetId(String asset, String field) {
        try {
            return AssetId.of(asset);
        } catch (IllegalArgumentException e) {
            throw new Refusal(field + ": " + e.getMessage());
        }
    }
}
