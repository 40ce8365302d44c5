package io.gridai.network;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of an AC power flow of a MATPOWER case, in MATPOWER's terms: bus numbers, positions in the case's
 * generator and branch lists, MW, Mvar, p.u. and degrees. When {@link #status()} is not
 * {@link AcPowerFlowStatus#CONVERGED}, every computed quantity is NaN.
 *
 * @param caseName           the case's name
 * @param status             how the power flow ended
 * @param statusText         the solver's own words about it
 * @param iterations         Newton-Raphson iterations done (the limit when it was reached)
 * @param slackBusNumber     the MATPOWER number of the slack (reference) bus, 0 when the case has none
 * @param buses              one per case bus, in case order
 * @param branches           one per case branch, in case order
 * @param generators         one per case generator, in case order
 * @param activeLossesMw     sum over branches of {@code pFromMw + pToMw}, MW
 * @param reactiveLossesMvar sum over branches of {@code qFromMvar + qToMvar}, Mvar (series losses minus line
 *                           charging)
 */
public record AcPowerFlowResult(String caseName, AcPowerFlowStatus status, String statusText, int iterations,
                                int slackBusNumber, List<BusResult> buses, List<BranchResult> branches,
                                List<GeneratorResult> generators, double activeLossesMw, double reactiveLossesMvar) {

    public AcPowerFlowResult {
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusText, "statusText");
        buses = List.copyOf(buses);
        branches = List.copyOf(branches);
        generators = List.copyOf(generators);
    }

    /** Whether the power flow converged. */
    public boolean converged() {
        return status == AcPowerFlowStatus.CONVERGED;
    }

    /**
     * The solved state of one bus.
     *
     * @param busNumber      MATPOWER bus number
     * @param type           the bus's role in the power flow
     * @param vmPu           voltage magnitude, p.u. of BASE_KV
     * @param vaDeg          voltage angle, degrees, in MATPOWER's reference: the slack bus keeps the VA of the
     *                       case file
     * @param pInjectionMw   net active power injected into the network (bus generation minus PD; the bus's shunt
     *                       GS belongs to the network), MW
     * @param qInjectionMvar net reactive power injected into the network (bus generation minus QD; the bus's shunt
     *                       BS belongs to the network), Mvar
     */
    public record BusResult(int busNumber, PowerFlowBusType type, double vmPu, double vaDeg, double pInjectionMw,
                            double qInjectionMvar) {
    }

    /**
     * The solved flows of one branch. Flows are positive into the branch at that end; out-of-service branches have
     * zero flows.
     *
     * @param index          0-based position in the case's branch list
     * @param fromBus        F_BUS
     * @param toBus          T_BUS
     * @param iidmId         the IIDM line or two-winding transformer id
     * @param inService      whether the branch is in the solved network
     * @param pFromMw        active power into the branch at the from end, MW
     * @param qFromMvar      reactive power into the branch at the from end, Mvar
     * @param pToMw          active power into the branch at the to end, MW
     * @param qToMvar        reactive power into the branch at the to end, Mvar
     * @param iFromA         current at the from end, A (NaN when the bus has no BASE_KV)
     * @param iToA           current at the to end, A (NaN when the bus has no BASE_KV)
     * @param loadingPercent {@code 100 * max(|S_from|, |S_to|) / RATE_A}, % (NaN when RATE_A is 0, unlimited)
     */
    public record BranchResult(int index, int fromBus, int toBus, String iidmId, boolean inService, double pFromMw,
                               double qFromMvar, double pToMw, double qToMvar, double iFromA, double iToA,
                               double loadingPercent) {

        /** Active power lost in the branch, MW. */
        public double activeLossMw() {
            return pFromMw + pToMw;
        }
    }

    /**
     * The solved output of one generator, split among the generators of a bus as MATPOWER's {@code pfsoln} does:
     * PV and PQ generators keep their PG; the first generator of the slack bus takes the slack's active power; the
     * reactive power of a PV or slack bus is shared in proportion to the generators' Q ranges; generators at PQ
     * buses keep their QG; out-of-service generators give 0.
     *
     * @param index     0-based position in the case's generator list
     * @param busNumber GEN_BUS
     * @param iidmId    the IIDM generator id
     * @param inService whether the generator is in the solved network
     * @param pMw       active power output, MW
     * @param qMvar     reactive power output, Mvar
     */
    public record GeneratorResult(int index, int busNumber, String iidmId, boolean inService, double pMw,
                                  double qMvar) {
    }
}
