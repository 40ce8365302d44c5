package io.gridai.dispatch.opf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.gridai.dispatch.opf.highs.HighsSolver;
import io.gridai.dispatch.opf.highs.QpModel;
import io.gridai.dispatch.opf.highs.QpResult;
import io.gridai.network.BusType;
import io.gridai.network.GeneratorCost;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerGenerator;
import io.gridai.network.PiecewiseLinearCost;
import io.gridai.network.PolynomialCost;

/**
 * MATPOWER's DC OPF written out in its own angle (B-theta) form, straight from the case, as the reference the
 * dispatcher's PTDF form is checked against. Nothing of {@code DcNetwork} or {@code Dispatcher} is used: only the
 * case records and the {@link QpModel} / {@link HighsSolver} pair.
 *
 * <pre>
 *   variables  theta_i (rad; reference bus fixed at 0), Pg_g (MW), y_g ($/h, piecewise-linear costs only)
 *   minimise   sum_g c2 Pg^2 + c1 Pg + c0   (polynomial)   +   sum_g y_g   (piecewise linear)
 *   balance    sum_j baseMVA B_ij theta_j - sum_{g at i} Pg_g = -(PD_i + GS_i) - Pbusinj_i      for every bus
 *   flow       -RATE_A <= baseMVA b_l (theta_f - theta_t) + Pfinj_l <= RATE_A                  for every rated branch
 *   angle      ANGMIN <= theta_f - theta_t <= ANGMAX  (both 0: none; &lt;= -360 / &gt;= 360: that side open)
 *   pwl        y_g >= f_k + m_k (Pg_g - p_k)                                                    for every segment k
 * </pre>
 * with {@code b_l = 1 / (x_l tap_l)}, {@code Pfinj_l = -baseMVA b_l shift_l} and {@code Pbusinj = Cf' Pfinj - Ct' Pfinj}
 * (MATPOWER's {@code makeBdc}). Isolated buses (type 4), out-of-service branches and generators, and anything
 * attached to an isolated bus are left out, as MATPOWER's {@code ext2int} does.
 */
final class AngleFormulationOpf {

    /**
     * The reference's result.
     *
     * @param status       the solver's outcome
     * @param costPerHour  the generation cost recomputed from {@code pgMw} with the case's cost curves
     * @param objective    what HiGHS reported as the optimum
     * @param pgMw         per row of {@code mpc.gen}; 0 for generators left out
     * @param flowMw       per row of {@code mpc.branch} (from end); NaN for branches left out
     * @param thetaRad     per row of {@code mpc.bus}, reference bus at 0; NaN for isolated buses
     * @param pwlCostPerHour per row of {@code mpc.gen}: the value of the cost variable y, NaN for polynomial costs
     * @param balanceDual  per row of {@code mpc.bus}: HiGHS's dual of the bus balance row (NaN for isolated buses)
     */
    record Solution(QpResult.Status status, double costPerHour, double objective, double[] pgMw, double[] flowMw,
                    double[] thetaRad, double[] pwlCostPerHour, double[] balanceDual) {
    }

    private AngleFormulationOpf() {
    }

