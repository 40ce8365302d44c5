package io.gridai.dispatch.opf.dc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.powsybl.math.matrix.LUDecomposition;
import com.powsybl.math.matrix.Matrix;
import com.powsybl.math.matrix.SparseMatrixFactory;

import io.gridai.network.BusType;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;

/**
 * The DC power-flow model of a MATPOWER case, built as MATPOWER's {@code makeBdc} builds it: in-service branches only,
 * series susceptance {@code 1 / (x * tap)}, phase shifters as injections, bus shunt conductance GS as demand at
 * 1 p.u. voltage, angles referred to the reference bus, which keeps the case's VA.
 *
 * <p>The reduced susceptance matrix (reference bus removed) is factorised once, with KLU through PowSyBl's
 * {@code SparseMatrixFactory}; angles, flows and PTDF rows are then sparse solves. PTDF rows are computed on demand
 * and cached, so a dispatch only pays for the branches it has to watch. Thread-safe after construction. Holds native
 * memory: {@link #close()} it when done.
 *
 * <p>Units: MW, radians inside, degrees in what callers read ({@link #anglesDeg}).
 */
public final class DcNetwork implements AutoCloseable {

    private final MatpowerCase source;
    private final double baseMva;
    private final int[] busNumber;
    private final Map<Integer, Integer> busIndex = new HashMap<>();
    private final int ref;
    private final double refAngleDeg;
    private final double[] fixedDemandMw;   // PD + GS per bus
    private final int[] branchCase;         // in-service branch -> index in the case
    private final int[] from;
    private final int[] to;
    private final double[] susceptance;    // p.u.
    private final double[] shiftFlowMw;    // flow a phase shifter drives with no angle difference
    private final double[] rateMw;          // 0: unlimited
    private final double[] angleMinRad;
    private final double[] angleMaxRad;
    private final double[] shiftInjectionMw; // MATPOWER's Pbusinj, in MW
    private final int[] reducedOf;          // bus -> row of the reduced matrix, -1 for the reference
    private final LUDecomposition lu;
    private final Map<Integer, double[]> ptdfCache = new ConcurrentHashMap<>();

    private DcNetwork(MatpowerCase source) {
        this.source = source;
        this.baseMva = source.baseMva();
        List<MatpowerBus> buses = source.buses().stream().filter(b -> b.type() != BusType.ISOLATED).toList();
        if (buses.isEmpty()) {
            throw new DcNetworkException("case " + source.name() + " has no bus in service (every bus is type 4, isolated)");
        }
        busNumber = new int[buses.size()];
        fixedDemandMw = new double[buses.size()];
        int refBus = -1;
        double refAngle = 0;
        for (int i = 0; i < buses.size(); i++) {
            MatpowerBus bus = buses.get(i);
            busNumber[i] = bus.number();
            busIndex.put(bus.number(), i);
            fixedDemandMw[i] = bus.pdMw() + bus.gsMw();
            if (bus.type() == BusType.REF && refBus < 0) {
                refBus = i;
                refAngle = bus.vaDeg();
            }
        }
        if (refBus < 0) {
            throw new DcNetworkException("case " + source.name() + " has no reference bus (BUS_TYPE 3); mark one bus as the"
                    + " angle reference");
        }
        this.ref = refBus;
        this.refAngleDeg = refAngle;

        List<Integer> inService = new ArrayList<>();
        for (int l = 0; l < source.branches().size(); l++) {
            MatpowerBranch br = source.branches().get(l);
            if (br.inService() && busIndex.containsKey(br.fromBus()) && busIndex.containsKey(br.toBus())) {
                if (br.xPu() == 0) {
                    throw new DcNetworkException("branch " + (l + 1) + " (" + br.fromBus() + " - " + br.toBus()
                            + ") has zero reactance; a DC model needs BR_X != 0 (merge the two buses or give it a small reactance)");
                }
                inService.add(l);
            }
        }
        int nl = inService.size();
        branchCase = new int[nl];
        from = new int[nl];
        to = new int[nl];
        susceptance = new double[nl];
        shiftFlowMw = new double[nl];
        rateMw = new double[nl];
        angleMinRad = new double[nl];
        angleMaxRad = new double[nl];
        shiftInjectionMw = new double[buses.size()];
        for (int k = 0; k < nl; k++) {
            MatpowerBranch br = source.branches().get(inService.get(k));
            branchCase[k] = inService.get(k);
            from[k] = busIndex.get(br.fromBus());
            to[k] = busIndex.get(br.toBus());
            susceptance[k] = 1.0 / (br.xPu() * br.effectiveTap());
            shiftFlowMw[k] = -susceptance[k] * Math.toRadians(br.shiftDeg()) * baseMva;
            shiftInjectionMw[from[k]] += shiftFlowMw[k];
            shiftInjectionMw[to[k]] -= shiftFlowMw[k];
            rateMw[k] = br.rateAMva();
            boolean unconstrained = br.angMinDeg() == 0 && br.angMaxDeg() == 0;
            angleMinRad[k] = unconstrained || br.angMinDeg() <= -360 ? Double.NEGATIVE_INFINITY : Math.toRadians(br.angMinDeg());
            angleMaxRad[k] = unconstrained || br.angMaxDeg() >= 360 ? Double.POSITIVE_INFINITY : Math.toRadians(br.angMaxDeg());
        }
        checkConnected();

        reducedOf = new int[buses.size()];
        int r = 0;
        for (int i = 0; i < buses.size(); i++) {
            reducedOf[i] = i == ref ? -1 : r++;
        }
        lu = factorise(r);
    }

