package io.gridai.dispatch.opf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.gridai.network.BusType;
import io.gridai.network.GeneratorCost;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;

/** Copies of a case with one row changed (the case records are immutable). Rows are 0-based. */
final class CaseEdits {

    private CaseEdits() {
    }

    static MatpowerCase withBranch(MatpowerCase c, int row, UnaryOperator<MatpowerBranch> edit) {
        List<MatpowerBranch> branches = new ArrayList<>(c.branches());
        branches.set(row, edit.apply(branches.get(row)));
        return new MatpowerCase(c.name(), c.baseMva(), c.buses(), c.generators(), branches, c.costs());
    }

    static MatpowerCase withBus(MatpowerCase c, int row, UnaryOperator<MatpowerBus> edit) {
        List<MatpowerBus> buses = new ArrayList<>(c.buses());
        buses.set(row, edit.apply(buses.get(row)));
        return new MatpowerCase(c.name(), c.baseMva(), buses, c.generators(), c.branches(), c.costs());
    }

    static MatpowerCase withCost(MatpowerCase c, int generatorRow, GeneratorCost cost) {
        List<GeneratorCost> costs = new ArrayList<>(c.costs());
        costs.set(generatorRow, cost);
        return new MatpowerCase(c.name(), c.baseMva(), c.buses(), c.generators(), c.branches(), costs);
    }

    static MatpowerCase withoutCosts(MatpowerCase c) {
        return new MatpowerCase(c.name(), c.baseMva(), c.buses(), c.generators(), c.branches(), List.of());
    }

    static MatpowerBranch rateA(MatpowerBranch b, double rateMva) {
        return new MatpowerBranch(b.fromBus(), b.toBus(), b.rPu(), b.xPu(), b.bPu(), rateMva, b.rateBMva(), b.rateCMva(), b.tap(),
                b.shiftDeg(), b.status(), b.angMinDeg(), b.angMaxDeg());
    }

    static MatpowerBranch reactance(MatpowerBranch b, double xPu) {
        return new MatpowerBranch(b.fromBus(), b.toBus(), b.rPu(), xPu, b.bPu(), b.rateAMva(), b.rateBMva(), b.rateCMva(), b.tap(),
                b.shiftDeg(), b.status(), b.angMinDeg(), b.angMaxDeg());
    }

    static MatpowerBranch angleLimits(MatpowerBranch b, double minDeg, double maxDeg) {
        return new MatpowerBranch(b.fromBus(), b.toBus(), b.rPu(), b.xPu(), b.bPu(), b.rateAMva(), b.rateBMva(), b.rateCMva(), b.tap(),
                b.shiftDeg(), b.status(), minDeg, maxDeg);
    }

    static MatpowerBranch transformer(MatpowerBranch b, double tap, double shiftDeg) {
        return new MatpowerBranch(b.fromBus(), b.toBus(), b.rPu(), b.xPu(), b.bPu(), b.rateAMva(), b.rateBMva(), b.rateCMva(), tap,
                shiftDeg, b.status(), b.angMinDeg(), b.angMaxDeg());
    }

    static MatpowerBranch outOfService(MatpowerBranch b) {
        return new MatpowerBranch(b.fromBus(), b.toBus(), b.rPu(), b.xPu(), b.bPu(), b.rateAMva(), b.rateBMva(), b.rateCMva(), b.tap(),
                b.shiftDeg(), 0, b.angMinDeg(), b.angMaxDeg());
    }

    static MatpowerBus demand(MatpowerBus b, double pdMw) {
        return new MatpowerBus(b.number(), b.type(), pdMw, b.qdMvar(), b.gsMw(), b.bsMvar(), b.area(), b.vmPu(), b.vaDeg(), b.baseKv(),
                b.zone(), b.vmaxPu(), b.vminPu(), b.name());
    }

    static MatpowerBus shuntConductance(MatpowerBus b, double gsMw) {
        return new MatpowerBus(b.number(), b.type(), b.pdMw(), b.qdMvar(), gsMw, b.bsMvar(), b.area(), b.vmPu(), b.vaDeg(), b.baseKv(),
                b.zone(), b.vmaxPu(), b.vminPu(), b.name());
    }

    static MatpowerBus type(MatpowerBus b, BusType type) {
        return new MatpowerBus(b.number(), type, b.pdMw(), b.qdMvar(), b.gsMw(), b.bsMvar(), b.area(), b.vmPu(), b.vaDeg(), b.baseKv(),
                b.zone(), b.vmaxPu(), b.vminPu(), b.name());
    }
}
