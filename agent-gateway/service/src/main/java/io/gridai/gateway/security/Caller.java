package io.gridai.gateway.security;

import io.gridai.model.id.AgentId;
import java.util.Set;

/**
 * The agent behind a request, from its verified token: {@code sub} = agent id, {@code gridai_tier}, and optional
 * scopes {@code gridai_zones} and {@code gridai_assets} (arrays of ids; an absent claim means no restriction of that
 * kind; when both are present an asset is in scope if either names it).
 */
public record Caller(AgentId agent, Tier tier, Set<String> zones, Set<String> assets) {

    /** The token claim listing the zones an agent may read and act on. */
    public static final String ZONES_CLAIM = "gridai_zones";
    /** The token claim listing the assets an agent may read and act on. */
    public static final String ASSETS_CLAIM = "gridai_assets";

    public Caller {
        zones = Set.copyOf(zones);
        assets = Set.copyOf(assets);
    }

    /** Whether the token restricts the agent to some zones or assets. */
    public boolean scoped() {
        return !zones.isEmpty() || !assets.isEmpty();
    }

    /** Whether an asset in {@code zone} (empty when unknown) is in the agent's scope. */
    public boolean mayTouch(String asset, java.util.Optional<String> zone) {
        if (!scoped()) {
            return true;
        }
        return assets.contains(asset) || zone.map(zones::contains).orElse(false);
    }

    /** The scope as a sentence, for refusals. */
    public String scopeText() {
        return scoped() ? "zones " + (zones.isEmpty() ? "none" : new java.util.TreeSet<>(zones)) + ", assets "
                + (assets.isEmpty() ? "none" : new java.util.TreeSet<>(assets)) : "unrestricted";
    }
}
