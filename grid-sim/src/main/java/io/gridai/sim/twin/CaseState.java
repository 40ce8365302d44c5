package io.gridai.sim.twin;

import java.util.ArrayList;
import java.util.List;

import io.gridai.network.AcPowerFlowResult;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerGenerator;

/**
 * The operating point the twin solves each tick: the base case with this tick's bus demands and generator
 * outputs, and the last solution's voltages as Newton-Raphson's starting point (a warm start).
 */
final class CaseState {

    private final MatpowerCase base;
    private final double[] pdMw;
    private final double[] qdMvar;
    private final double[] pgMw;
    private final double[] vmPu;
    private final double[] vaDeg;

    CaseState(MatpowerCase base) {
        this.base = base;
        int nb = base.buses().size();
        pdMw = new double[nb];
        qdMvar = new double[nb];
        vmPu = new double[nb];
        vaDeg = new double[nb];
        for (int i = 0; i < nb; i++) {
            MatpowerBus bus = base.buses().get(i);
            pdMw[i] = bus.pdMw();
            qdMvar[i] = bus.qdMvar();
            vmPu[i] = bus.vmPu();
            vaDeg[i] = bus.vaDeg();
        }
        pgMw = base.generators().stream().mapToDouble(MatpowerGenerator::pgMw).toArray();
    }

    MatpowerCase base() {
        return base;
    }

    void setBusDemand(int busIndex, double pMw, double qMvar) {
        pdMw[busIndex] = pMw;
        qdMvar[busIndex] = qMvar;
    }

    double busDemandMw(int busIndex) {
        return pdMw[busIndex];
    }

    double busDemandMvar(int busIndex) {
        return qdMvar[busIndex];
    }

    void setGeneratorOutput(int generatorIndex, double pMw) {
        pgMw[generatorIndex] = pMw;
    }

    /** Keeps a converged solution's voltages as the next starting point. */
    void remember(AcPowerFlowResult result) {
        for (int i = 0; i < result.buses().size(); i++) {
            vmPu[i] = result.buses().get(i).vmPu();
            vaDeg[i] = result.buses().get(i).vaDeg();
        }
    }

    MatpowerCase toCase() {
        List<MatpowerBus> buses = new ArrayList<>(pdMw.length);
        for (int i = 0; i < pdMw.length; i++) {
            MatpowerBus b = base.buses().get(i);
            buses.add(new MatpowerBus(b.number(), b.type(), pdMw[i], qdMvar[i], b.gsMw(), b.bsMvar(), b.area(),
                    vmPu[i], vaDeg[i], b.baseKv(), b.zone(), b.vmaxPu(), b.vminPu(), b.name()));
        }
        List<MatpowerGenerator> generators = new ArrayList<>(pgMw.length);
        for (int g = 0; g < pgMw.length; g++) {
            MatpowerGenerator x = base.generators().get(g);
            generators.add(new MatpowerGenerator(x.busNumber(), pgMw[g], x.qgMvar(), x.qmaxMvar(), x.qminMvar(),
                    x.vgPu(), x.mbaseMva(), x.status(), x.pmaxMw(), x.pminMw(), x.pc1Mw(), x.pc2Mw(),
                    x.qc1minMvar(), x.qc1maxMvar(), x.qc2minMvar(), x.qc2maxMvar(), x.rampAgcMwPerMin(),
                    x.ramp10Mw(), x.ramp30Mw(), x.rampQMvarPerMin(), x.apf()));
        }
        List<MatpowerBranch> branches = base.branches();
        return new MatpowerCase(base.name(), base.baseMva(), buses, generators, branches, base.costs());
    }
}
