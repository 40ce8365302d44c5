package io.gridai.network;

import java.util.List;
import java.util.Map;

/**
 * The bus admittance matrix of a MATPOWER case, built here from the case data exactly as MATPOWER's
 * {@code makeYbus} does, independently of PowSyBl: series admittance {@code 1 / (r + jx)}, charging {@code b}
 * split half at each end, the ideal transformer {@code tap * exp(j * shift)} at the from end, and bus shunts
 * {@code (GS + j BS) / baseMVA}. Out-of-service branches and isolated buses (with everything connected to them)
 * are left out, as MATPOWER's {@code ext2int} does.
 *
 * <p>All quantities are in per unit of the case's base MVA; angles in radians.
 */
final class AdmittanceModel {

    private final int busCount;
    private final int[] from;
    private final int[] to;
    private final boolean[] active;
    private final double[] yffRe;
    private final double[] yffIm;
    private final double[] yftRe;
    private final double[] yftIm;
    private final double[] ytfRe;
    private final double[] ytfIm;
    private final double[] yttRe;
    private final double[] yttIm;
    private final double[] yshRe;
    private final double[] yshIm;

    private AdmittanceModel(MatpowerCase matpowerCase) {
        List<MatpowerBus> buses = matpowerCase.buses();
        List<MatpowerBranch> branches = matpowerCase.branches();
        Map<Integer, Integer> index = matpowerCase.busIndexByNumber();
        busCount = buses.size();
        int n = branches.size();
        from = new int[n];
        to = new int[n];
        active = new boolean[n];
        yffRe = new double[n];
        yffIm = new double[n];
        yftRe = new double[n];
        yftIm = new double[n];
        ytfRe = new double[n];
        ytfIm = new double[n];
        yttRe = new double[n];
        yttIm = new double[n];
        for (int l = 0; l < n; l++) {
            MatpowerBranch branch = branches.get(l);
            from[l] = index.get(branch.fromBus());
            to[l] = index.get(branch.toBus());
            active[l] = branch.inService() && buses.get(from[l]).type() != BusType.ISOLATED
                    && buses.get(to[l]).type() != BusType.ISOLATED;
            double z2 = branch.rPu() * branch.rPu() + branch.xPu() * branch.xPu();
            double ysRe = branch.rPu() / z2;
            double ysIm = -branch.xPu() / z2;
            double tap = branch.effectiveTap();
            double shift = Math.toRadians(branch.shiftDeg());
            double tRe = tap * Math.cos(shift);
            double tIm = tap * Math.sin(shift);
            double tap2 = tap * tap;
            // Ytt = ys + j b/2; Yff = Ytt / |t|^2; Yft = -ys / conj(t); Ytf = -ys / t
            yttRe[l] = ysRe;
            yttIm[l] = ysIm + branch.bPu() / 2;
            yffRe[l] = yttRe[l] / tap2;
            yffIm[l] = yttIm[l] / tap2;
            // -ys / conj(t) = -ys * t / |t|^2
            yftRe[l] = -(ysRe * tRe - ysIm * tIm) / tap2;
            yftIm[l] = -(ysRe * tIm + ysIm * tRe) / tap2;
            // -ys / t = -ys * conj(t) / |t|^2
            ytfRe[l] = -(ysRe * tRe + ysIm * tIm) / tap2;
            ytfIm[l] = -(ysIm * tRe - ysRe * tIm) / tap2;
        }
        yshRe = new double[busCount];
        yshIm = new double[busCount];
        for (int i = 0; i < busCount; i++) {
            MatpowerBus bus = buses.get(i);
            if (bus.type() != BusType.ISOLATED) {
                yshRe[i] = bus.gsMw() / matpowerCase.baseMva();
                yshIm[i] = bus.bsMvar() / matpowerCase.baseMva();
            }
        }
    }

    static AdmittanceModel of(MatpowerCase matpowerCase) {
        return new AdmittanceModel(matpowerCase);
    }

    /**
     * The complex power {@code S = V conj(Ybus V)} injected at every bus into the network (branches and bus
     * shunts), p.u.
     *
     * @return {@code {P[], Q[]}} in case bus order
     */
    double[][] injections(double[] vmPu, double[] vaRad) {
        double[] vRe = new double[busCount];
        double[] vIm = new double[busCount];
        for (int i = 0; i < busCount; i++) {
            vRe[i] = vmPu[i] * Math.cos(vaRad[i]);
            vIm[i] = vmPu[i] * Math.sin(vaRad[i]);
        }
        double[] iRe = new double[busCount];
        double[] iIm = new double[busCount];
        for (int i = 0; i < busCount; i++) {
            iRe[i] = yshRe[i] * vRe[i] - yshIm[i] * vIm[i];
            iIm[i] = yshRe[i] * vIm[i] + yshIm[i] * vRe[i];
        }
        for (int l = 0; l < from.length; l++) {
            if (!active[l]) {
                continue;
            }
            int f = from[l];
            int t = to[l];
            iRe[f] += yffRe[l] * vRe[f] - yffIm[l] * vIm[f] + yftRe[l] * vRe[t] - yftIm[l] * vIm[t];
            iIm[f] += yffRe[l] * vIm[f] + yffIm[l] * vRe[f] + yftRe[l] * vIm[t] + yftIm[l] * vRe[t];
            iRe[t] += ytfRe[l] * vRe[f] - ytfIm[l] * vIm[f] + yttRe[l] * vRe[t] - yttIm[l] * vIm[t];
            iIm[t] += ytfRe[l] * vIm[f] + ytfIm[l] * vRe[f] + yttRe[l] * vIm[t] + yttIm[l] * vRe[t];
        }
        double[] p = new double[busCount];
        double[] q = new double[busCount];
        for (int i = 0; i < busCount; i++) {
            // S = V conj(I)
            p[i] = vRe[i] * iRe[i] + vIm[i] * iIm[i];
            q[i] = vIm[i] * iRe[i] - vRe[i] * iIm[i];
        }
        return new double[][] {p, q};
    }

    /**
     * The complex power flowing into branch {@code l} at its from and to ends, p.u.; zeros when the branch is out
     * of service.
     *
     * @return {@code {Pf, Qf, Pt, Qt}}
     */
    double[] branchFlow(int l, double[] vmPu, double[] vaRad) {
        if (!active[l]) {
            return new double[4];
        }
        int f = from[l];
        int t = to[l];
        double vfRe = vmPu[f] * Math.cos(vaRad[f]);
        double vfIm = vmPu[f] * Math.sin(vaRad[f]);
        double vtRe = vmPu[t] * Math.cos(vaRad[t]);
        double vtIm = vmPu[t] * Math.sin(vaRad[t]);
        double ifRe = yffRe[l] * vfRe - yffIm[l] * vfIm + yftRe[l] * vtRe - yftIm[l] * vtIm;
        double ifIm = yffRe[l] * vfIm + yffIm[l] * vfRe + yftRe[l] * vtIm + yftIm[l] * vtRe;
        double itRe = ytfRe[l] * vfRe - ytfIm[l] * vfIm + yttRe[l] * vtRe - yttIm[l] * vtIm;
        double itIm = ytfRe[l] * vfIm + ytfIm[l] * vfRe + yttRe[l] * vtIm + yttIm[l] * vtRe;
        return new double[] {
            vfRe * ifRe + vfIm * ifIm, vfIm * ifRe - vfRe * ifIm,
            vtRe * itRe + vtIm * itIm, vtIm * itRe - vtRe * itIm
        };
    }
}
