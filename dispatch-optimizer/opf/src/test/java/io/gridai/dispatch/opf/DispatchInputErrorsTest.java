package io.gridai.dispatch.opf;

import static io.gridai.dispatch.opf.SmallGrids.period;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridai.dispatch.opf.DispatchSolution.Status;
import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.dispatch.opf.dc.DcNetworkException;
import io.gridai.network.BusType;
import io.gridai.network.MatpowerCase;
import io.gridai.network.PolynomialCost;

/**
 * Cases the DC OPF cannot take, each refused with a message that names the unit, bus or branch and says what to do.
 * IEEE 9 has generators at buses 1, 2, 3 and branches 1-4, 4-5, 5-6, 3-6, 6-7, 7-8, 8-2, 8-9, 9-4 (rows 1 to 9).
 */
class DispatchInputErrorsTest {

    @Test
    void aCubicCostIsRefusedNamingTheUnit() {
        MatpowerCase c = CaseEdits.withCost(SharedCases.read("case9"), 1, new PolynomialCost(0, 0, List.of(0.001, 0.01, 1.2, 335.0)));

        assertThatThrownBy(() -> DcOpf.solve(c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit gen-2")
                .hasMessageContaining("degree 3")
                .hasMessageContaining("up to quadratic");
    }

    @Test
    void aConcaveQuadraticCostIsRefusedNamingTheUnit() {
        MatpowerCase c = CaseEdits.withCost(SharedCases.read("case9"), 2, new PolynomialCost(0, 0, List.of(-0.01, 1.0, 0.0)));

        assertThatThrownBy(() -> DcOpf.solve(c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit gen-3")
                .hasMessageContaining("concave");
    }

    @Test
    void aCaseWithoutCostsIsRefused() {
        MatpowerCase c = CaseEdits.withoutCosts(SharedCases.read("case9"));

        assertThatThrownBy(() -> DcOpf.solve(c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("case9")
                .hasMessageContaining("no mpc.gencost");
    }

    @Test
    void aCaseWithoutReferenceBusIsRefused() {
        MatpowerCase c = CaseEdits.withBus(SharedCases.read("case9"), 0, b -> CaseEdits.type(b, BusType.PV));

        assertThatThrownBy(() -> DcNetwork.of(c))
                .isInstanceOf(DcNetworkException.class)
                .hasMessageContaining("case9 has no reference bus")
                .hasMessageContaining("BUS_TYPE 3");
    }

    @Test
    void anIslandIsRefusedNamingABusAndTheIsolatedTypeFixesIt() {
        // branch 4 (3 - 6) is bus 3's only connection
        MatpowerCase c = CaseEdits.withBranch(SharedCases.read("case9"), 3, CaseEdits::outOfService);

        assertThatThrownBy(() -> DcNetwork.of(c))
                .isInstanceOf(DcNetworkException.class)
                .hasMessageContaining("1 of 9 in-service buses are not connected to the reference bus 1")
                .hasMessageContaining("bus 3 for one")
                .hasMessageContaining("BUS_TYPE 4");

        // what the message suggests: bus 3 isolated, its generator leaves with it
        MatpowerCase isolated = CaseEdits.withBus(c, 2, b -> CaseEdits.type(b, BusType.ISOLATED));
        DcOpf.Result result = DcOpf.solve(isolated);
        assertThat(result.optimal()).as(result.solution().message()).isTrue();
        assertThat(result.pgMw()[2]).isZero();
        assertThat(result.pgMw()[0] + result.pgMw()[1]).isCloseTo(315, within(1e-6));
        assertThat(result.costPerHour()).isCloseTo(AngleFormulationOpf.solve(isolated).costPerHour(), within(1e-8 * result.costPerHour()));
    }

    @Test
    void aZeroReactanceBranchIsRefusedNamingIt() {
        MatpowerCase c = CaseEdits.withBranch(SharedCases.read("case9"), 1, b -> CaseEdits.reactance(b, 0));

        assertThatThrownBy(() -> DcNetwork.of(c))
                .isInstanceOf(DcNetworkException.class)
                .hasMessageContaining("branch 2 (4 - 5) has zero reactance")
                .hasMessageContaining("BR_X");
    }

    /** PMIN 100 MW but 50 MW now and 30 MW/h of ramp: shedding and surplus cannot help, the solve says so. */
    @Test
    void contradictoryRampAndLimitsAreInfeasibleEvenWithSheddingAllowed() {
        try (DcNetwork net = DcNetwork.of(SmallGrids.triangle(0, 0, 0))) {
            DispatchUnit unit = new DispatchUnit("G1", -1, 0, 100, 200, SmallGrids.linearCost(10), 30, OptionalDouble.of(50), false);
            DispatchProblem problem = new DispatchProblem(net, List.of(unit), List.of(),
                    List.of(period(0, 1, new double[] {0, 150, 0}, new double[] {Double.NaN})), DispatchSettings.defaults(), Set.of());

            DispatchSolution s = Dispatcher.solve(problem);

            assertThat(s.status()).isEqualTo(Status.INFEASIBLE);
            assertThat(s.message()).contains("ramp").contains("initial outputs");
            assertThat(s.objective()).isNaN();
        }
    }
}
