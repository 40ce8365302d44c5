package io.gridai.dispatch.opf;

import java.util.Objects;
import java.util.OptionalDouble;

import io.gridai.network.GeneratorCost;

/**
 * A generating unit the dispatch may move.
 *
 * @param id              the unit's name (an asset id under the service; {@code gen-<k>} for a plain case)
 * @param caseIndex       its 0-based row in the case's {@code mpc.gen}, or -1 for a unit not in the case
 * @param bus             the index of its bus among the network's in-service buses
 * @param pminMw          PMIN
 * @param pmaxMw          PMAX (a period's availability may lower it)
 * @param cost            its cost curve, $/h of MW
 * @param rampMwPerHour   the most it may move between consecutive periods, per hour; infinite when unlimited
 * @param initialMw       its output now, from which the first period's ramp counts; empty when not known
 * @param curtailable     a renewable: a period's availability caps it and what it leaves is reported as curtailment
 */
public record DispatchUnit(String id, int caseIndex, int bus, double pminMw, double pmaxMw, GeneratorCost cost,
                           double rampMwPerHour, OptionalDouble initialMw, boolean curtailable) {

    public DispatchUnit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cost, "cost of unit " + id);
        Objects.requireNonNull(initialMw, "initialMw");
        if (!(pminMw <= pmaxMw)) {
            throw new IllegalArgumentException("unit " + id + ": PMIN " + pminMw + " MW exceeds PMAX " + pmaxMw + " MW");
        }
        if (!(rampMwPerHour > 0)) {
            throw new IllegalArgumentException("unit " + id + ": ramp rate must be positive (infinite for none), got " + rampMwPerHour);
        }
    }

    public DispatchUnit withLimits(double pmin, double pmax) {
        return new DispatchUnit(id, caseIndex, bus, pmin, pmax, cost, rampMwPerHour, initialMw, curtailable);
    }

    public DispatchUnit withInitial(double mw) {
        return new DispatchUnit(id, caseIndex, bus, pminMw, pmaxMw, cost, rampMwPerHour, OptionalDouble.of(mw), curtailable);
    }

    public DispatchUnit withCurtailable(boolean value) {
        return new DispatchUnit(id, caseIndex, bus, pminMw, pmaxMw, cost, rampMwPerHour, initialMw, value);
    }
}
