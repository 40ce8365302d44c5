package io.gridai.network;

/**
 * A generator cost function from one row of MATPOWER's {@code mpc.gencost}: model 2 is a
 * {@link PolynomialCost}, model 1 a {@link PiecewiseLinearCost}. Costs are in $/h as a function of the
 * generator's output in MW (rows of the second half of a {@code gencost} with 2 &times; ng rows are reactive
 * power costs, in $/h as a function of Mvar).
 */
public sealed interface GeneratorCost permits PolynomialCost, PiecewiseLinearCost {

    /** STARTUP, the start-up cost, $. */
    double startup();

    /** SHUTDOWN, the shut-down cost, $. */
    double shutdown();

    /**
     * The running cost at an output, exactly as MATPOWER's {@code totcost} computes it (start-up and shut-down
     * costs not included).
     *
     * @param pMw the generator output, MW (Mvar for a reactive power cost)
     * @return the cost, $/h
     */
    double costAt(double pMw);
}
