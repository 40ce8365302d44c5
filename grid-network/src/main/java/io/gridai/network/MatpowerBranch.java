package io.gridai.network;

/**
 * One row of {@code mpc.branch} in MATPOWER's column layout (columns 1 to 13; ANGMIN and ANGMAX are -360 and
 * 360 degrees when the file has only 11 columns). Result columns (PF, QF ...) are not kept.
 *
 * <p>MATPOWER's branch model: an ideal transformer of complex ratio {@code tap * exp(j * shift)} at the from end,
 * then a pi section of series impedance {@code r + jx} and total charging susceptance {@code b}, half at each
 * end.
 *
 * @param fromBus   F_BUS, the from bus number
 * @param toBus     T_BUS, the to bus number
 * @param rPu       BR_R, series resistance, p.u.
 * @param xPu       BR_X, series reactance, p.u.
 * @param bPu       BR_B, total line charging susceptance, p.u.
 * @param rateAMva  RATE_A, long term rating, MVA (0 means unlimited)
 * @param rateBMva  RATE_B, short term rating, MVA (0 means unlimited)
 * @param rateCMva  RATE_C, emergency rating, MVA (0 means unlimited)
 * @param tap       TAP, off-nominal turns ratio at the from end (0 means a line, ratio 1)
 * @param shiftDeg  SHIFT, phase shift angle, degrees (positive: delay)
 * @param status    BR_STATUS, 1 in service, 0 out of service
 * @param angMinDeg ANGMIN, minimum angle difference from - to, degrees
 * @param angMaxDeg ANGMAX, maximum angle difference from - to, degrees
 */
public record MatpowerBranch(int fromBus, int toBus, double rPu, double xPu, double bPu, double rateAMva,
                             double rateBMva, double rateCMva, double tap, double shiftDeg, int status,
                             double angMinDeg, double angMaxDeg) {

    /** Whether the branch is in service (BR_STATUS non-zero, as MATPOWER's {@code ext2int}). */
    public boolean inService() {
        return status != 0;
    }

    /** The turns ratio used in computations: {@link #tap()}, or 1 when TAP is 0. */
    public double effectiveTap() {
        return tap == 0 ? 1.0 : tap;
    }
}
