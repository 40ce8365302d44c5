package io.gridai.sim.twin;

import java.time.Instant;
import java.util.Optional;

import io.gridai.model.Setpoint;

/**
 * A battery's state: follows its setpoint (else rests at 0 MW) within its power limits and never beyond its
 * state-of-charge band, accounting charge and discharge losses.
 */
final class BatteryUnit {

    final BatterySpec spec;
    double soc;
    double outputMw;
    private Setpoint setpoint;

    BatteryUnit(BatterySpec spec) {
        this.spec = spec;
        this.soc = spec.initialSoc();
    }

    Optional<Setpoint> setpoint() {
        return Optional.ofNullable(setpoint);
    }

    void setpoint(Setpoint value) {
        this.setpoint = value;
    }

    double lower() {
        return -spec.maxChargeMw();
    }

    double upper() {
        return spec.maxDischargeMw();
    }

    /** Applies the setpoint for one tick, limited so that SoC stays in its band; updates SoC. */
    void advance(Instant t, double dtSeconds) {
        double requested = setpoint != null && setpoint.isValidAt(t) ? setpoint.target() : 0;
        double p = Math.max(lower(), Math.min(upper(), requested));
        double hours = dtSeconds / 3600.0;
        double capacity = spec.capacityMwh();
        if (p > 0) {
            double deliverable = (soc - spec.socMin()) * capacity * spec.dischargeEfficiency() / hours;
            p = Math.min(p, Math.max(0, deliverable));
            soc -= p * hours / spec.dischargeEfficiency() / capacity;
        } else if (p < 0) {
            double storable = (spec.socMax() - soc) * capacity / spec.chargeEfficiency() / hours;
            p = -Math.min(-p, Math.max(0, storable));
            soc += -p * hours * spec.chargeEfficiency() / capacity;
        }
        soc = Math.max(spec.socMin(), Math.min(spec.socMax(), soc));
        outputMw = p;
    }
}
