package io.gridai.dispatch.service.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.gridai.dispatch.opf.DispatchUnit;
import io.gridai.network.BatteryPlacement;
import io.gridai.dispatch.service.grid.DispatchGrid;
import io.gridai.dispatch.service.inputs.LiveState;

/**
 * The last check before a setpoint leaves the service, independent of how the solver got its number: the target is
 * finite; a generator's is within its case [PMIN, PMAX] (a renewable's within [0, PMAX]); a dispatchable generator's
 * is reachable from its latest measured output (read again now, not the solve's snapshot) at its ramp rate within
 * the first period, and a generator whose output has not been measured recently is not moved blind; a battery's is
 * within its power limits. A target that fails is not published; the reason says which check and by how much.
 */
public final class SafetyEnvelope {

    /** What is checked: a generator (renewable or not) or a battery. */
    public enum Kind { GENERATOR, RENEWABLE, BATTERY }

    private final DispatchGrid grid;
    private final LiveState live;
    private final HorizonPlanner planner;
    private final double toleranceMw;

    public SafetyEnvelope(DispatchGrid grid, LiveState live, HorizonPlanner planner, double toleranceMw) {
        this.grid = grid;
        this.live = live;
        this.planner = planner;
        this.toleranceMw = toleranceMw;
    }

    /**
     * Checks one target.
     *
     * @param within how long the asset has to get there (the first period)
     * @return empty when it may be published, else why not
     */
    public Optional<String> check(String asset, Kind kind, double target, Instant now, Duration within) {
        if (!Double.isFinite(target)) {
            return Optional.of("target " + target + " MW is not a finite number");
        }
        if (kind == Kind.BATTERY) {
            BatteryPlacement b = grid.battery(asset).orElse(null);
            if (b == null) {
                return Optional.of("not a battery of gridai.dispatch.grid.batteries");
            }
            if (Math.abs(target) > b.powerMw() + toleranceMw) {
                return Optional.of(fmt("target %.3f MW exceeds the battery's power limit of %.3f MW", target, b.powerMw()));
            }
            return Optional.empty();
        }
        Optional<Integer> index = grid.unitIndex(asset);
        if (index.isEmpty()) {
            return Optional.of("not a generator of case " + grid.caseName());
        }
        if (grid.isSlack(asset)) {
            return Optional.of("the reference-bus (slack) unit takes no setpoint");
        }
        DispatchUnit unit = grid.units().get(index.get());
        double lower = kind == Kind.RENEWABLE ? 0 : unit.pminMw();
        if (target < lower - toleranceMw || target > unit.pmaxMw() + toleranceMw) {
            return Optional.of(fmt("target %.3f MW is outside the unit's limits [%.3f, %.3f] MW", target, lower, unit.pmaxMw()));
        }
        if (kind == Kind.RENEWABLE || Double.isInfinite(unit.rampMwPerHour())) {
            return Optional.empty();
        }
        Optional<LiveState.Reading> measured = live.activePower(asset).filter(r -> planner.fresh(r.time(), now));
        if (measured.isEmpty()) {
            return Optional.of("no ACTIVE_POWER of " + asset + " measured near " + now
                    + " (gridai.dispatch.inputs.max-state-age); its ramp cannot be checked, so it is not moved blind");
        }
        double reach = unit.rampMwPerHour() * within.toNanos() / 3.6e12;
        double from = measured.get().value();
        if (Math.abs(target - from) > reach + toleranceMw) {
            return Optional.of(fmt("target %.3f MW is not reachable from the measured %.3f MW (at %s) within %s at the unit's ramp of"
                    + " %.3f MW/h (at most %.3f MW away)", target, from, measured.get().time(), within, unit.rampMwPerHour(), reach));
        }
        return Optional.empty();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
