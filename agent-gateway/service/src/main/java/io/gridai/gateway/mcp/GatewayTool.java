package io.gridai.gateway.mcp;

import io.gridai.gateway.security.Tier;
import java.util.Arrays;
import java.util.Optional;

/** The gateway's MCP tools and the least tier that may see and call each. */
public enum GatewayTool {
    GRID_STATE("grid_state", Tier.OBSERVE),
    FORECASTS("forecasts", Tier.OBSERVE),
    HISTORY("history", Tier.OBSERVE),
    STUDY("study", Tier.STUDY),
    PROPOSE_INTERVENTION("propose_intervention", Tier.PROPOSE),
    PROPOSAL_STATUS("proposal_status", Tier.PROPOSE);

    private final String toolName;
    private final Tier least;

    GatewayTool(String toolName, Tier least) {
        this.toolName = toolName;
        this.least = least;
    }

    /** The MCP tool name. */
    public String toolName() {
        return toolName;
    }

    /** The least tier that may use it. */
    public Tier least() {
        return least;
    }

    public static Optional<GatewayTool> named(String name) {
        return Arrays.stream(values()).filter(t -> t.toolName.equals(name)).findFirst();
    }
}
