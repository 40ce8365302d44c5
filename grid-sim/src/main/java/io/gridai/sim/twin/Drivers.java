package io.gridai.sim.twin;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * What drives the twin from outside the grid: demand per bus and renewable availability per generator,
 * from real series or a built-in profile.
 */
public interface Drivers {

    /** Active demand at a bus (0-based index in the case's bus list) at {@code t}, MW. */
    double busDemandMw(int busIndex, Instant t);

    /** Reactive demand at a bus at {@code t}, Mvar. */
    double busDemandMvar(int busIndex, Instant t);

    /**
     * Available active power of a renewable generator (0-based index in the case's generator list) at
     * {@code t}, MW; empty for a dispatchable unit.
     */
    OptionalDouble availableMw(int generatorIndex, Instant t);

    /**
     * The dispatchable units' schedule relative to the case's PG at {@code t}: the ratio of total demand at
     * {@code t} to the case's total demand, so that scheduled generation follows load and the slack unit
     * only balances what the schedule misses.
     */
    double scheduleFactor(Instant t);

    /** A short description for logs and status, e.g. {@code RTS-GMLC 2020 real-time load, wind, PV}. */
    String description();
}
