package io.gridai.sim.twin;

import java.time.Instant;

/** Demand relative to the case's base demand at a time (1.0 = the case as written). */
@FunctionalInterface
public interface LoadShape {

    double perUnit(Instant t);

    /** The case's demand at all times. */
    static LoadShape constant() {
        return t -> 1.0;
    }
}
