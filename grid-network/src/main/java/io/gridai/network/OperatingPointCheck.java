package io.gridai.network;

import java.util.List;

/**
 * Checks that a case is a new operating point of another: same structure, different only in bus PD, QD, VM, VA and
 * generator PG, QG (see {@link MatpowerNetwork#withOperatingPoint}). One pass over the case; numbers are compared
 * as {@link Double#compare} does (as record equality: NaN equals NaN, 0.0 differs from -0.0).
 */
final class OperatingPointCheck {

    private static final String ONLY = "; only bus PD, QD, VM, VA and generator PG, QG may change";

    private OperatingPointCheck() {
    }

    /**
     * @throws IllegalArgumentException naming the first difference in structure, or the first non-finite (or
     *                                  negative VM) value of the update
     */
    static void requireOperatingPointOf(MatpowerCase base, MatpowerCase updated) {
        String prefix = "case " + updated.name() + " is not an operating point of case " + base.name() + ": ";
        if (Double.compare(base.baseMva(), updated.baseMva()) != 0) {
            throw new IllegalArgumentException(prefix + "baseMVA " + base.baseMva() + " -> " + updated.baseMva() + ONLY);
        }
        requireSameSize(prefix, "buses", base.buses(), updated.buses());
        requireSameSize(prefix, "generators", base.generators(), updated.generators());
        requireSameSize(prefix, "branches", base.branches(), updated.branches());
        for (int i = 0; i < base.buses().size(); i++) {
            String difference = busDifference(base.buses().get(i), updated.buses().get(i));
            if (difference != null) {
                throw new IllegalArgumentException(prefix + "bus " + (i + 1) + " (number " + base.buses().get(i).number()
                        + ") " + difference + ONLY);
            }
        }
        for (int g = 0; g < base.generators().size(); g++) {
            String difference = generatorDifference(base.generators().get(g), updated.generators().get(g));
            if (difference != null) {
                throw new IllegalArgumentException(prefix + "generator " + (g + 1) + " (at bus "
                        + base.generators().get(g).busNumber() + ") " + difference + ONLY);
            }
        }
        for (int l = 0; l < base.branches().size(); l++) {
            MatpowerBranch a = base.branches().get(l);
            MatpowerBranch b = updated.branches().get(l);
            if (!a.equals(b)) {
                throw new IllegalArgumentException(prefix + "branch " + (l + 1) + " (" + a.fromBus() + " - " + a.toBus()
                        + ") " + branchDifference(a, b) + ONLY);
            }
        }
        for (int i = 0; i < updated.buses().size(); i++) {
            MatpowerBus bus = updated.buses().get(i);
            if (!Double.isFinite(bus.pdMw()) || !Double.isFinite(bus.qdMvar()) || !Double.isFinite(bus.vmPu())
                    || bus.vmPu() < 0 || !Double.isFinite(bus.vaDeg())) {
                throw new IllegalArgumentException(prefix + "bus " + (i + 1) + " (number " + bus.number()
                        + ") has PD " + bus.pdMw() + ", QD " + bus.qdMvar() + ", VM " + bus.vmPu() + ", VA " + bus.vaDeg()
                        + " (PD, QD, VA must be finite, VM finite and not negative)");
            }
        }
        for (int g = 0; g < updated.generators().size(); g++) {
            MatpowerGenerator generator = updated.generators().get(g);
            if (!Double.isFinite(generator.pgMw()) || !Double.isFinite(generator.qgMvar())) {
                throw new IllegalArgumentException(prefix + "generator " + (g + 1) + " (at bus " + generator.busNumber()
                        + ") has PG " + generator.pgMw() + ", QG " + generator.qgMvar() + " (both must be finite)");
            }
        }
    }

    private static void requireSameSize(String prefix, String what, List<?> base, List<?> updated) {
        if (base.size() != updated.size()) {
            throw new IllegalArgumentException(prefix + base.size() + " " + what + " -> " + updated.size() + ONLY);
        }
    }

