package io.gridai.storage.control;

import java.util.EnumSet;
import java.util.Set;

/**
 * The limits every storage setpoint is clipped to before it leaves, whatever asked for it: power (the rating and what
 * the unit reports available), state of charge and ramp.
 *
 * <p><b>State of charge.</b> A setpoint is held by the unit until its validity ends, and after that the manager may
 * only ramp it down at the unit's ramp rate. So discharging at P is allowed only while the energy above the SoC floor
 * covers holding P for the validity window T and then ramping to zero: {@code P·T + P²/(2r) ≤ E}, i.e.
 * {@code P ≤ r·(√(T² + 2E/r) − T)}; charging likewise below the ceiling. Because of the ramp-down term, a setpoint
 * that is ramped down at r from an allowed one stays allowed at the next decision (for decisions at most 2T apart),
 * so the ramp and SoC limits never contradict each other on an accurate state of charge.
 *
 * <p><b>Ramp.</b> A new target differs from the target the unit holds (the last setpoint while valid, else zero)
 * by at most r × the time since that setpoint was issued (or since it expired). Where a hard limit (power, SoC) and
 * the ramp cannot both hold (the unit reported less power available, or a SoC reading jumped), the hard limit wins and
 * {@link Limit#RAMP} is reported as overridden.
 */
public final class SafetyEnvelope {

    /** A limit that bound a target. */
    public enum Limit {
        POWER, STATE_OF_CHARGE, RAMP, RAMP_OVERRIDDEN, RESERVE
    }

    /** The clipped target and the limits that changed it. */
    public record Clipped(double targetMw, Set<Limit> binding) {
    }

    private SafetyEnvelope() {
    }

    /** Largest P ≥ 0 with P·T + P²/(2r) ≤ E (MW, MWh, hours, MW per hour). */
    public static double energyBoundMw(double energyMwh, double hours, double rampMwPerHour) {
        if (!(energyMwh > 0)) {
            return 0;
        }
        return rampMwPerHour * (Math.sqrt(hours * hours + 2 * energyMwh / rampMwPerHour) - hours);
    }

    /** The hard limits of a unit now: [lower, upper] MW with lower ≤ 0 ≤ upper. */
    public static double[] hardBounds(UnitLimits unit, double soc, double availableMw, double validityHours) {
        double rampPerHour = unit.rampMwPerSecond() * 3600;
        double upper = Math.min(Math.min(unit.maxDischargeMw(), availableMw),
                energyBoundMw(unit.deliverableMwh(soc), validityHours, rampPerHour));
        double lower = -Math.min(Math.min(unit.maxChargeMw(), availableMw),
                energyBoundMw(unit.storableMwh(soc), validityHours, rampPerHour));
        return new double[] {Math.min(0, lower), Math.max(0, upper)};
    }

    /**
     * Clips {@code requestedMw} to the ramp around {@code heldMw} ({@code elapsedSeconds} since it was set) and then
     * to the hard limits.
     */
    public static Clipped clip(UnitLimits unit, double requestedMw, double soc, double availableMw,
            double validityHours, double heldMw, double elapsedSeconds) {
        Set<Limit> binding = EnumSet.noneOf(Limit.class);
        double step = unit.rampMwPerSecond() * Math.max(0, elapsedSeconds);
        double target = requestedMw;
        if (target > heldMw + step) {
            target = heldMw + step;
            binding.add(Limit.RAMP);
        } else if (target < heldMw - step) {
            target = heldMw - step;
            binding.add(Limit.RAMP);
        }
        double powerHi = Math.min(unit.maxDischargeMw(), availableMw);
        double powerLo = -Math.min(unit.maxChargeMw(), availableMw);
        double[] hard = hardBounds(unit, soc, availableMw, validityHours);
        if (target > hard[1]) {
            binding.add(hard[1] < powerHi ? Limit.STATE_OF_CHARGE : Limit.POWER);
            target = hard[1];
        } else if (target < hard[0]) {
            binding.add(hard[0] > powerLo ? Limit.STATE_OF_CHARGE : Limit.POWER);
            target = hard[0];
        }
        if (Math.abs(target - heldMw) > step + 1e-9) {
            binding.remove(Limit.RAMP);
            binding.add(Limit.RAMP_OVERRIDDEN);
        }
        return new Clipped(target, binding);
    }
}
