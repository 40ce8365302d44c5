package io.gridai.network;

import com.powsybl.iidm.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link MatpowerCase#fromIidm} (PowSyBl's MATPOWER exporter) and {@link IeeeCdfNetworks#matpowerCase(int)}. */
class MatpowerCaseFromIidmTest {

    private static final double MAX_MISMATCH_MW = 1e-6;
    private static final double SAME = 1e-9;

    /**
     * Bus 2 has a conductance only (a shunt added by {@link MatpowerNetwork}), bus 4 a generator at a PQ bus, bus 3 an
     * out-of-service generator; transformer 1-3 has a tap and a phase shift.
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
            	1	0	0	300	-300	1.03	100	1	250	0;
            	2	40	0	50	-50	1.02	100	1	100	10;
            	3	20	0	50	-50	1.00	100	0	100	0;
            	4	15	3	20	-20	1.05	100	1	100	0;
            ];
            mpc.branch = [
            	1	2	0.01	0.1	0.02	0	0	0	0	0	1	-360	360;
            	1	3	0.0	0.05	0	0	0	0	0.98	2	1	-360	360;
            	2	4	0.02	0.2	0.04	0	0	0	0	0	1	-360	360;
            	3	4	0.01	0.08	0	0	0	0	0	0	1	-360	360;
            ];
            """;

    @Test
    void ieee118FromTheShippedCdfSolvesAsAMatpowerCase() {
        MatpowerCase ieee118 = IeeeCdfNetworks.matpowerCase(118);

        assertThat(ieee118.buses()).hasSize(118);
        assertThat(ieee118.generators()).hasSize(54);
        assertThat(ieee118.branches()).hasSize(186);
        assertThat(ieee118.costs()).isEmpty();
        assertThat(ieee118.buses()).extracting(MatpowerBus::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 118).boxed().toList());
        assertThat(ieee118.buses().get(0).name()).isEqualTo("Riversde  V2");
        assertThat(ieee118.buses().get(68).type()).isEqualTo(BusType.REF);

        AcPowerFlowResult result = AcPowerFlow.solve(ieee118);

        assertThat(result.converged()).isTrue();
        assertThat(result.slackBusNumber()).isEqualTo(69);
        PowerMismatch mismatch = PowerMismatch.compute(ieee118, result);
        assertThat(mismatch.maxActiveMw()).isLessThanOrEqualTo(MAX_MISMATCH_MW);
        assertThat(mismatch.maxReactiveMvar()).isLessThanOrEqualTo(MAX_MISMATCH_MW);
    }

    /**
     * The same IEEE data: MATPOWER's case118 writes the CDF's 15 negative generator outputs as demand (PD larger by
     * |PG|, PG 0); net injections, network and set points are equal, and so is the solution.
     */
    @Test
    void ieee118FromTheCdfHasTheSolutionOfMatpowersCase118() {
        MatpowerCase matpower = SharedCases.read("case118");
        MatpowerCase cdf = IeeeCdfNetworks.matpowerCase(118);

        AcPowerFlowResult expected = AcPowerFlow.solve(matpower);
        AcPowerFlowResult actual = AcPowerFlow.solve(cdf);

        assertThat(actual.converged()).isTrue();
        assertThat(expected.converged()).isTrue();
        for (int i = 0; i < 118; i++) {
            assertThat(actual.buses().get(i).busNumber()).isEqualTo(expected.buses().get(i).busNumber());
            assertThat(actual.buses().get(i).vmPu()).isCloseTo(expected.buses().get(i).vmPu(), within(SAME));
            assertThat(actual.buses().get(i).vaDeg()).isCloseTo(expected.buses().get(i).vaDeg(), within(SAME));
        }
        assertThat(actual.activeLossesMw()).isCloseTo(expected.activeLossesMw(), within(SAME));
        double[] cdfInjection = netActiveInjection(cdf);
        double[] matpowerInjection = netActiveInjection(matpower);
        int demandMoved = 0;
        for (int i = 0; i < 118; i++) {
            assertThat(cdfInjection[i]).isCloseTo(matpowerInjection[i], within(SAME));
            if (cdf.buses().get(i).pdMw() != matpower.buses().get(i).pdMw()) {
                demandMoved++;
            }
        }
        assertThat(demandMoved).isEqualTo(15);
    }

    @ParameterizedTest
    @CsvSource({"9, 3, 9, 1", "14, 5, 20, 1", "30, 6, 41, 1", "57, 7, 80, 1", "118, 54, 186, 69", "300, 69, 411, 7049"})
    void everyShippedCdfCaseConvertsWithItsBusNumbersAndSolves(int buses, int generators, int branches, int slack) {
        MatpowerCase c = IeeeCdfNetworks.matpowerCase(buses);
        Network network = IeeeCdfNetworks.standard(buses);

        assertThat(c.buses()).hasSize(buses);
        assertThat(c.generators()).hasSize(generators);
        assertThat(c.branches()).hasSize(branches);
        for (MatpowerBus bus : c.buses()) {
            assertThat(network.getBusBreakerView().getBus("B" + bus.number())).as("bus %d", bus.number()).isNotNull();
        }
        AcPowerFlowResult result = AcPowerFlow.solve(c);
        assertThat(result.converged()).isTrue();
        assertThat(result.slackBusNumber()).isEqualTo(slack);
        PowerMismatch mismatch = PowerMismatch.compute(c, result);
        assertThat(mismatch.maxActiveMw()).isLessThanOrEqualTo(MAX_MISMATCH_MW);
        assertThat(mismatch.maxReactiveMvar()).isLessThanOrEqualTo(MAX_MISMATCH_MW);
    }

