package io.gridai.dispatch.service.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.gridai.dispatch.opf.DispatchUnit;
import io.gridai.network.BatteryPlacement;
import io.gridai.network.SetpointEnvelope;
import io.gridai.dispatch.service.grid.DispatchGrid;
import io.gridai.dispatch.service.inputs.LiveState;

/**
 * The last check before a setpoint leaves the service, independent of how the solver got its number: grid-network's
 * {@link SetpointEnvelope} (the same checks as an operator's manual override in the operator API) over the service's
 * grid and its live state: the target is finite; a generator's is within its case [PMIN, PMAX] (a renewable's within
 * [0, PMAX]); a dispatchable generator's is reachable from its latest measured output (read again now, not the solve's
 * snapshot) at its ramp rate within the first period, and a generator whose output has not been measured recently is
 * not moved blind; a battery's is within its power limits. A target that fails is not published; the reason says which
 * check and by how much.
 */
public final class SafetyEnvelope {

    /** What is checked: a generator (renewable or not) or a battery. */
    public enum Kind { GENERATOR, RENEWABLE, BATTERY }

    private final SetpointEnvelope envelope;

    public SafetyEnvelope(DispatchGrid grid, LiveState live, HorizonPlanner planner, double toleranceMw) {
        SetpointEnvelope.Grid limits = new SetpointEnvelope.Grid() {
            @Override
            public String caseName() {
                return grid.caseName();
            }

            @Override
            public Optional<SetpointEnvelope.Unit> unit(String asset) {
                return grid.unitIndex(asset).map(i -> {
                    DispatchUnit u = grid.units().get(i);
                    return new SetpointEnvelope.Unit(asset, u.pminMw(), u.pmaxMw(), u.rampMwPerHour(), grid.isSlack(asset));
                });
            }

            @Override
            public Optional<BatteryPlacement> battery(String asset) {
                return grid.battery(asset);
            }
        };
        this.envelope = new SetpointEnvelope(limits, (asset, now) -> live.activePower(asset)
                .filter(r -> planner.fresh(r.time(), now))
                .map(r -> new SetpointEnvelope.Reading(r.value(), r.time())),
                toleranceMw, "gridai.dispatch.grid.batteries", "gridai.dispatch.inputs.max-state-age");
    }

    /**
     * Checks one target.
     *
     * @param within how long the asset has to get there (the first period)
     * @return empty when it may be published, else why not
     */
    public Optional<String> check(String asset, Kind kind, double target, Instant now, Duration within) {
        return envelope.check(asset, SetpointEnvelope.Kind.valueOf(kind.name()), target, now, within);
    }
}
