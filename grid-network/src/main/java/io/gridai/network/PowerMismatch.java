package io.gridai.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Bus power mismatches of a set of bus voltages, computed from an admittance matrix built here from the MATPOWER
 * data (MATPOWER's {@code makeYbus}: series impedance, line charging, taps and phase shifts, bus shunts GS/BS),
 * independently of OpenLoadFlow. It checks a power flow solution physically.
 *
 * <p>At every bus, the mismatch is {@code S_calc - S_spec} in MW and Mvar, where {@code S_calc = V conj(Ybus V)}
 * times baseMVA is the power the bus sends into the network (branches and its own shunt), and
 * {@code S_spec = sum(PG + j QG over the bus's in-service generators) - (PD + j QD)} is what the case specifies.
 * A power flow solution fixes the active power at every {@link PowerFlowBusType#PV PV} and
 * {@link PowerFlowBusType#PQ PQ} bus and the reactive power at every PQ bus; {@link #maxActiveMw()} and
 * {@link #maxReactiveMvar()} are the largest absolute mismatches over exactly those. The slack's P and Q and the
 * PV buses' Q are free variables (their mismatch is what the slack and the PV generators must supply beyond their
 * PG, QG) and are not counted. Isolated buses have NaN mismatches.
 *
 * @param buses           one entry per bus, in case order
 * @param maxActiveMw     largest |&Delta;P| over PV and PQ buses, MW
 * @param maxReactiveMvar largest |&Delta;Q| over PQ buses, Mvar
 */
public record PowerMismatch(List<BusMismatch> buses, double maxActiveMw, double maxReactiveMvar) {

    /**
     * The mismatch at one bus.
     *
     * @param busNumber    MATPOWER bus number
     * @param type         the bus's role in the power flow
     * @param activeMw     &Delta;P = P_calc - P_spec, MW
     * @param reactiveMvar &Delta;Q = Q_calc - Q_spec, Mvar
     */
    public record BusMismatch(int busNumber, PowerFlowBusType type, double activeMw, double reactiveMvar) {

        /** Whether a power flow solution must make {@link #activeMw()} zero here (PV and PQ buses). */
        public boolean activeCounted() {
            return type == PowerFlowBusType.PV || type == PowerFlowBusType.PQ;
        }

        /** Whether a power flow solution must make {@link #reactiveMvar()} zero here (PQ buses). */
        public boolean reactiveCounted() {
            return type == PowerFlowBusType.PQ;
        }
    }

    public PowerMismatch {
        buses = List.copyOf(buses);
    }

    /**
     * Mismatches of bus voltages given in case bus order.
     *
     * @param vmPu  voltage magnitudes, p.u.
     * @param vaDeg voltage angles, degrees (any reference)
     */
    public static PowerMismatch compute(MatpowerCase matpowerCase, double[] vmPu, double[] vaDeg) {
        Objects.requireNonNull(matpowerCase, "matpowerCase");
        int n = matpowerCase.buses().size();
        if (vmPu.length != n || vaDeg.length != n) {
            throw new IllegalArgumentException("expected " + n + " voltages, got " + vmPu.length + " magnitudes and "
                    + vaDeg.length + " angles");
        }
        double[] vaRad = new double[n];
        for (int i = 0; i < n; i++) {
            vaRad[i] = Math.toRadians(vaDeg[i]);
        }
        double[][] injections = AdmittanceModel.of(matpowerCase).injections(vmPu, vaRad);
        double baseMva = matpowerCase.baseMva();
        double[] specP = new double[n];
        double[] specQ = new double[n];
        List<MatpowerBus> caseBuses = matpowerCase.buses();
        for (int i = 0; i < n; i++) {
            specP[i] = -caseBuses.get(i).pdMw();
            specQ[i] = -caseBuses.get(i).qdMvar();
        }
        Map<Integer, Integer> index = matpowerCase.busIndexByNumber();
        for (MatpowerGenerator generator : matpowerCase.generators()) {
            if (generator.inService()) {
                int i = index.get(generator.busNumber());
                specP[i] += generator.pgMw();
                specQ[i] += generator.qgMvar();
            }
        }
        List<PowerFlowBusType> types = PowerFlowBusType.of(matpowerCase);
        List<BusMismatch> mismatches = new ArrayList<>(n);
        double maxP = 0;
        double maxQ = 0;
        for (int i = 0; i < n; i++) {
            PowerFlowBusType type = types.get(i);
            double dp = type == PowerFlowBusType.ISOLATED ? Double.NaN : injections[0][i] * baseMva - specP[i];
            double dq = type == PowerFlowBusType.ISOLATED ? Double.NaN : injections[1][i] * baseMva - specQ[i];
            BusMismatch mismatch = new BusMismatch(caseBuses.get(i).number(), type, dp, dq);
            if (mismatch.activeCounted()) {
                maxP = Double.isNaN(dp) ? Double.NaN : Math.max(maxP, Math.abs(dp));
            }
            if (mismatch.reactiveCounted()) {
                maxQ = Double.isNaN(dq) ? Double.NaN : Math.max(maxQ, Math.abs(dq));
            }
            mismatches.add(mismatch);
        }
        return new PowerMismatch(mismatches, maxP, maxQ);
    }

    /** Mismatches of the bus voltages of a power flow result of this case. */
    public static PowerMismatch compute(MatpowerCase matpowerCase, AcPowerFlowResult result) {
        int n = result.buses().size();
        double[] vm = new double[n];
        double[] va = new double[n];
        for (int i = 0; i < n; i++) {
            vm[i] = result.buses().get(i).vmPu();
            va[i] = result.buses().get(i).vaDeg();
        }
        return compute(matpowerCase, vm, va);
    }
}
