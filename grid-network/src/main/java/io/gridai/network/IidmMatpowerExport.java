package io.gridai.network;

import com.powsybl.commons.datasource.MemDataSource;
import com.powsybl.iidm.network.Network;
import com.powsybl.matpower.converter.MatpowerExporter;
import com.powsybl.matpower.model.MBranch;
import com.powsybl.matpower.model.MBus;
import com.powsybl.matpower.model.MGen;
import com.powsybl.matpower.model.MatpowerModel;
import com.powsybl.matpower.model.MatpowerReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * An IIDM network as a {@link MatpowerCase}, through PowSyBl's own {@link MatpowerExporter}: the exporter writes a
 * MAT-file into memory, {@link MatpowerReader} reads it back as a {@link MatpowerModel} (the exporter builds its
 * model internally and offers no other way to it), and the model's rows become the case's records.
 * See {@link MatpowerCase#fromIidm}.
 */
final class IidmMatpowerExport {

    private static final String MAT = "mat";

    private IidmMatpowerExport() {
    }

    static MatpowerCase toCase(Network network, String name) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(name, "name");
        MemDataSource dataSource = new MemDataSource();
        Properties parameters = new Properties();
        parameters.setProperty(MatpowerExporter.WITH_BUS_NAMES_PARAMETER_NAME, "true");
        try {
            new MatpowerExporter().export(network, parameters, dataSource);
        } catch (RuntimeException e) {
            // The export boundary: PowSyBl reports networks it cannot export through unchecked exceptions of several
            // types (PowsyblException, NoSuchElementException for a network without buses ...); the caller gets one.
            throw new GridNetworkException("PowSyBl cannot export network " + network.getId() + " to MATPOWER: "
                    + e.getMessage(), e);
        }
        MatpowerModel model;
        try {
            model = MatpowerReader.read(new ByteArrayInputStream(dataSource.getData(null, MAT)), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the MATPOWER export of network " + network.getId(), e);
        }
        if (!model.getDcLines().isEmpty()) {
            throw new GridNetworkException("network " + network.getId() + " exports " + model.getDcLines().size()
                    + " MATPOWER dc line(s) (VSC HVDC links), which MatpowerCase does not hold");
        }
        return toCase(model, name);
    }

    private static MatpowerCase toCase(MatpowerModel model, String name) {
        List<MatpowerBus> buses = new ArrayList<>(model.getBuses().size());
        for (MBus bus : model.getBuses()) {
            buses.add(new MatpowerBus(bus.getNumber(), BusType.fromCode(bus.getType().getValue()),
                    bus.getRealPowerDemand(), bus.getReactivePowerDemand(), bus.getShuntConductance(),
                    bus.getShuntSusceptance(), bus.getAreaNumber(), bus.getVoltageMagnitude(), bus.getVoltageAngle(),
                    bus.getBaseVoltage(), bus.getLossZone(), bus.getMaximumVoltageMagnitude(),
                    bus.getMinimumVoltageMagnitude(), bus.getName() == null ? "" : bus.getName()));
        }
        List<MatpowerGenerator> generators = new ArrayList<>(model.getGenerators().size());
        for (MGen gen : model.getGenerators()) {
            generators.add(new MatpowerGenerator(gen.getNumber(), gen.getRealPowerOutput(), gen.getReactivePowerOutput(),
                    gen.getMaximumReactivePowerOutput(), gen.getMinimumReactivePowerOutput(),
                    gen.getVoltageMagnitudeSetpoint(), gen.getTotalMbase(), gen.getStatus(),
                    gen.getMaximumRealPowerOutput(), gen.getMinimumRealPowerOutput(), gen.getPc1(), gen.getPc2(),
                    gen.getQc1Min(), gen.getQc1Max(), gen.getQc2Min(), gen.getQc2Max(), gen.getRampAgc(),
                    gen.getRampTenMinutes(), gen.getRampThirtyMinutes(), gen.getRampQ(), gen.getApf()));
        }
        List<MatpowerBranch> branches = new ArrayList<>(model.getBranches().size());
        for (MBranch branch : model.getBranches()) {
            // the exporter leaves ANGMIN and ANGMAX at 0, which MATPOWER reads as "no limit": written as -360 and 360,
            // what MatpowerCaseReader gives a case without these columns
            branches.add(new MatpowerBranch(branch.getFrom(), branch.getTo(), branch.getR(), branch.getX(), branch.getB(),
                    branch.getRateA(), branch.getRateB(), branch.getRateC(), branch.getRatio(),
                    branch.getPhaseShiftAngle(), branch.getStatus(),
                    branch.getAngMin() == 0 ? -360 : branch.getAngMin(),
                    branch.getAngMax() == 0 ? 360 : branch.getAngMax()));
        }
        return new MatpowerCase(name, model.getBaseMva(), buses, generators, branches, List.of());
    }
}
