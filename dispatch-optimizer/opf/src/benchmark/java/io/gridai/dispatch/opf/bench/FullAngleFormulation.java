package io.gridai.dispatch.opf.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gridai.dispatch.opf.highs.HighsSolver;
import io.gridai.dispatch.opf.highs.QpModel;
import io.gridai.dispatch.opf.highs.QpResult;
import io.gridai.network.BusType;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerGenerator;
import io.gridai.network.PiecewiseLinearCost;
import io.gridai.network.PolynomialCost;

/**
 * The textbook DC OPF the benchmark compares against: every bus angle a variable, every bus balance and every rated
 * branch's flow a row (as MATPOWER builds it), solved by the same HiGHS. Returns its build + solve time.
 */
final class FullAngleFormulation {

    private FullAngleFormulation() {
    }

    static long solveNanos(MatpowerCase c) {
        long start = System.nanoTime();
        double base = c.baseMva();
        List<MatpowerBus> buses = c.buses();
        Map<Integer, Integer> index = new HashMap<>();
        QpModel m = new QpModel();
        int[] theta = new int[buses.size()];
        boolean refSet = false;
        double[] rhs = new double[buses.size()];
        for (int i = 0; i < buses.size(); i++) {
            MatpowerBus b = buses.get(i);
            index.put(b.number(), i);
            boolean ref = b.type() == BusType.REF && !refSet;
            refSet |= ref;
            theta[i] = ref ? m.addColumn(0, 0, 0, 0) : m.addColumn(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0);
            rhs[i] = -(b.pdMw() + b.gsMw()) / base;
        }
        List<Map<Integer, Double>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < buses.size(); i++) {
            rows.add(new java.util.TreeMap<>());
        }
        for (int g = 0; g < c.generators().size(); g++) {
            MatpowerGenerator gen = c.generators().get(g);
            if (!gen.inService()) {
                continue;
            }
            int col;
            if (c.costs().get(g) instanceof PolynomialCost p) {
                List<Double> k = p.coefficients();
                double c2 = p.degree() >= 2 ? k.get(k.size() - 3) : 0;
                double c1 = p.degree() >= 1 ? k.get(k.size() - 2) : 0;
                col = m.addColumn(gen.pminMw() / base, gen.pmaxMw() / base, c1 * base, c2 * base * base);
            } else {
                List<PiecewiseLinearCost.Point> pts = ((PiecewiseLinearCost) c.costs().get(g)).points();
                col = m.addColumn(gen.pminMw() / base, gen.pmaxMw() / base, 0, 0);
                int y = m.addColumn(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 0);
                for (int k = 1; k < pts.size(); k++) {
                    double slope = (pts.get(k).costPerHour() - pts.get(k - 1).costPerHour()) / (pts.get(k).pMw() - pts.get(k - 1).pMw());
                    m.addRow(pts.get(k - 1).costPerHour() - slope * pts.get(k - 1).pMw(), Double.POSITIVE_INFINITY);
                    m.coefficient(y, 1);
                    m.coefficient(col, -slope * base);
                }
            }
            rows.get(index.get(gen.busNumber())).merge(col, -1.0, Double::sum);
        }
        List<double[]> flowRows = new java.util.ArrayList<>();
        for (MatpowerBranch br : c.branches()) {
            if (!br.inService()) {
                continue;
            }
            int f = index.get(br.fromBus());
            int t = index.get(br.toBus());
            double b = 1 / (br.xPu() * br.effectiveTap());
            double shift = -b * Math.toRadians(br.shiftDeg());
            rows.get(f).merge(theta[f], b, Double::sum);
            rows.get(f).merge(theta[t], -b, Double::sum);
            rows.get(t).merge(theta[t], b, Double::sum);
            rows.get(t).merge(theta[f], -b, Double::sum);
            rhs[f] -= shift;
            rhs[t] += shift;
            if (br.rateAMva() > 0) {
                flowRows.add(new double[] {theta[f], theta[t], b, -br.rateAMva() / base - shift, br.rateAMva() / base - shift});
            }
        }
        for (int i = 0; i < buses.size(); i++) {
            m.addRow(rhs[i], rhs[i]);
            for (Map.Entry<Integer, Double> e : rows.get(i).entrySet()) {
                m.coefficient(e.getKey(), e.getValue());
            }
        }
        for (double[] r : flowRows) {
            m.addRow(r[3], r[4]);
            m.coefficient((int) r[0], r[2]);
            m.coefficient((int) r[1], -r[2]);
        }
        // HiGHS's default QP regularisation: with ~2000 free angles in the null space, the 1e-12 the dispatcher uses
        // (its null space holds only free units) made this formulation run past 120 s on case_ACTIVSg2000.
        QpResult result = new HighsSolver(Duration.ofSeconds(120), 1e-7).solve(m);
        if (!result.optimal()) {
            throw new IllegalStateException(c.name() + ": full angle formulation " + result);
        }
        return System.nanoTime() - start;
    }
}
