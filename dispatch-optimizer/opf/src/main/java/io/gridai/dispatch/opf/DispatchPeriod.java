package io.gridai.dispatch.opf;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One interval of the horizon.
 *
 * @param start        when it starts
 * @param length       how long it lasts (costs are $/h, so a period's cost is rate x hours)
 * @param demandMw     withdrawal per in-service bus, MW (PD + GS for a case as it is)
 * @param availableMw  per unit: what it can produce in this period (renewable availability, a derate), MW; NaN
 *                     where its PMAX holds
 * @param fixedMw      per unit: the output it must have in this period (a manual hold), MW, clamped into the
 *                     period's [PMIN, PMAX] (after availability); NaN where the dispatch chooses. Empty: none fixed
 * @param fixedStorageMw per battery: the net output it must have in this period (discharge positive, charge
 *                     negative), MW, clamped into its power limits; NaN where the dispatch chooses. Empty: none fixed.
 *                     The state-of-charge band still holds, so a fixed battery can make the problem infeasible
 */
public record DispatchPeriod(Instant start, Duration length, double[] demandMw, double[] availableMw, double[] fixedMw,
                             double[] fixedStorageMw) {

    /** A period where the dispatch chooses every output. */
    public DispatchPeriod(Instant start, Duration length, double[] demandMw, double[] availableMw) {
        this(start, length, demandMw, availableMw, new double[0], new double[0]);
    }

    public DispatchPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a period must last more than zero, got " + length);
        }
        demandMw = demandMw.clone();
        availableMw = availableMw.clone();
        fixedMw = fixedMw.clone();
        fixedStorageMw = fixedStorageMw.clone();
        if (fixedMw.length != 0 && fixedMw.length != availableMw.length) {
            throw new IllegalArgumentException("period " + start + " fixes " + fixedMw.length + " unit outputs for "
                    + availableMw.length + " units; give one per unit (NaN where free) or none");
        }
        for (double d : demandMw) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("period " + start + ": demand must be finite MW at every bus");
            }
        }
    }

    /** Length in hours. */
    public double hours() {
        return length.toNanos() / 3.6e12;
    }

    public double totalDemandMw() {
        return Arrays.stream(demandMw).sum();
    }

    @Override
    public double[] demandMw() {
        return demandMw.clone();
    }

    @Override
    public double[] availableMw() {
        return availableMw.clone();
    }

    @Override
    public double[] fixedMw() {
        return fixedMw.clone();
    }

    @Override
    public double[] fixedStorageMw() {
        return fixedStorageMw.clone();
    }

    /** The output unit {@code u} must have in this period, NaN when the dispatch chooses. */
    double fixed(int unit) {
        return fixedMw.length == 0 ? Double.NaN : fixedMw[unit];
    }

    /** The net output battery {@code s} must have in this period, NaN when the dispatch chooses. */
    double fixedStorage(int battery) {
        return fixedStorageMw.length == 0 ? Double.NaN : fixedStorageMw[battery];
    }

    double demand(int bus) {
        return demandMw[bus];
    }

    double available(int unit) {
        return availableMw[unit];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DispatchPeriod p && start.equals(p.start) && length.equals(p.length) && Arrays.equals(demandMw, p.demandMw)
                && Arrays.equals(availableMw, p.availableMw) && Arrays.equals(fixedMw, p.fixedMw)
                && Arrays.equals(fixedStorageMw, p.fixedStorageMw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, length, Arrays.hashCode(demandMw), Arrays.hashCode(availableMw), Arrays.hashCode(fixedMw),
                Arrays.hashCode(fixedStorageMw));
    }

    @Override
    public String toString() {
        return "DispatchPeriod[" + start + " +" + length + ", demand " + totalDemandMw() + " MW]";
    }
}
