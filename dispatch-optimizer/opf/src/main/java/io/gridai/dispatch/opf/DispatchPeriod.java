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
 */
public record DispatchPeriod(Instant start, Duration length, double[] demandMw, double[] availableMw) {

    public DispatchPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a period must last more than zero, got " + length);
        }
        demandMw = demandMw.clone();
        availableMw = availableMw.clone();
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

    double demand(int bus) {
        return demandMw[bus];
    }

    double available(int unit) {
        return availableMw[unit];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DispatchPeriod p && start.equals(p.start) && length.equals(p.length) && Arrays.equals(demandMw, p.demandMw)
                && Arrays.equals(availableMw, p.availableMw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, length, Arrays.hashCode(demandMw), Arrays.hashCode(availableMw));
    }

    @Override
    public String toString() {
        return "DispatchPeriod[" + start + " +" + length + ", demand " + totalDemandMw() + " MW]";
    }
}
