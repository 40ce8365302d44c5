package io.gridai.sim.twin;

import java.time.Instant;
import java.util.Optional;

import io.gridai.model.Setpoint;
import io.gridai.model.id.AssetId;

/**
 * One generator's controllable state: its output moves toward a target (setpoint, else schedule) no faster
 * than its ramp rate and stays within [PMIN, PMAX]. Renewable units follow availability, capped by curtailment.
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
