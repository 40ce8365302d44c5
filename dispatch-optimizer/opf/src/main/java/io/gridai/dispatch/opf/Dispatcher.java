package io.gridai.dispatch.opf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gridai.dispatch.opf.DispatchSolution.BindingConstraint;
import io.gridai.dispatch.opf.DispatchSolution.Stats;
import io.gridai.dispatch.opf.DispatchSolution.Status;
import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.dispatch.opf.highs.HighsSession;
import io.gridai.dispatch.opf.highs.HighsSolver;
import io.gridai.dispatch.opf.highs.QpModel;
import io.gridai.dispatch.opf.highs.QpResult;
import io.gridai.network.GeneratorCost;
import io.gridai.network.PiecewiseLinearCost;
import io.gridai.network.PolynomialCost;

/**
 * Solves a {@link DispatchProblem}: DC optimal power flow over one or more periods, as one convex QP (an LP when every
 * cost is linear or piecewise linear) in HiGHS.
 *
 * <p>The formulation is MATPOWER's DC OPF in injection (PTDF) form: per period one power balance, unit limits, and a
 * flow limit {@code |PTDF_l (injections) + shift_l| <= RATE_A_l} for each rated branch (angle-difference limits the
 * same way). Costs are MATPOWER's: polynomials up to quadratic as they are, piecewise-linear curves through one cost
 * variable per unit bounded below by each segment (MATPOWER's "CCV" form). Across periods: ramp limits, battery state
 * of charge with efficiencies, renewable availability (what is not used is curtailment), and, unless disabled, load
 * shedding and surplus at a high price so the problem is always feasible and either shows.
 *
 * <p>Branch limits are added lazily, the way security-constrained dispatch engines do: solve with the branches to
 * watch (none at first, or those binding last time), compute every flow with the sparse DC model, add a constraint
 * for each overloaded branch-period, re-solve warm in the same HiGHS instance, until no branch is overloaded. The
 * result is the optimum of the full problem (every omitted constraint holds at it), without building thousands of
 * dense PTDF rows that never bind.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final double ANGLE_TOLERANCE_RAD = 1e-8;

    private Dispatcher() {
    }

    public static DispatchSolution solve(DispatchProblem problem) {
        Run run = new Run(problem);
        DispatchSolution solution = run.solve();
        if (solution.status() == Status.ERROR && run.exactQp()
                && problem.settings().quadraticCosts() == DispatchSettings.QuadraticCosts.AUTO) {
            // HiGHS's active-set QP can fail on large coupled horizons (ramps and batteries together); the cuts cannot.
            LOG.warn("dispatch: the exact QP ended in error ({}); solving again with quadratic costs as tangent cuts", solution.message());
            return new Run(problem.withSettings(problem.settings().withQuadraticCosts(DispatchSettings.QuadraticCosts.OUTER_APPROXIMATION)))
                    .solve();
        }
        return solution;
    }

    /** One solve: the model, its column maps, and the branch rows added so far. */
    private static final class Run {
        private final DispatchProblem problem;
        private final DcNetwork net;
        private final List<DispatchPeriod> periods;
        private final List<DispatchUnit> units;
        private final List<StorageUnit> storage;
        private final int nt;
        private final QpModel model = new QpModel();
        private final int[][] unitCol;
        private final int[][] chargeCol;
        private final int[][] dischargeCol;
        private final int[][] socCol;
        private final int[][] shedCol;
        private final int[][] surplusCol;
        private final int[] balanceRow;
        // injection columns of each period: column, bus, sign (+1 injects, -1 withdraws)
        private final int[][] injColumn;
        private final int[][] injBus;
        private final double[][] injSign;
        // branch rows added: period, branch, kind (0 flow, 1 angle), row, scale (row = scale * flow part)
        private final List<int[]> branchRows = new ArrayList<>();
        private final List<Double> branchRowScale = new ArrayList<>();
        private final Set<Long> watched = new HashSet<>();
        private final Set<String> nonConvexWarned = new HashSet<>();
        // outer approximation of quadratic terms: per quadratic unit-period, p column, y column, c2, hours
        private final boolean outerApproximation;
        private final List<int[]> cutColumns = new ArrayList<>();
        private final List<double[]> cutCoefficients = new ArrayList<>();
        private int cuts;
        private long buildNanos;
        private long solveNanos;
        private long checkNanos;

        Run(DispatchProblem problem) {
            this.problem = problem;
            this.net = problem.network();
            this.periods = problem.periods();
            this.units = problem.units();
            this.storage = problem.storage();
            this.nt = periods.size();
            unitCol = new int[nt][units.size()];
            chargeCol = new int[nt][storage.size()];
            dischargeCol = new int[nt][storage.size()];
            socCol = new int[nt][storage.size()];
            shedCol = new int[nt][net.busCount()];
            surplusCol = new int[nt][net.busCount()];
            balanceRow = new int[nt];
            injColumn = new int[nt][];
            injBus = new int[nt][];
            injSign = new double[nt][];
            DispatchSettings.QuadraticCosts mode = problem.settings().quadraticCosts();
            long quadratic = quadraticUnitPeriods();
            outerApproximation = mode == DispatchSettings.QuadraticCosts.OUTER_APPROXIMATION
                    || mode == DispatchSettings.QuadraticCosts.AUTO && nt > 1 && quadratic > problem.settings().exactQpLimit();
        }

        boolean exactQp() {
            return !outerApproximation && quadraticUnitPeriods() > 0;
        }

        private long quadraticUnitPeriods() {
            long perPeriod = units.stream().filter(u -> u.cost() instanceof PolynomialCost p && p.degree() == 2
                    && p.coefficients().get(0) > 0).count();
            return perPeriod * nt;
        }

        DispatchSolution solve() {
            long start = System.nanoTime();
            build();
            for (int branch : problem.watchBranches()) {
                if (branch >= 0 && branch < net.branchCount()) {
                    for (int t = 0; t < nt; t++) {
                        addBranchRows(t, branch);
                    }
                }
            }
            buildNanos += System.nanoTime() - start;
            HighsSolver solver = new HighsSolver(problem.settings().timeLimit());
            int rounds = 0;
            int iterations = 0;
            try (HighsSession session = solver.open(model)) {
                while (true) {
                    QpResult result = session.solve();
                    rounds++;
                    iterations += result.iterations();
                    solveNanos += result.solveNanos();
                    if (!result.optimal()) {
                        return failed(result, rounds, iterations);
                    }
                    long check = System.nanoTime();
                    double[][] theta = angles(result.x());
                    int added = addOverloads(result.x(), theta);
                    if (outerApproximation) {
                        added += addCuts(result.x());
                    }
                    checkNanos += System.nanoTime() - check;
                    if (added == 0) {
                        return solution(result, theta, rounds, iterations);
                    }
                    if (rounds >= problem.settings().maxRounds()) {
                        return DispatchSolution.failed(Status.ROUND_LIMIT, rounds + " rounds of adding overloaded branches"
                                + (outerApproximation ? " and cost cuts" : "") + " and still " + added + " more to add; raise maxRounds",
                                stats(rounds, iterations));
                    }
                    LOG.debug("dispatch round {}: {} branch constraints added", rounds, added);
                    session.addNewRows();
                }
            }
        }

        private void build() {
            DispatchSettings settings = problem.settings();
            for (int t = 0; t < nt; t++) {
                DispatchPeriod period = periods.get(t);
                double hours = period.hours();
                List<int[]> inj = new ArrayList<>(); // column, bus, sign
                for (int u = 0; u < units.size(); u++) {
                    DispatchUnit unit = units.get(u);
                    double pmax = unit.pmaxMw();
                    double pmin = unit.pminMw();
                    double available = period.available(u);
                    if (!Double.isNaN(available)) {
                        pmax = Math.min(pmax, Math.max(available, 0));
                        pmin = Math.min(pmin, pmax);
                    }
                    double fixed = period.fixed(u);
                    if (!Double.isNaN(fixed)) {
                        pmin = Math.max(pmin, Math.min(pmax, fixed));
                        pmax = pmin;
                    }
                    int col = addCostedColumn(unit, pmin, pmax, hours);
                    unitCol[t][u] = col;
                    inj.add(new int[] {col, unit.bus(), 1});
                }
                for (int s = 0; s < storage.size(); s++) {
                    StorageUnit b = storage.get(s);
                    double fixed = period.fixedStorage(s);
                    double charge = Double.isNaN(fixed) ? Double.NaN : Math.min(b.chargeMaxMw(), Math.max(0, -fixed));
                    double discharge = Double.isNaN(fixed) ? Double.NaN : Math.min(b.dischargeMaxMw(), Math.max(0, fixed));
                    chargeCol[t][s] = Double.isNaN(fixed) ? model.addColumn(0, b.chargeMaxMw(), 0, 0) : model.addColumn(charge, charge, 0, 0);
                    dischargeCol[t][s] = Double.isNaN(fixed) ? model.addColumn(0, b.dischargeMaxMw(), b.cyclingCostPerMwh() * hours, 0)
                            : model.addColumn(discharge, discharge, b.cyclingCostPerMwh() * hours, 0);
                    double socLower = t == nt - 1 ? Math.max(b.socMinMwh(), b.finalSocMinMwh()) : b.socMinMwh();
                    socCol[t][s] = model.addColumn(socLower, b.socMaxMwh(), 0, 0);
                    inj.add(new int[] {chargeCol[t][s], b.bus(), -1});
                    inj.add(new int[] {dischargeCol[t][s], b.bus(), 1});
                }
                for (int i = 0; i < net.busCount(); i++) {
                    shedCol[t][i] = -1;
                    surplusCol[t][i] = -1;
                    if (!settings.balanceSlack()) {
                        continue;
                    }
                    double demand = period.demand(i);
                    if (demand > 0) {
                        shedCol[t][i] = model.addColumn(0, demand, settings.sheddingCostPerMwh() * hours, 0);
                        inj.add(new int[] {shedCol[t][i], i, 1});
                    }
                }
                if (settings.balanceSlack()) {
                    for (DispatchUnit unit : units) {
                        int i = unit.bus();
                        if (surplusCol[t][i] < 0) {
                            surplusCol[t][i] = model.addColumn(0, Double.POSITIVE_INFINITY, settings.surplusCostPerMwh() * hours, 0);
                            inj.add(new int[] {surplusCol[t][i], i, -1});
                        }
                    }
                }
                injColumn[t] = inj.stream().mapToInt(a -> a[0]).toArray();
                injBus[t] = inj.stream().mapToInt(a -> a[1]).toArray();
                injSign[t] = inj.stream().mapToDouble(a -> a[2]).toArray();

                // Power balance: what is injected equals what is withdrawn (phase shifters inject net zero).
                double demand = period.totalDemandMw();
                balanceRow[t] = model.addRow(demand, demand);
                for (int k = 0; k < injColumn[t].length; k++) {
                    model.coefficient(injColumn[t][k], injSign[t][k]);
                }

                for (int s = 0; s < storage.size(); s++) {
                    StorageUnit b = storage.get(s);
                    // soc[t] - soc[t-1] - eta_c h charge + h / eta_d discharge = 0
                    double previous = t == 0 ? b.initialSocMwh() : 0;
                    model.addRow(previous, previous);
                    model.coefficient(socCol[t][s], 1);
                    if (t > 0) {
                        model.coefficient(socCol[t - 1][s], -1);
                    }
                    model.coefficient(chargeCol[t][s], -b.chargeEfficiency() * hours);
                    model.coefficient(dischargeCol[t][s], hours / b.dischargeEfficiency());
                }

                for (int u = 0; u < units.size(); u++) {
                    DispatchUnit unit = units.get(u);
                    if (Double.isInfinite(unit.rampMwPerHour())) {
                        continue;
                    }
                    double step = unit.rampMwPerHour() * hours;
                    if (t > 0) {
                        model.addRow(-step, step);
                        model.coefficient(unitCol[t][u], 1);
                        model.coefficient(unitCol[t - 1][u], -1);
                    } else if (unit.initialMw().isPresent()) {
                        double p0 = unit.initialMw().getAsDouble();
                        model.addRow(p0 - step, p0 + step);
                        model.coefficient(unitCol[t][u], 1);
                    }
                }
            }
        }

        /** The unit's output column, with its cost: polynomial on the column, piecewise linear through a cost column. */
        private int addCostedColumn(DispatchUnit unit, double pmin, double pmax, double hours) {
            GeneratorCost cost = unit.cost();
            if (cost instanceof PolynomialCost poly) {
                List<Double> c = poly.coefficients();
                int degree = poly.degree();
                if (degree > 2) {
                    throw new IllegalArgumentException("unit " + unit.id() + " has a polynomial cost of degree " + degree
                            + "; the DC OPF handles polynomials up to quadratic, as MATPOWER's rundcopf does");
                }
                double c2 = degree >= 2 ? c.get(c.size() - 3) : 0;
                double c1 = degree >= 1 ? c.get(c.size() - 2) : 0;
                double c0 = degree >= 0 ? c.get(c.size() - 1) : 0;
                if (c2 < 0) {
                    throw new IllegalArgumentException("unit " + unit.id() + " has a concave quadratic cost (" + c2
                            + " $/MW^2h); the dispatch needs convex costs");
                }
                model.addObjectiveOffset(c0 * hours);
                if (!outerApproximation || c2 == 0) {
                    return model.addColumn(pmin, pmax, c1 * hours, c2 * hours);
                }
                // y >= c2 p^2, under-estimated by tangents: a few to start, more where the solution lands
                int p = model.addColumn(pmin, pmax, c1 * hours, 0);
                int y = model.addColumn(0, Double.POSITIVE_INFINITY, hours, 0);
                cutColumns.add(new int[] {p, y});
                cutCoefficients.add(new double[] {c2, hours});
                int initial = 5;
                for (int k = 0; k < initial; k++) {
                    addTangent(p, y, c2, pmin + (pmax - pmin) * k / (initial - 1));
                }
                return p;
            }
            PiecewiseLinearCost pwl = (PiecewiseLinearCost) cost;
            List<PiecewiseLinearCost.Point> points = pwl.points();
            double previousSlope = Double.NEGATIVE_INFINITY;
            for (int k = 1; k < points.size(); k++) {
                double slope = slope(points, k);
                if (slope < previousSlope - 1e-6 * Math.max(1, Math.abs(previousSlope)) && nonConvexWarned.add(unit.id())) {
                    LOG.warn("unit {} has a non-convex piecewise-linear cost (segment {} is cheaper per MW than the one before);"
                            + " like MATPOWER, its cost is taken as the highest of its segments' lines", unit.id(), k);
                }
                previousSlope = Math.max(previousSlope, slope);
            }
            int p = model.addColumn(pmin, pmax, 0, 0);
            int y = model.addColumn(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, hours, 0);
            for (int k = 1; k < points.size(); k++) {
                // y >= f(x_k-1) + m_k (p - x_k-1)
                double m = slope(points, k);
                PiecewiseLinearCost.Point a = points.get(k - 1);
                model.addRow(a.costPerHour() - m * a.pMw(), Double.POSITIVE_INFINITY);
                model.coefficient(y, 1);
                model.coefficient(p, -m);
            }
            return p;
        }

        /**
         * The cost rate the optimisation charges, $/h: the polynomial, or for a piecewise-linear curve the highest of its
         * segments' lines (MATPOWER's CCV form; the curve itself when it is convex).
         */
        static double costRate(GeneratorCost cost, double pMw) {
            if (cost instanceof PiecewiseLinearCost pwl) {
                List<PiecewiseLinearCost.Point> points = pwl.points();
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 1; k < points.size(); k++) {
                    PiecewiseLinearCost.Point a = points.get(k - 1);
                    max = Math.max(max, a.costPerHour() + slope(points, k) * (pMw - a.pMw()));
                }
                return max;
            }
            return cost.costAt(pMw);
        }

        private static double slope(List<PiecewiseLinearCost.Point> points, int k) {
            PiecewiseLinearCost.Point a = points.get(k - 1);
            PiecewiseLinearCost.Point b = points.get(k);
            return (b.costPerHour() - a.costPerHour()) / (b.pMw() - a.pMw());
        }

        private void addTangent(int p, int y, double c2, double at) {
            // y >= c2 at^2 + 2 c2 at (p - at) = 2 c2 at p - c2 at^2
            model.addRow(-c2 * at * at, Double.POSITIVE_INFINITY);
            model.coefficient(y, 1);
            model.coefficient(p, -2 * c2 * at);
            cuts++;
        }

        /** A tangent at the solution for each quadratic unit-period whose cost the LP under-counts by more than the tolerance. */
        private int addCuts(double[] x) {
            long start = System.nanoTime();
            int added = 0;
            double tolerance = problem.settings().cutToleranceDollarsPerHour();
            for (int k = 0; k < cutColumns.size(); k++) {
                int[] cols = cutColumns.get(k);
                double c2 = cutCoefficients.get(k)[0];
                double p = x[cols[0]];
                if (c2 * p * p - x[cols[1]] > tolerance) {
                    addTangent(cols[0], cols[1], c2, p);
                    added++;
                }
            }
            buildNanos += System.nanoTime() - start;
            checkNanos -= System.nanoTime() - start;
            return added;
        }

        /** The largest amount any quadratic unit-period's cost is under-counted by at a solution, $/h (0 for an exact QP). */
        private double cutGap(double[] x) {
            double gap = 0;
            for (int k = 0; k < cutColumns.size(); k++) {
                int[] cols = cutColumns.get(k);
                double c2 = cutCoefficients.get(k)[0];
                gap = Math.max(gap, c2 * x[cols[0]] * x[cols[0]] - x[cols[1]]);
            }
            return gap;
        }

        /** Adds the flow and angle rows of one branch in one period, when it has limits and is not watched yet. */
        private int addBranchRows(int t, int branch) {
            if (!watched.add(((long) t << 32) | branch)) {
                return 0;
            }
            double rate = net.rateMw(branch);
            boolean angle = net.hasAngleLimit(branch);
            if (rate <= 0 && !angle) {
                return 0;
            }
            double[] ptdf = net.ptdfRow(branch);
            DispatchPeriod period = periods.get(t);
            double fixed = 0; // the flow due to demand and phase shifters
            for (int i = 0; i < ptdf.length; i++) {
                if (ptdf[i] != 0) {
                    fixed -= ptdf[i] * (period.demand(i) + net.shiftInjectionMw(i));
                }
            }
            fixed += net.shiftFlowMw(branch);
            int added = 0;
            if (rate > 0) {
                addRow(t, branch, 0, 1.0, -rate - fixed, rate - fixed, ptdf);
                added++;
            }
            if (angle) {
                double scale = 1.0 / (net.baseMva() * net.susceptancePu(branch));
                double shift = net.shiftFlowMw(branch) * scale;
                addRow(t, branch, 1, scale, net.angleMinRad(branch) - (fixed * scale - shift),
                        net.angleMaxRad(branch) - (fixed * scale - shift), ptdf);
                added++;
            }
            return added;
        }

        private void addRow(int t, int branch, int kind, double scale, double lower, double upper, double[] ptdf) {
            int row = model.addRow(lower, upper);
            int[] cols = injColumn[t];
            int[] buses = injBus[t];
            double[] signs = injSign[t];
            for (int k = 0; k < cols.length; k++) {
                double f = ptdf[buses[k]];
                if (f != 0) {
                    model.coefficient(cols[k], scale * f * signs[k]);
                }
            }
            branchRows.add(new int[] {t, branch, kind, row});
            branchRowScale.add(scale);
        }

        private double[][] angles(double[] x) {
            double[][] theta = new double[nt][];
            for (int t = 0; t < nt; t++) {
                theta[t] = net.anglesRad(netInjection(t, x));
            }
            return theta;
        }

        private double[] netInjection(int t, double[] x) {
            double[] inj = new double[net.busCount()];
            DispatchPeriod period = periods.get(t);
            for (int i = 0; i < inj.length; i++) {
                inj[i] = -period.demand(i);
            }
            for (int k = 0; k < injColumn[t].length; k++) {
                inj[injBus[t][k]] += injSign[t][k] * x[injColumn[t][k]];
            }
            return inj;
        }

        private int addOverloads(double[] x, double[][] theta) {
            long rowNanos = 0;
            int added = 0;
            double tolerance = problem.settings().flowToleranceMw();
            for (int t = 0; t < nt; t++) {
                double[] flows = net.flowsMw(theta[t]);
                for (int l = 0; l < flows.length; l++) {
                    if (watched.contains(((long) t << 32) | l)) {
                        continue;
                    }
                    double rate = net.rateMw(l);
                    boolean over = rate > 0 && Math.abs(flows[l]) > rate + tolerance;
                    if (!over && net.hasAngleLimit(l)) {
                        double diff = theta[t][net.branchFrom(l)] - theta[t][net.branchTo(l)];
                        over = diff < net.angleMinRad(l) - ANGLE_TOLERANCE_RAD || diff > net.angleMaxRad(l) + ANGLE_TOLERANCE_RAD;
                    }
                    if (over) {
                        long start = System.nanoTime();
                        added += addBranchRows(t, l);
                        rowNanos += System.nanoTime() - start;
                    }
                }
            }
            buildNanos += rowNanos; // PTDF rows are model building; the caller counts the whole call as checking
            checkNanos -= rowNanos;
            return added;
        }

        private DispatchSolution solution(QpResult result, double[][] theta, int rounds, int iterations) {
            double[] x = result.x();
            double[] dual = result.rowDual();
            int nb = net.busCount();
            int nu = units.size();
            int ns = storage.size();
            double[] periodCost = new double[nt];
            double[][] unitMw = new double[nt][nu];
            double[][] curtailed = new double[nt][nu];
            double[][] charge = new double[nt][ns];
            double[][] discharge = new double[nt][ns];
            double[][] soc = new double[nt][ns];
            double[][] shed = new double[nt][nb];
            double[][] surplus = new double[nt][nb];
            double[][] flows = new double[nt][];
            double[][] angles = new double[nt][];
            double[][] lmp = new double[nt][nb];
            for (int t = 0; t < nt; t++) {
                DispatchPeriod period = periods.get(t);
                for (int u = 0; u < nu; u++) {
                    DispatchUnit unit = units.get(u);
                    unitMw[t][u] = x[unitCol[t][u]];
                    periodCost[t] += costRate(unit.cost(), unitMw[t][u]);
                    double available = period.available(u);
                    if (unit.curtailable()) {
                        double cap = Double.isNaN(available) ? unit.pmaxMw() : Math.min(unit.pmaxMw(), Math.max(available, 0));
                        curtailed[t][u] = Math.max(0, cap - unitMw[t][u]);
                    }
                }
                for (int s = 0; s < ns; s++) {
                    charge[t][s] = x[chargeCol[t][s]];
                    discharge[t][s] = x[dischargeCol[t][s]];
                    soc[t][s] = x[socCol[t][s]];
                }
                for (int i = 0; i < nb; i++) {
                    shed[t][i] = shedCol[t][i] >= 0 ? x[shedCol[t][i]] : 0;
                    surplus[t][i] = surplusCol[t][i] >= 0 ? x[surplusCol[t][i]] : 0;
                }
                flows[t] = net.flowsMw(theta[t]);
                angles[t] = net.anglesDeg(theta[t]);
                java.util.Arrays.fill(lmp[t], dual[balanceRow[t]] / period.hours());
            }
            List<BindingConstraint> binding = new ArrayList<>();
            for (int r = 0; r < branchRows.size(); r++) {
                int[] info = branchRows.get(r);
                int t = info[0];
                int l = info[1];
                double y = dual[info[3]];
                if (y == 0) {
                    continue;
                }
                double hours = periods.get(t).hours();
                double scale = branchRowScale.get(r);
                double[] ptdf = net.ptdfRow(l);
                for (int i = 0; i < nb; i++) {
                    lmp[t][i] += y * scale * ptdf[i] / hours;
                }
                if (info[2] == 0) {
                    double limit = Math.copySign(net.rateMw(l), flows[t][l]);
                    binding.add(new BindingConstraint(BindingConstraint.Kind.BRANCH_FLOW, t, l, net.branchCaseIndex(l) + 1, flows[t][l],
                            limit, Math.abs(y) / hours));
                } else {
                    double diff = angles[t][net.branchFrom(l)] - angles[t][net.branchTo(l)];
                    double limit = Math.toDegrees(diff > 0 ? net.angleMaxRad(l) : net.angleMinRad(l));
                    binding.add(new BindingConstraint(BindingConstraint.Kind.ANGLE_DIFFERENCE, t, l, net.branchCaseIndex(l) + 1, diff,
                            limit, Math.abs(y) / hours / Math.toDegrees(1)));
                }
            }
            return new DispatchSolution(Status.OPTIMAL, "", result.objective(), periodCost, unitMw, curtailed, charge, discharge, soc,
                    shed, surplus, flows, angles, lmp, binding, stats(rounds, iterations));
        }

        private DispatchSolution failed(QpResult result, int rounds, int iterations) {
            Status status = switch (result.status()) {
                case INFEASIBLE -> Status.INFEASIBLE;
                case TIME_LIMIT, ITERATION_LIMIT -> Status.TIME_LIMIT;
                default -> Status.ERROR;
            };
            String message = switch (status) {
                case INFEASIBLE -> problem.settings().balanceSlack()
                        ? "no dispatch meets the ramp, battery and unit limits together; check initial outputs and ramp rates"
                        : "no dispatch serves the demand within unit and branch limits; allow load shedding to see where it falls short";
                case TIME_LIMIT -> "the solver's time limit (" + problem.settings().timeLimit() + ") was reached";
                default -> "HiGHS ended with model status " + result.highsStatus();
            };
            return DispatchSolution.failed(status, message, stats(rounds, iterations));
        }

        private Stats stats(int rounds, int iterations) {
            return new Stats(model.columnCount(), model.rowCount(), model.nonZeroCount(), model.quadraticCount(), rounds,
                    branchRows.size(), iterations, buildNanos, solveNanos, Math.max(0, checkNanos), outerApproximation, cuts);
        }
    }
}
