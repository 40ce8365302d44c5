package io.gridai.sim.twin;

/**
 * The active power balance of one solved tick, MW. In a converged AC power flow
 * {@code generationMw + storageMw - demandMw = branchLossesMw + shuntMw} up to the solver's tolerance.
 *
 * @param generationMw   sum of generator outputs (slack included)
 * @param storageMw      sum of battery outputs (positive = discharging)
 * @param demandMw       sum of bus demands (PD)
 * @param branchLossesMw sum of branch active losses
 * @param shuntMw        active power consumed by bus shunt conductances (GS · V²)
 */
public record PowerBalance(double generationMw, double storageMw, double demandMw, double branchLossesMw, double shuntMw) {

    /** What is left unexplained, MW: zero when power balance closes within losses. */
    public double residualMw() {
        return generationMw + storageMw - demandMw - branchLossesMw - shuntMw;
    }
}
