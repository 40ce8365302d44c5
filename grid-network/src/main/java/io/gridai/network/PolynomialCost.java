package io.gridai.network;

import java.util.List;
import java.util.Objects;

/**
 * MATPOWER cost model 2: a polynomial {@code f(p) = c(n-1) p^(n-1) + ... + c1 p + c0}.
 *
 * @param startup      STARTUP, $
 * @param shutdown     SHUTDOWN, $
 * @param coefficients the NCOST coefficients, highest order first as in the case file ($/MW^k/h); empty means a
 *                     cost of 0
 */
public record PolynomialCost(double startup, double shutdown, List<Double> coefficients) implements GeneratorCost {

    public PolynomialCost {
        coefficients = List.copyOf(Objects.requireNonNull(coefficients, "coefficients"));
    }

    /** The polynomial's degree, -1 for the zero polynomial with no coefficient. */
    public int degree() {
        return coefficients.size() - 1;
    }

    @Override
    public double costAt(double pMw) {
        double cost = 0;
        for (double c : coefficients) {
            cost = cost * pMw + c;
        }
        return cost;
    }
}
