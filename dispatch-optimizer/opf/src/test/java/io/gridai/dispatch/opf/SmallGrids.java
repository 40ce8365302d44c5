package io.gridai.dispatch.opf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

import io.gridai.network.BusType;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.PolynomialCost;

/**
 * Three-bus networks small enough to solve by hand. Every line has x = 0.1 p.u. and no resistance, so in the
 * triangle an injection at one bus taken out at another flows 2/3 on the direct line and 1/3 round the other two.
 * Bus 1 is the reference. A rating of 0 means unlimited, as in MATPOWER. The cases carry no generators: tests place
 * {@link DispatchUnit}s on the buses themselves.
 */
final class SmallGrids {

    private SmallGrids() {
    }

    /**
     * <pre>
     *   bus 1 (ref) ---- row 1 ---- bus 2
     *          \                    /
     *          row 2           row 3 (from 2 to 3)
     *              \            /
     *                  bus 3
     * </pre>
     */
    static MatpowerCase triangle(double rate12, double rate13, double rate23) {
        return new MatpowerCase("triangle", 100, List.of(bus(1, BusType.REF), bus(2, BusType.PQ), bus(3, BusType.PQ)), List.of(),
                List.of(line(1, 2, rate12), line(1, 3, rate13), line(2, 3, rate23)), List.of());
    }

    /**
     * <pre>
     *   bus 1 (ref) ---- row 1 ---- bus 2 ---- row 2 ---- bus 3
     * </pre>
     */
    static MatpowerCase chain(double rate12, double rate23) {
        return new MatpowerCase("chain", 100, List.of(bus(1, BusType.REF), bus(2, BusType.PQ), bus(3, BusType.PQ)), List.of(),
                List.of(line(1, 2, rate12), line(2, 3, rate23)), List.of());
    }

    static MatpowerBus bus(int number, BusType type) {
        return new MatpowerBus(number, type, 0, 0, 0, 0, 1, 1.0, 0, 230, 1, 1.1, 0.9, "");
    }

    static MatpowerBranch line(int from, int to, double rateMva) {
        return new MatpowerBranch(from, to, 0, 0.1, 0, rateMva, rateMva, rateMva, 0, 0, 1, -360, 360);
    }

    /** A unit with a linear cost, PMIN 0, no ramp limit; {@code bus} is the 0-based bus index. */
    static DispatchUnit unit(String id, int bus, double pmaxMw, double costPerMwh) {
        return new DispatchUnit(id, -1, bus, 0, pmaxMw, linearCost(costPerMwh), Double.POSITIVE_INFINITY, OptionalDouble.empty(), false);
    }

    /** MATPOWER's model 2 with two coefficients: {@code costPerMwh * p}, $/h. */
    static PolynomialCost linearCost(double costPerMwh) {
        return new PolynomialCost(0, 0, List.of(costPerMwh, 0.0));
    }

    /** Period {@code index} of a horizon of {@code hours}-long periods, demand per bus, availability per unit (NaN: PMAX). */
    static DispatchPeriod period(int index, double hours, double[] demandMw, double[] availableMw) {
        Duration length = Duration.ofMillis(Math.round(hours * 3_600_000));
        return new DispatchPeriod(Instant.parse("2026-01-01T00:00:00Z").plus(length.multipliedBy(index)), length, demandMw, availableMw);
    }
}
