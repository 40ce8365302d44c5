package io.gridai.network;

/**
 * One row of {@code mpc.gen} in MATPOWER's column layout. Columns 1 to 10 are required; columns 11 to 21 (PC1 to
 * APF) are 0 when the case file does not have them. Result columns (MU_PMAX ...) are not kept.
 *
 * @param busNumber        GEN_BUS, the bus number
 * @param pgMw             PG, active power output, MW
 * @param qgMvar           QG, reactive power output, Mvar
 * @param qmaxMvar         QMAX, maximum reactive power output, Mvar (may be infinite)
 * @param qminMvar         QMIN, minimum reactive power output, Mvar (may be infinite)
 * @param vgPu             VG, voltage magnitude set point, p.u.
 * @param mbaseMva         MBASE, machine base, MVA
 * @param status           GEN_STATUS, &gt; 0 in service, &le; 0 out of service
 * @param pmaxMw           PMAX, maximum active power output, MW
 * @param pminMw           PMIN, minimum active power output, MW
 * @param pc1Mw            PC1, lower active power of the PQ capability curve, MW
 * @param pc2Mw            PC2, upper active power of the PQ capability curve, MW
 * @param qc1minMvar       QC1MIN, minimum reactive power at PC1, Mvar
 * @param qc1maxMvar       QC1MAX, maximum reactive power at PC1, Mvar
 * @param qc2minMvar       QC2MIN, minimum reactive power at PC2, Mvar
 * @param qc2maxMvar       QC2MAX, maximum reactive power at PC2, Mvar
 * @param rampAgcMwPerMin  RAMP_AGC, ramp rate for load following/AGC, MW/min
 * @param ramp10Mw         RAMP_10, ramp rate for 10 minute reserves, MW
 * @param ramp30Mw         RAMP_30, ramp rate for 30 minute reserves, MW
 * @param rampQMvarPerMin  RAMP_Q, ramp rate for reactive power (2 s timescale), Mvar/min
 * @param apf              APF, area participation factor
 */
public record MatpowerGenerator(int busNumber, double pgMw, double qgMvar, double qmaxMvar, double qminMvar,
                                double vgPu, double mbaseMva, int status, double pmaxMw, double pminMw,
                                double pc1Mw, double pc2Mw, double qc1minMvar, double qc1maxMvar,
                                double qc2minMvar, double qc2maxMvar, double rampAgcMwPerMin, double ramp10Mw,
                                double ramp30Mw, double rampQMvarPerMin, double apf) {

    /**
     * The unit's ramp rate as the case gives it, MW per minute: RAMP_AGC, else RAMP_10 / 10, else RAMP_30 / 30; empty
     * when all three are 0. The grid twin, the dispatch optimiser and its safety envelope all read ramps through this.
     */
    public java.util.OptionalDouble rampMwPerMinute() {
        if (rampAgcMwPerMin > 0) {
            return java.util.OptionalDouble.of(rampAgcMwPerMin);
        }
        if (ramp10Mw > 0) {
            return java.util.OptionalDouble.of(ramp10Mw / 10);
        }
        if (ramp30Mw > 0) {
            return java.util.OptionalDouble.of(ramp30Mw / 30);
        }
        return java.util.OptionalDouble.empty();
    }

    /** Whether the generator is in service (GEN_STATUS &gt; 0, as MATPOWER). */
    public boolean inService() {
        return status > 0;
    }
}
