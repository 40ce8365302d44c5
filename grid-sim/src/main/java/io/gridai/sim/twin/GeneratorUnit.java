package io.gridai.sim.twin;

import java.time.Instant;
import java.util.Optional;

import io.gridai.model.Setpoint;
import io.gridai.model.id.AssetId;

/**
 * One generator's controllable state: its output moves toward a target (setpoint, else schedule) no faster
 * than its ramp rate and stays within [PMIN, PMAX]. Renewable units follow availability, capped by curtailment.
 * A tripped unit produces 0 MW from the first tick at or after its trip time on, whatever its setpoint or
 * schedule says, and never comes back.
 */
final class GeneratorUnit {

    final int index;
    final AssetId asset;
    final UnitRole role;
    final double pMinMw;
    final double pMaxMw;
    final double rampMwPerSecond;
    double outputMw;
    double availableMw;
    private Setpoint setpoint;
    /** Grid time at which the unit trips; null while none is scheduled. */
    private Instant tripTime;
    /** Whether a tick has applied the trip (the unit is at 0 MW). */
    private boolean off;

    GeneratorUnit(int index, AssetId asset, UnitRole role, double pMinMw, double pMaxMw, double rampMwPerSecond,
            double outputMw) {
        this.index = index;
        this.asset = asset;
        this.role = role;
        this.pMinMw = pMinMw;
        this.pMaxMw = pMaxMw;
        this.rampMwPerSecond = rampMwPerSecond;
        this.outputMw = outputMw;
        this.availableMw = role == UnitRole.RENEWABLE ? outputMw : pMaxMw;
    }

    Optional<Setpoint> setpoint() {
        return Optional.ofNullable(setpoint);
    }

    void setpoint(Setpoint value) {
        this.setpoint = value;
    }

    /** Schedules a trip at grid time {@code at}; an earlier trip already scheduled stays. */
    void trip(Instant at) {
        if (tripTime == null || at.isBefore(tripTime)) {
            tripTime = at;
        }
    }

    Optional<Instant> tripTime() {
        return Optional.ofNullable(tripTime);
    }

    /** Whether the unit has tripped by grid time {@code t} (its trip time is at or before {@code t}). */
    boolean trippedBy(Instant t) {
        return tripTime != null && !tripTime.isAfter(t);
    }

    /** Whether a tick has applied the trip: the unit is at 0 MW for good. */
    boolean off() {
        return off;
    }

    /** The limits a setpoint is clipped to, MW. */
    double lower() {
        return role == UnitRole.RENEWABLE ? 0 : pMinMw;
    }

    double upper() {
        return pMaxMw;
    }

    /**
     * Moves the output for one tick.
     *
     * @param scheduledMw what the unit would produce without a setpoint (dispatchable), MW
     * @param availableNowMw available power (renewable), MW
     */
    void advance(Instant t, double dtSeconds, double scheduledMw, double availableNowMw) {
        if (off || trippedBy(t)) {
            // Tripped: drops to 0 at once (no ramp) and stays there; a tripped plant has no power available.
            off = true;
            outputMw = 0;
            availableMw = 0;
            return;
        }
        double target;
        if (role == UnitRole.RENEWABLE) {
            availableMw = Math.max(0, availableNowMw);
            double cap = setpoint != null && setpoint.isValidAt(t) ? setpoint.target() : Double.POSITIVE_INFINITY;
            target = Math.min(availableMw, cap);
            outputMw = clamp(target, 0, pMaxMw); // inverter-based: follows availability at once
            return;
        }
        target = setpoint != null && setpoint.isValidAt(t) ? setpoint.target() : scheduledMw;
        target = clamp(target, pMinMw, pMaxMw);
        double maxStep = rampMwPerSecond * dtSeconds;
        outputMw = clamp(outputMw + clamp(target - outputMw, -maxStep, maxStep), pMinMw, pMaxMw);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
