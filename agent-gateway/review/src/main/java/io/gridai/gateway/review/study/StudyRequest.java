package io.gridai.gateway.review.study;

import io.gridai.model.id.AssetId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to study: the live operating point, the change (setpoints, branch outages), and whether to run N-1.
 *
 * @param liveMw        ACTIVE_POWER of generators and loads ({@code load-<bus>}), MW, generator convention; assets it
 *                      does not name keep the case's values
 * @param setpointsMw   generators' targets, MW, applied after the live values
 * @param branchOutages branches taken out of service before the power flow
 * @param n1            whether to run N-1 over the in-service branches (each outage in turn) after the power flow
 */
public record StudyRequest(Map<AssetId, Double> liveMw, Map<AssetId, Double> setpointsMw, Set<AssetId> branchOutages,
                           boolean n1) {

    public StudyRequest {
        liveMw = Map.copyOf(liveMw);
        setpointsMw = Map.copyOf(setpointsMw);
        branchOutages = Set.copyOf(branchOutages);
        setpointsMw.forEach((asset, mw) -> {
            if (!Double.isFinite(mw)) {
                throw new IllegalArgumentException("setpoint of " + asset + " is " + mw + " MW; give a finite target");
            }
        });
        Objects.requireNonNull(liveMw);
    }

    /** The live state alone, with N-1. */
    public static StudyRequest live(Map<AssetId, Double> liveMw) {
        return new StudyRequest(liveMw, Map.of(), Set.of(), true);
    }
}
