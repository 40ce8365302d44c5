package io.gridai.sim.twin;

import java.time.Instant;
import java.util.OptionalDouble;

import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;

/**
 * Drives any case by scaling every bus's PD and QD (constant power factor) with one {@link LoadShape}: a
 * built-in daily profile, a regional series normalised to its peak (e.g. OPSD France), or a constant.
 * No renewables: every generator is dispatchable (or the slack).
 */
public final class ShapedCaseDrivers implements Drivers {

    private final double[] pdMw;
    private final double[] qdMvar;
    private final LoadShape shape;
    private final String description;

    public ShapedCaseDrivers(MatpowerCase matpowerCase, LoadShape shape, String description) {
        this.pdMw = matpowerCase.buses().stream().mapToDouble(MatpowerBus::pdMw).toArray();
        this.qdMvar = matpowerCase.buses().stream().mapToDouble(MatpowerBus::qdMvar).toArray();
        this.shape = shape;
        this.description = description;
    }

    @Override
    public double busDemandMw(int busIndex, Instant t) {
        return pdMw[busIndex] * shape.perUnit(t);
    }

    @Override
    public double busDemandMvar(int busIndex, Instant t) {
        return qdMvar[busIndex] * shape.perUnit(t);
    }

    @Override
    public OptionalDouble availableMw(int generatorIndex, Instant t) {
        return OptionalDouble.empty();
    }

    @Override
    public double scheduleFactor(Instant t) {
        return shape.perUnit(t);
    }

    @Override
    public String description() {
        return description;
    }
}
