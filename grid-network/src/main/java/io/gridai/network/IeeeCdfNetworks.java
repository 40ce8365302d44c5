package io.gridai.network;

import com.powsybl.commons.datasource.DataSource;
import com.powsybl.ieeecdf.converter.IeeeCdfImporter;
import com.powsybl.ieeecdf.converter.IeeeCdfNetworkFactory;
import com.powsybl.iidm.network.Bus;
import com.powsybl.iidm.network.Network;
import com.powsybl.iidm.network.NetworkFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IEEE Common Data Format cases as IIDM networks, through PowSyBl's IEEE CDF converter: the IEEE 9, 14, 30, 57, 118
 * and 300 bus cases shipped with PowSyBl, or any CDF file.
 *
 * <p>Ids are the converter's ({@code B1}, {@code B1-G}, {@code L1-2-1}, {@code T4-7-1} ...). The networks carry
 * the CDF's solved voltages as initial state; they are plain IIDM networks, solved with PowSyBl's load flow API,
 * not with {@link AcPowerFlow}, which works on MATPOWER cases: {@link #matpowerCase(int)} gives the shipped cases as
 * {@link MatpowerCase}s for it.
 */
public final class IeeeCdfNetworks {

    private static final Pattern CDF_BUS_ID = Pattern.compile("B(\\d+)");

    private IeeeCdfNetworks() {
    }

    /** The IEEE 14 bus case shipped with PowSyBl. */
    public static Network ieee14() {
        return IeeeCdfNetworkFactory.create14();
    }

    /**
     * A standard IEEE case shipped with PowSyBl.
     *
     * @param buses 9, 14, 30, 57, 118 or 300
     * @throws IllegalArgumentException for another size
     */
    public static Network standard(int buses) {
        return switch (buses) {
            case 9 -> IeeeCdfNetworkFactory.create9();
            case 14 -> IeeeCdfNetworkFactory.create14();
            case 30 -> IeeeCdfNetworkFactory.create30();
            case 57 -> IeeeCdfNetworkFactory.create57();
            case 118 -> IeeeCdfNetworkFactory.create118();
            case 300 -> IeeeCdfNetworkFactory.create300();
            default -> throw new IllegalArgumentException("PowSyBl ships IEEE CDF cases of 9, 14, 30, 57, 118 and 300 buses, not "
                    + buses);
        };
    }

    /**
     * A standard IEEE case shipped with PowSyBl as a MATPOWER case, with the CDF's bus numbers and names: the network
     * of {@link #standard(int)} through {@link MatpowerCase#fromIidm} (PowSyBl's MATPOWER exporter), its buses
     * renumbered from the exporter's 1, 2, ... to the CDF numbers (the converter's bus ids {@code B<n>}) and sorted
     * by number, generators sorted by bus (in network order within a bus), branches in the exporter's order (lines,
     * then transformers). Bus VM and VA are the CDF's solved voltages; generator PMIN/PMAX are PowSyBl's &plusmn;9 999
     * MW (the CDF has no active limits); there are no costs and no voltage limits (VMAX = VMIN = 0).
     *
     * @param buses 9, 14, 30, 57, 118 or 300
     * @throws IllegalArgumentException for another size
     */
    public static MatpowerCase matpowerCase(int buses) {
        Network network = standard(buses);
        return withCdfNumbers(MatpowerCase.fromIidm(network, network.getId()), network);
    }

    /** Renumbers an exported case with the CDF bus numbers: bus_name of the export is the bus-view bus id. */
    private static MatpowerCase withCdfNumbers(MatpowerCase exported, Network network) {
        Map<String, Bus> cdfBusByViewId = new HashMap<>();
        for (Bus configured : network.getBusBreakerView().getBuses()) {
            Bus merged = configured.getVoltageLevel().getBusView().getMergedBus(configured.getId());
            if (merged != null) {
                cdfBusByViewId.merge(merged.getId(), configured, (a, b) -> cdfNumber(a) <= cdfNumber(b) ? a : b);
            }
        }
        Map<Integer, Integer> numbers = new HashMap<>();
        List<MatpowerBus> buses = new ArrayList<>();
        for (MatpowerBus bus : exported.buses()) {
            Bus configured = cdfBusByViewId.get(bus.name());
            if (configured == null) {
                throw new GridNetworkException("exported bus " + bus.number() + " (" + bus.name() + ") of network "
                        + network.getId() + " is not a bus of the network");
            }
            int number = cdfNumber(configured);
            numbers.put(bus.number(), number);
            buses.add(new MatpowerBus(number, bus.type(), bus.pdMw(), bus.qdMvar(), bus.gsMw(), bus.bsMvar(), bus.area(),
                    bus.vmPu(), bus.vaDeg(), bus.baseKv(), bus.zone(), bus.vmaxPu(), bus.vminPu(),
                    configured.getNameOrId().strip()));
        }
        buses.sort(Comparator.comparingInt(MatpowerBus::number));
        List<MatpowerGenerator> generators = new ArrayList<>();
        for (MatpowerGenerator g : exported.generators()) {
            generators.add(new MatpowerGenerator(numbers.get(g.busNumber()), g.pgMw(), g.qgMvar(), g.qmaxMvar(),
                    g.qminMvar(), g.vgPu(), g.mbaseMva(), g.status(), g.pmaxMw(), g.pminMw(), g.pc1Mw(), g.pc2Mw(),
                    g.qc1minMvar(), g.qc1maxMvar(), g.qc2minMvar(), g.qc2maxMvar(), g.rampAgcMwPerMin(), g.ramp10Mw(),
                    g.ramp30Mw(), g.rampQMvarPerMin(), g.apf()));
        }
        generators.sort(Comparator.comparingInt(MatpowerGenerator::busNumber));
        List<MatpowerBranch> branches = new ArrayList<>();
        for (MatpowerBranch l : exported.branches()) {
            branches.add(new MatpowerBranch(numbers.get(l.fromBus()), numbers.get(l.toBus()), l.rPu(), l.xPu(), l.bPu(),
                    l.rateAMva(), l.rateBMva(), l.rateCMva(), l.tap(), l.shiftDeg(), l.status(), l.angMinDeg(),
                    l.angMaxDeg()));
        }
        return new MatpowerCase(exported.name(), exported.baseMva(), buses, generators, branches, List.of());
    }

    /** The CDF bus number of a bus of PowSyBl's CDF converter, whose ids are {@code B<n>}. */
    private static int cdfNumber(Bus configured) {
        Matcher matcher = CDF_BUS_ID.matcher(configured.getId());
        if (!matcher.matches()) {
            throw new GridNetworkException("bus " + configured.getId() + " is not a bus of PowSyBl's IEEE CDF converter"
                    + " (B<number>)");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * Reads an IEEE CDF file (extension {@code .txt}, as the converter expects).
     *
     * @throws GridNetworkException when the file is missing or not a CDF case
     */
    public static Network read(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new GridNetworkException("IEEE CDF file " + file + " does not exist");
        }
        try {
            return new IeeeCdfImporter().importData(DataSource.fromPath(file), NetworkFactory.findDefault(), new Properties());
        } catch (RuntimeException e) {
            // The import boundary: PowSyBl's CDF parser reports a malformed file through the unchecked exceptions of
            // its parsing library (univocity's TextParsingException, NumberFormatException, PowsyblException ...);
            // the caller gets one exception type naming the file.
            throw new GridNetworkException("cannot read IEEE CDF file " + file + ": " + e.getMessage(), e);
        }
    }
}
