package io.gridai.network;

import com.powsybl.iidm.network.Generator;
import com.powsybl.iidm.network.Network;
import com.powsybl.iidm.network.ShuntCompensator;
import com.powsybl.iidm.network.TwoWindingsTransformer;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The IIDM network built from a MATPOWER case through PowSyBl's converter. */
class MatpowerNetworkTest {

    /**
     * <pre>
     *  bus 1 (REF, 345 kV) ==== two parallel lines ==== bus 2 (PV, 345 kV, GS 4 MW only)
     *        |                                                |
     *   transformer 1-3 (tap 0.98, shift 2 deg)          bus 4 (PQ, 345 kV) carries a generator
     *        |
     *  bus 3 (PQ, 138 kV, BS 10 Mvar)
     * </pre>
     */
    private static final String CASE = """
            mpc.version = '2';
            mpc.baseMVA = 100;
            mpc.bus = [
            	1	3	0	0	0	0	1	1.0	0	345	1	1.1	0.9;
            	2	2	50	10	4	0	1	1.0	0	345	1	1.1	0.9;
            	3	1	60	20	0	10	1	1.0	0	138	1	1.1	0.9;
            	4	1	30	5	0	0	1	1.0	0	345	1	1.1	0.9;
            ];
            mpc.gen = [
            	2	40	0	50	-50	1.02	100	1	100	0;
            	1	0	0	300	-300	1.03	100	1	250	0;
            	2	10	0	20	-20	1.00	100	1	100	0;
            	4	15	3	20	-20	1.05	100	1	100	0;
            ];
            mpc.branch = [
            	1	2	0.01	0.1	0.02	0	0	0	0	0	1	-360	360;
            	1	2	0.01	0.1	0.02	0	0	0	0	0	1	-360	360;
            	1	3	0.0	0.05	0	0	0	0	0.98	2	1	-360	360;
            	2	4	0.02	0.2	0.04	0	0	0	0	0	1	-360	360;
            ];
            """;

    @Test
    void mapsMatpowerNumberingToTheConvertersIds() {
        MatpowerNetwork mn = MatpowerNetwork.of(read());

        assertThat(mn.busIds()).containsExactly(
                java.util.Map.entry(1, "BUS-1"), java.util.Map.entry(2, "BUS-2"),
                java.util.Map.entry(3, "BUS-3"), java.util.Map.entry(4, "BUS-4"));
        assertThat(mn.generatorIds()).containsExactly("GEN-2", "GEN-1", "GEN-2#0", "GEN-4");
        assertThat(mn.branchIds()).containsExactly("LINE-1-2", "LINE-1-2#0", "TWT-1-3", "LINE-2-4");
        assertThat(mn.generator(2).getTargetP()).isEqualTo(10.0);
        assertThat(mn.branch(2)).isInstanceOf(TwoWindingsTransformer.class);
        assertThat(mn.bus(3).getVoltageLevel().getNominalV()).isEqualTo(138.0);
    }

    @Test
    void carriesTheCaseDataInEngineeringUnits() {
        MatpowerNetwork mn = MatpowerNetwork.of(read());
        Network network = mn.network();

        assertThat(network.getLoad("LOAD-3").getP0()).isEqualTo(60.0);
        assertThat(network.getLoad("LOAD-3").getQ0()).isEqualTo(20.0);
        ShuntCompensator capacitor = network.getShuntCompensator("SHUNT-3");
        assertThat(capacitor.getB() * 138 * 138).isCloseTo(10.0, within(1e-9));
        TwoWindingsTransformer transformer = (TwoWindingsTransformer) mn.branch(2);
        assertThat(transformer.getRatedU2() / transformer.getRatedU1() * 345 / 138).isCloseTo(1 / 0.98, within(1e-12));
        assertThat(transformer.getPhaseTapChanger().getCurrentStep().getAlpha()).isEqualTo(-2.0);
    }

    @Test
    void addsTheConductanceShuntsTheImporterLeavesOut() {
        MatpowerNetwork mn = MatpowerNetwork.of(read());

        ShuntCompensator conductance = mn.network().getShuntCompensator("SHUNT-2");
        assertThat(conductance).isNotNull();
        assertThat(conductance.getTerminal().getBusBreakerView().getBus().getId()).isEqualTo("BUS-2");
        assertThat(conductance.getG() * 345 * 345).isCloseTo(4.0, within(1e-9));
        assertThat(conductance.getB()).isZero();
    }

    @Test
    void givesGeneratorsMatpowersVoltageControl() {
        MatpowerNetwork mn = MatpowerNetwork.of(read());

        Generator atPqBus = mn.generator(3);
        assertThat(atPqBus.isVoltageRegulatorOn()).isFalse();
        assertThat(atPqBus.getTargetQ()).isEqualTo(3.0);
        // both generators of bus 2 hold the VG of the last one (1.00), as runpf does
        assertThat(mn.generator(0).getTargetV()).isCloseTo(1.00 * 345, within(1e-9));
        assertThat(mn.generator(2).getTargetV()).isCloseTo(1.00 * 345, within(1e-9));
        assertThat(mn.generator(0).isVoltageRegulatorOn()).isTrue();
    }

    @Test
    void solvesOnTheBuiltNetworkAndWritesTheResultIntoIt() {
        MatpowerCase c = read();
        MatpowerNetwork mn = MatpowerNetwork.of(c);

        AcPowerFlowResult result = AcPowerFlow.solve(mn, AcPowerFlowOptions.defaults());

        assertThat(result.converged()).isTrue();
        assertThat(mn.bus(2).getV()).isCloseTo(1.00 * 345, within(1e-6));
        assertThat(mn.branch(0).getTerminal1().getP()).isEqualTo(result.branches().get(0).pFromMw());
        // parallel identical lines carry the same flow
        assertThat(result.branches().get(1).pFromMw()).isCloseTo(result.branches().get(0).pFromMw(), within(1e-9));
        PowerMismatch mismatch = PowerMismatch.compute(c, result);
        assertThat(mismatch.maxActiveMw()).isLessThanOrEqualTo(1e-6);
        assertThat(mismatch.maxReactiveMvar()).isLessThanOrEqualTo(1e-6);
    }

    private static MatpowerCase read() {
        return MatpowerCaseReader.read("mapping", new StringReader(CASE));
    }
}