    static Solution solve(MatpowerCase c) {
        double base = c.baseMva();
        List<MatpowerBus> buses = c.buses();
        Map<Integer, Integer> row = new HashMap<>();
        for (int i = 0; i < buses.size(); i++) {
            if (buses.get(i).type() != BusType.ISOLATED) {
                row.put(buses.get(i).number(), i);
            }
        }
        QpModel model = new QpModel();
        int[] thetaCol = new int[buses.size()];
        Arrays.fill(thetaCol, -1);
        boolean referenceFixed = false;
        for (int i = 0; i < buses.size(); i++) {
            if (!row.containsKey(buses.get(i).number())) {
                continue;
            }
            boolean reference = !referenceFixed && buses.get(i).type() == BusType.REF;
            referenceFixed |= reference;
            thetaCol[i] = reference ? model.addColumn(0, 0, 0, 0)
                    : model.addColumn(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0);
        }
        if (!referenceFixed) {
            throw new IllegalArgumentException("reference formulation: case " + c.name() + " has no type-3 bus");
        }

        List<MatpowerGenerator> gens = c.generators();
        int[] pgCol = new int[gens.size()];
        int[] yCol = new int[gens.size()];
        Arrays.fill(pgCol, -1);
        Arrays.fill(yCol, -1);
        for (int g = 0; g < gens.size(); g++) {
            MatpowerGenerator gen = gens.get(g);
            if (!gen.inService() || !row.containsKey(gen.busNumber())) {
                continue;
            }
            GeneratorCost cost = c.costs().get(g);
            if (cost instanceof PolynomialCost poly) {
                List<Double> k = poly.coefficients();
                int n = k.size();
                if (n > 3) {
                    throw new IllegalArgumentException("reference formulation: generator " + (g + 1) + " has degree " + (n - 1));
                }
                double c2 = n >= 3 ? k.get(n - 3) : 0;
                double c1 = n >= 2 ? k.get(n - 2) : 0;
                double c0 = n >= 1 ? k.get(n - 1) : 0;
                pgCol[g] = model.addColumn(gen.pminMw(), gen.pmaxMw(), c1, c2);
                model.addObjectiveOffset(c0);
            } else {
                PiecewiseLinearCost pwl = (PiecewiseLinearCost) cost;
                pgCol[g] = model.addColumn(gen.pminMw(), gen.pmaxMw(), 0, 0);
                yCol[g] = model.addColumn(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 0);
                List<PiecewiseLinearCost.Point> p = pwl.points();
                for (int k = 1; k < p.size(); k++) {
                    double m = (p.get(k).costPerHour() - p.get(k - 1).costPerHour()) / (p.get(k).pMw() - p.get(k - 1).pMw());
                    // y - m Pg >= f_{k-1} - m p_{k-1}
                    model.addRow(p.get(k - 1).costPerHour() - m * p.get(k - 1).pMw(), Double.POSITIVE_INFINITY);
                    model.coefficient(yCol[g], 1);
                    model.coefficient(pgCol[g], -m);
                }
            }
        }

        // Susceptance matrix (MW per rad) and phase-shifter injections, per bus row of the case.
        List<MatpowerBranch> branches = c.branches();
        List<TreeMap<Integer, Double>> bMatrix = new ArrayList<>();
        for (int i = 0; i < buses.size(); i++) {
            bMatrix.add(new TreeMap<>());
        }
        double[] pbusinj = new double[buses.size()];
        double[] b = new double[branches.size()];
        double[] pfinj = new double[branches.size()];
        int[] f = new int[branches.size()];
        int[] t = new int[branches.size()];
        boolean[] used = new boolean[branches.size()];
        for (int l = 0; l < branches.size(); l++) {
            MatpowerBranch br = branches.get(l);
            if (br.status() == 0 || !row.containsKey(br.fromBus()) || !row.containsKey(br.toBus())) {
                continue;
            }
            used[l] = true;
            double tap = br.tap() == 0 ? 1 : br.tap();
            b[l] = 1 / (br.xPu() * tap);
            pfinj[l] = -b[l] * Math.toRadians(br.shiftDeg()) * base;
            f[l] = row.get(br.fromBus());
            t[l] = row.get(br.toBus());
            bMatrix.get(f[l]).merge(f[l], base * b[l], Double::sum);
            bMatrix.get(t[l]).merge(t[l], base * b[l], Double::sum);
            bMatrix.get(f[l]).merge(t[l], -base * b[l], Double::sum);
            bMatrix.get(t[l]).merge(f[l], -base * b[l], Double::sum);
            pbusinj[f[l]] += pfinj[l];
            pbusinj[t[l]] -= pfinj[l];
        }

        int[] balanceRow = new int[buses.size()];
        Arrays.fill(balanceRow, -1);
        for (int i = 0; i < buses.size(); i++) {
            if (thetaCol[i] < 0) {
                continue;
            }
            MatpowerBus bus = buses.get(i);
            double rhs = -(bus.pdMw() + bus.gsMw()) - pbusinj[i];
            balanceRow[i] = model.addRow(rhs, rhs);
            for (Map.Entry<Integer, Double> e : bMatrix.get(i).entrySet()) {
                model.coefficient(thetaCol[e.getKey()], e.getValue());
            }
            for (int g = 0; g < gens.size(); g++) {
                if (pgCol[g] >= 0 && gens.get(g).busNumber() == bus.number()) {
                    model.coefficient(pgCol[g], -1);
                }
            }
        }

        for (int l = 0; l < branches.size(); l++) {
            MatpowerBranch br = branches.get(l);
            if (!used[l]) {
                continue;
            }
            double rate = br.rateAMva();
            if (rate != 0 && rate < 1e10) {
                model.addRow(-rate - pfinj[l], rate - pfinj[l]);
                model.coefficient(thetaCol[f[l]], base * b[l]);
                model.coefficient(thetaCol[t[l]], -base * b[l]);
            }
            double lo = br.angMinDeg();
            double hi = br.angMaxDeg();
            if (lo == 0 && hi == 0) {
                continue;
            }
            double lower = lo <= -360 ? Double.NEGATIVE_INFINITY : Math.toRadians(lo);
            double upper = hi >= 360 ? Double.POSITIVE_INFINITY : Math.toRadians(hi);
            if (Double.isInfinite(lower) && Double.isInfinite(upper)) {
                continue;
            }
            model.addRow(lower, upper);
            model.coefficient(thetaCol[f[l]], 1);
            model.coefficient(thetaCol[t[l]], -1);
        }

        QpResult result = new HighsSolver(Duration.ofSeconds(60)).solve(model);
        double[] pg = new double[gens.size()];
        double[] flow = new double[branches.size()];
        double[] theta = new double[buses.size()];
        double[] pwlValue = new double[gens.size()];
        double[] dual = new double[buses.size()];
        Arrays.fill(flow, Double.NaN);
        Arrays.fill(theta, Double.NaN);
        Arrays.fill(pwlValue, Double.NaN);
        Arrays.fill(dual, Double.NaN);
        if (!result.optimal()) {
            return new Solution(result.status(), Double.NaN, Double.NaN, pg, flow, theta, pwlValue, dual);
        }
        double[] x = result.x();
        double cost = 0;
        for (int g = 0; g < gens.size(); g++) {
            if (pgCol[g] >= 0) {
                pg[g] = x[pgCol[g]];
                cost += c.costs().get(g).costAt(pg[g]);
                if (yCol[g] >= 0) {
                    pwlValue[g] = x[yCol[g]];
                }
            }
        }
        for (int i = 0; i < buses.size(); i++) {
            if (thetaCol[i] >= 0) {
                theta[i] = x[thetaCol[i]];
                dual[i] = result.rowDual()[balanceRow[i]];
            }
        }
        for (int l = 0; l < branches.size(); l++) {
            if (used[l]) {
                flow[l] = base * b[l] * (theta[f[l]] - theta[t[l]]) + pfinj[l];
            }
        }
        return new Solution(result.status(), cost, result.objective(), pg, flow, theta, pwlValue, dual);
    }
}