    private static final String[] BUS_FIELDS = {"GS", "BS", "BASE_KV", "VMAX", "VMIN"};
    private static final String[] GENERATOR_FIELDS = {"QMAX", "QMIN", "VG", "MBASE", "PMAX", "PMIN", "PC1", "PC2",
        "QC1MIN", "QC1MAX", "QC2MIN", "QC2MAX", "RAMP_AGC", "RAMP_10", "RAMP_30", "RAMP_Q", "APF"};
    private static final String[] BRANCH_FIELDS = {"BR_R", "BR_X", "BR_B", "RATE_A", "RATE_B", "RATE_C", "TAP", "SHIFT",
        "ANGMIN", "ANGMAX"};

    private static String busDifference(MatpowerBus a, MatpowerBus b) {
        if (a.number() != b.number()) {
            return field("BUS_I", a.number(), b.number());
        }
        if (a.type() != b.type()) {
            return field("BUS_TYPE", a.type().code(), b.type().code());
        }
        String difference = first(BUS_FIELDS, fixedValues(a), fixedValues(b));
        if (difference != null) {
            return difference;
        }
        if (a.area() != b.area()) {
            return field("BUS_AREA", a.area(), b.area());
        }
        if (a.zone() != b.zone()) {
            return field("ZONE", a.zone(), b.zone());
        }
        return a.name().equals(b.name()) ? null : "bus_name '" + a.name() + "' -> '" + b.name() + "'";
    }

    private static double[] fixedValues(MatpowerBus bus) {
        return new double[] {bus.gsMw(), bus.bsMvar(), bus.baseKv(), bus.vmaxPu(), bus.vminPu()};
    }

    private static String generatorDifference(MatpowerGenerator a, MatpowerGenerator b) {
        if (a.busNumber() != b.busNumber()) {
            return field("GEN_BUS", a.busNumber(), b.busNumber());
        }
        if (a.status() != b.status()) {
            return field("GEN_STATUS", a.status(), b.status());
        }
        return first(GENERATOR_FIELDS, fixedValues(a), fixedValues(b));
    }

    private static double[] fixedValues(MatpowerGenerator g) {
        return new double[] {g.qmaxMvar(), g.qminMvar(), g.vgPu(), g.mbaseMva(), g.pmaxMw(), g.pminMw(), g.pc1Mw(),
            g.pc2Mw(), g.qc1minMvar(), g.qc1maxMvar(), g.qc2minMvar(), g.qc2maxMvar(), g.rampAgcMwPerMin(), g.ramp10Mw(),
            g.ramp30Mw(), g.rampQMvarPerMin(), g.apf()};
    }

    private static String branchDifference(MatpowerBranch a, MatpowerBranch b) {
        if (a.fromBus() != b.fromBus()) {
            return field("F_BUS", a.fromBus(), b.fromBus());
        }
        if (a.toBus() != b.toBus()) {
            return field("T_BUS", a.toBus(), b.toBus());
        }
        if (a.status() != b.status()) {
            return field("BR_STATUS", a.status(), b.status());
        }
        return first(BRANCH_FIELDS, fixedValues(a), fixedValues(b));
    }

    private static double[] fixedValues(MatpowerBranch l) {
        return new double[] {l.rPu(), l.xPu(), l.bPu(), l.rateAMva(), l.rateBMva(), l.rateCMva(), l.tap(), l.shiftDeg(),
            l.angMinDeg(), l.angMaxDeg()};
    }

    /** The first named value that differs ({@link Double#compare}), or null. */
    private static String first(String[] names, double[] a, double[] b) {
        for (int k = 0; k < names.length; k++) {
            if (Double.compare(a[k], b[k]) != 0) {
                return field(names[k], a[k], b[k]);
            }
        }
        return null;
    }

    private static String field(String name, Object base, Object updated) {
        return name + " " + base + " -> " + updated;
    }
}
