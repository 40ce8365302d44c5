package io.gridai.network;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The safety envelope of an active-power setpoint, the same for every way a setpoint is made (the dispatch optimiser's
 * solves, an operator's manual override): the target is finite; a generator's is within its case [PMIN, PMAX] (a
 * renewable's within [0, PMAX]); the reference-bus (slack) unit takes none; a dispatchable generator's is reachable from
 * its freshly measured output at its ramp rate within the given time, and a generator whose output has not been measured
 * recently is not moved blind; a battery's is within its power limit. A target that fails is refused; the reason says
 * which check and by how much.
 */
public final class SetpointEnvelope {

    /** What is checked: a generator (renewable or not) or a battery. */
    public enum Kind { GENERATOR, RENEWABLE, BATTERY }

    /**
     * A generator's limits as the envelope sees them.
     *
     * @param rampMwPerHour infinite when unlimited (no ramp check)
     * @param slack         at the reference bus: takes no setpoint
     */
    public record Unit(String asset, double pminMw, double pmaxMw, double rampMwPerHour, boolean slack) {
    }

    /** An output measured at {@code time}, MW. */
    public record Reading(double valueMw, Instant time) {
    }

    /** The grid the envelope checks against. */
    public interface Grid {
        /** The case's name, for refusals. */
        String caseName();

        /** The generator of that asset id, if the case has one. */
        Optional<Unit> unit(String asset);

        /** The battery of that asset id, if one is configured. */
        Optional<BatteryPlacement> battery(String asset);
    }

    /** Where the envelope reads outputs. */
    @FunctionalInterface
    public interface Measurements {
        /** The asset's ACTIVE_POWER measured near {@code now} (what "near" is, is the caller's setting); empty if none. */
        Optional<Reading> freshActivePower(String asset, Instant now);
    }

    private final Grid grid;
    private final Measurements live;
    private final double toleranceMw;
    private final String batteriesSetting;
    private final String maxAgeSetting;

    /**
     * @param toleranceMw      how far past a limit a target may be (rounding)
     * @param batteriesSetting the setting that lists batteries, named when an asset is not one
     * @param maxAgeSetting    the setting that says how old a measurement may be, named when there is none fresh
     */
    public SetpointEnvelope(Grid grid, Measurements live, double toleranceMw, String batteriesSetting, String maxAgeSetting) {
        this.grid = grid;
        this.live = live;
        this.toleranceMw = toleranceMw;
        this.batteriesSetting = batteriesSetting;
        this.maxAgeSetting = maxAgeSetting;
    }

    /**
     * Checks one target.
     *
     * @param within how long the asset has to get there
     * @return empty when it may be published, else why not
     */
    public Optional<String> check(String asset, Kind kind, double target, Instant now, Duration within) {
        if (!Double.isFinite(target)) {
            return Optional.of("target " + target + " MW is not a finite number");
        }
        if (kind == Kind.BATTERY) {
            BatteryPlacement b = grid.battery(asset).orElse(null);
            if (b == null) {
                return Optional.of("not a battery of " + batteriesSetting);
            }
            if (Math.abs(target) > b.powerMw() + toleranceMw) {
                return Optional.of(fmt("target %.3f MW exceeds the battery's power limit of %.3f MW", target, b.powerMw()));
            }
            return Optional.empty();
        }
        Optional<Unit> found = grid.unit(asset);
        if (found.isEmpty()) {
            return Optional.of("not a generator of case " + grid.caseName());
        }
        Unit unit = found.get();
        if (unit.slack()) {
            return Optional.of("the reference-bus (slack) unit takes no setpoint");
        }
        double lower = kind == Kind.RENEWABLE ? 0 : unit.pminMw();
        if (target < lower - toleranceMw || target > unit.pmaxMw() + toleranceMw) {
            return Optional.of(fmt("target %.3f MW is outside the unit's limits [%.3f, %.3f] MW", target, lower, unit.pmaxMw()));
        }
        if (kind == Kind.RENEWABLE || Double.isInfinite(unit.rampMwPerHour())) {
            return Optional.empty();
        }
        Optional<Reading> measured = live.freshActivePower(asset, now);
        if (measured.isEmpty()) {
            return Optional.of("no ACTIVE_POWER of " + asset + " measured near " + now
                    + " (" + maxAgeSetting + "); its ramp cannot be checked, so it is not moved blind");
        }
        double reach = unit.rampMwPerHour() * within.toNanos() / 3.6e12;
        double from = measured.get().valueMw();
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