    /** The DC model of a case. */
    public static DcNetwork of(MatpowerCase source) {
        return new DcNetwork(source);
    }

    private void checkConnected() {
        int n = busNumber.length;
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adjacent.add(new ArrayList<>());
        }
        for (int k = 0; k < from.length; k++) {
            adjacent.get(from[k]).add(to[k]);
            adjacent.get(to[k]).add(from[k]);
        }
        boolean[] seen = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(ref);
        seen[ref] = true;
        int reached = 1;
        while (!queue.isEmpty()) {
            for (int next : adjacent.get(queue.poll())) {
                if (!seen[next]) {
                    seen[next] = true;
                    reached++;
                    queue.add(next);
                }
            }
        }
        if (reached < n) {
            int example = 0;
            while (seen[example]) {
                example++;
            }
            throw new DcNetworkException("case " + source.name() + ": " + (n - reached) + " of " + n + " in-service buses are not"
                    + " connected to the reference bus " + busNumber[ref] + " through in-service branches (bus " + busNumber[example]
                    + " for one); mark them isolated (BUS_TYPE 4) or reconnect them");
        }
    }

    private LUDecomposition factorise(int size) {
        if (size == 0) {
            return null;
        }
        // Reduced B matrix, assembled column by column as PowSyBl's sparse matrix requires.
        List<TreeMap<Integer, Double>> columns = new ArrayList<>();
        for (int j = 0; j < size; j++) {
            columns.add(new TreeMap<>());
        }
        for (int k = 0; k < from.length; k++) {
            int f = reducedOf[from[k]];
            int t = reducedOf[to[k]];
            double b = susceptance[k];
            if (f >= 0) {
                columns.get(f).merge(f, b, Double::sum);
            }
            if (t >= 0) {
                columns.get(t).merge(t, b, Double::sum);
            }
            if (f >= 0 && t >= 0) {
                columns.get(t).merge(f, -b, Double::sum);
                columns.get(f).merge(t, -b, Double::sum);
            }
        }
        int nnz = columns.stream().mapToInt(Map::size).sum();
        Matrix matrix = new SparseMatrixFactory().create(size, size, nnz);
        for (int j = 0; j < size; j++) {
            for (Map.Entry<Integer, Double> e : columns.get(j).entrySet()) {
                matrix.set(e.getKey(), j, e.getValue());
            }
        }
        try {
            return matrix.decomposeLU();
        } catch (RuntimeException e) {
            throw new DcNetworkException("case " + source.name() + ": the susceptance matrix could not be factorised ("
                    + e.getMessage() + "); check for branches with extreme reactances", e);
        }
    }

    /** Voltage angles (radians, reference at 0) for bus injections in MW, generation minus every demand. */
    public double[] anglesRad(double[] netInjectionMw) {
        checkBusArray(netInjectionMw);
        double[] rhs = new double[busNumber.length - 1];
        for (int i = 0; i < busNumber.length; i++) {
            if (i != ref) {
                rhs[reducedOf[i]] = (netInjectionMw[i] - shiftInjectionMw[i]) / baseMva;
            }
        }
        if (lu != null) {
            synchronized (lu) {
                lu.solve(rhs);
            }
        }
        double[] theta = new double[busNumber.length];
        for (int i = 0; i < busNumber.length; i++) {
            theta[i] = i == ref ? 0 : rhs[reducedOf[i]];
        }
        return theta;
    }

    /** Angles in degrees in MATPOWER's reference (the reference bus at its case VA). */
    public double[] anglesDeg(double[] anglesRad) {
        double[] deg = new double[anglesRad.length];
        for (int i = 0; i < deg.length; i++) {
            deg[i] = Math.toDegrees(anglesRad[i]) + refAngleDeg;
        }
        return deg;
    }

    /** Branch flows (MW, from end) for angles in radians. */
    public double[] flowsMw(double[] anglesRad) {
        double[] flows = new double[from.length];
        for (int k = 0; k < from.length; k++) {
            flows[k] = baseMva * susceptance[k] * (anglesRad[from[k]] - anglesRad[to[k]]) + shiftFlowMw[k];
        }
        return flows;
    }

    /**
     * Power transfer distribution factors of one in-service branch: MW of flow per MW injected at each bus and
     * withdrawn at the reference bus. The flow is {@code sum_i ptdf[i] * (injection_i - shiftInjection_i) + shiftFlow}.
     * The returned array is shared: do not modify it.
     */
    public double[] ptdfRow(int branch) {
        return ptdfCache.computeIfAbsent(branch, this::computePtdfRow);
    }

    private double[] computePtdfRow(int k) {
        double[] row = new double[busNumber.length];
        if (lu == null) {
            return row;
        }
        double[] rhs = new double[busNumber.length - 1];
        int f = reducedOf[from[k]];
        int t = reducedOf[to[k]];
        if (f >= 0) {
            rhs[f] = susceptance[k];
        }
        if (t >= 0) {
            rhs[t] = -susceptance[k];
        }
        synchronized (lu) {
            lu.solve(rhs); // B is symmetric: this is row k of Bf * inverse(B)
        }
        for (int i = 0; i < busNumber.length; i++) {
            row[i] = i == ref ? 0 : rhs[reducedOf[i]];
        }
        return row;
    }

    public MatpowerCase source() {
        return source;
    }

    public double baseMva() {
        return baseMva;
    }

    /** Buses in service (not type 4), in case order. */
    public int busCount() {
        return busNumber.length;
    }

    public int busNumber(int bus) {
        return busNumber[bus];
    }

    /** The index of a bus number among in-service buses, or -1. */
    public int busIndex(int number) {
        return busIndex.getOrDefault(number, -1);
    }

    public int referenceBus() {
        return ref;
    }

    /** PD + GS of a bus, MW: what MATPOWER's DC model withdraws there. */
    public double fixedDemandMw(int bus) {
        return fixedDemandMw[bus];
    }

    /** MATPOWER's {@code Pbusinj} in MW: what phase shifters inject at a bus. */
    public double shiftInjectionMw(int bus) {
        return shiftInjectionMw[bus];
    }

    /** In-service branches (both ends in service), in case order. */
    public int branchCount() {
        return from.length;
    }

    /** The branch's 0-based row in the case's {@code mpc.branch}. */
    public int branchCaseIndex(int branch) {
        return branchCase[branch];
    }

    public int branchFrom(int branch) {
        return from[branch];
    }

    public int branchTo(int branch) {
        return to[branch];
    }

    /** RATE_A in MW; 0 means unlimited, as in MATPOWER. */
    public double rateMw(int branch) {
        return rateMw[branch];
    }

    public double shiftFlowMw(int branch) {
        return shiftFlowMw[branch];
    }

    /** The branch's series susceptance {@code 1/(x tap)} in p.u. */
    public double susceptancePu(int branch) {
        return susceptance[branch];
    }

    /** Angle-difference limits in radians (infinite when MATPOWER's rule leaves that side unconstrained). */
    public double angleMinRad(int branch) {
        return angleMinRad[branch];
    }

    public double angleMaxRad(int branch) {
        return angleMaxRad[branch];
    }

    public boolean hasAngleLimit(int branch) {
        return Double.isFinite(angleMinRad[branch]) || Double.isFinite(angleMaxRad[branch]);
    }

    private void checkBusArray(double[] values) {
        if (values.length != busNumber.length) {
            throw new IllegalArgumentException("expected one value per in-service bus (" + busNumber.length + "), got " + values.length);
        }
    }

    @Override
    public void close() {
        if (lu != null) {
            synchronized (lu) {
                lu.close();
            }
        }
    }

    @Override
    public String toString() {
        return "DcNetwork[" + source.name() + ": " + busNumber.length + " buses, " + from.length + " branches, reference bus "
                + busNumber[ref] + ", " + Arrays.stream(rateMw).filter(r -> r > 0).count() + " rated]";
    }
}