    @Test
    void aNetworkBuiltFromACaseConvertsBackToTheSameProblem() {
        MatpowerCase original = MatpowerCaseReader.read("four-bus", new StringReader(CASE));

        MatpowerCase exported = MatpowerCase.fromIidm(MatpowerNetwork.of(original).network(), "exported");

        assertThat(exported.name()).isEqualTo("exported");
        assertThat(exported.baseMva()).isEqualTo(100.0);
        assertThat(exported.buses()).extracting(MatpowerBus::number).containsExactly(1, 2, 3, 4);
        assertThat(exported.buses()).extracting(MatpowerBus::type)
                .containsExactly(BusType.REF, BusType.PV, BusType.PQ, BusType.PQ);
        assertThat(exported.buses().get(1).gsMw()).isCloseTo(4.0, within(1e-12));
        assertThat(exported.buses().get(2).bsMvar()).isCloseTo(10.0, within(1e-12));
        // the out-of-service generator is not exported; the generator at the PQ bus keeps PG, QG and has no VG
        assertThat(exported.generators()).extracting(MatpowerGenerator::busNumber).containsExactly(1, 2, 4);
        assertThat(exported.generators().get(2).pgMw()).isEqualTo(15.0);
        assertThat(exported.generators().get(2).qgMvar()).isEqualTo(3.0);
        assertThat(exported.generators().get(2).vgPu()).isZero();
        MatpowerBranch transformer = exported.branches().stream().filter(l -> l.shiftDeg() != 0).findFirst().orElseThrow();
        assertThat(transformer.fromBus()).isEqualTo(1);
        assertThat(transformer.tap()).isCloseTo(0.98, within(1e-12));
        assertThat(transformer.shiftDeg()).isCloseTo(2.0, within(1e-12));
        assertThat(exported.branches()).allSatisfy(l -> {
            assertThat(l.angMinDeg()).isEqualTo(-360.0);
            assertThat(l.angMaxDeg()).isEqualTo(360.0);
        });
        assertThat(exported.costs()).isEmpty();

        assertSameSolution(AcPowerFlow.solve(original), original, AcPowerFlow.solve(exported), exported);
    }

    @ParameterizedTest
    @ValueSource(strings = {"case30", "case118", "case300", "case_RTS_GMLC"})
    void sharedCasesConvertBackToTheSameSolution(String name) {
        MatpowerCase original = SharedCases.read(name);

        MatpowerCase exported = MatpowerCase.fromIidm(MatpowerNetwork.of(original).network(), name);

        assertThat(exported.buses()).hasSameSizeAs(original.buses());
        assertThat(exported.branches()).hasSameSizeAs(original.branches());
        assertThat(exported.generators()).hasSize((int) original.generators().stream().filter(MatpowerGenerator::inService).count());
        assertSameSolution(AcPowerFlow.solve(original), original, AcPowerFlow.solve(exported), exported);
    }

    @Test
    void aNetworkThePowsyblExporterCannotWriteIsAnError() {
        Network empty = Network.create("empty", "test");

        assertThatThrownBy(() -> MatpowerCase.fromIidm(empty, "empty"))
                .isInstanceOf(GridNetworkException.class)
                .hasMessageStartingWith("PowSyBl cannot export network empty to MATPOWER: ");
    }

    @Test
    void onlyTheShippedSizesExist() {
        assertThatThrownBy(() -> IeeeCdfNetworks.matpowerCase(15)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSameSolution(AcPowerFlowResult expected, MatpowerCase expectedCase,
                                           AcPowerFlowResult actual, MatpowerCase actualCase) {
        assertThat(expected.converged()).isTrue();
        assertThat(actual.converged()).isTrue();
        assertThat(actual.slackBusNumber()).isEqualTo(expected.slackBusNumber());
        Map<Integer, Integer> index = actualCase.busIndexByNumber();
        for (int i = 0; i < expectedCase.buses().size(); i++) {
            AcPowerFlowResult.BusResult e = expected.buses().get(i);
            AcPowerFlowResult.BusResult a = actual.buses().get(index.get(e.busNumber()));
            assertThat(a.vmPu()).as("bus %d", e.busNumber()).isCloseTo(e.vmPu(), within(SAME));
            assertThat(a.vaDeg()).as("bus %d", e.busNumber()).isCloseTo(e.vaDeg(), within(SAME));
        }
        assertThat(actual.activeLossesMw()).isCloseTo(expected.activeLossesMw(), within(SAME * 100));
        PowerMismatch mismatch = PowerMismatch.compute(actualCase, actual);
        assertThat(mismatch.maxActiveMw()).isLessThanOrEqualTo(MAX_MISMATCH_MW);
        assertThat(mismatch.maxReactiveMvar()).isLessThanOrEqualTo(MAX_MISMATCH_MW);
    }

    /** ΣPG − PD per bus, in case order. */
    private static double[] netActiveInjection(MatpowerCase c) {
        Map<Integer, Integer> index = c.busIndexByNumber();
        double[] injection = new double[c.buses().size()];
        for (int i = 0; i < injection.length; i++) {
            injection[i] = -c.buses().get(i).pdMw();
        }
        List<MatpowerGenerator> generators = c.generators();
        for (MatpowerGenerator g : generators) {
            if (g.inService()) {
                injection[index.get(g.busNumber())] += g.pgMw();
            }
        }
        return injection;
    }
}
