package io.gridai.network;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The independent residual check against power flow equations worked out by hand. */
class PowerMismatchTest {

    private static final double DELTA = 1e-9;

    /**
     * <pre>
     *  bus 1 (REF, gen)  ---- r = 0, x = 0.1, b = 0.2 ----  bus 2 (PQ: PD 80 MW, QD 30 Mvar, GS 5 MW, BS 19 Mvar)
     * </pre>
     * With V1 = 1 at 0 and V2 = v at theta: P2 = 10 v sin(theta) p.u., Q2 = 10 v^2 - 10 v cos(theta) - 0.1 v^2 p.u.
     * through the line, plus GS v^2 MW and -BS v^2 Mvar through the shunt.
     */
    @Test
    void lineAndShuntMismatchesAsWorkedOutByHand() {
        MatpowerCase c = twoBus("1\t2\t0\t0.1\t0.2\t0\t0\t0\t0\t0\t1\t-360\t360");
        double v = 0.95;
        double theta = Math.toRadians(-5);

        PowerMismatch mismatch = PowerMismatch.compute(c, new double[] {1.0, v}, new double[] {0.0, -5.0});

        double p2 = 100 * 10 * v * Math.sin(theta) + 5 * v * v;
        double q2 = 100 * (10 * v * v - 10 * v * Math.cos(theta) - 0.1 * v * v) - 19 * v * v;
        PowerMismatch.BusMismatch bus2 = mismatch.buses().get(1);
        assertThat(bus2.busNumber()).isEqualTo(2);
        assertThat(bus2.type()).isEqualTo(PowerFlowBusType.PQ);
        assertThat(bus2.activeMw()).isCloseTo(p2 - (-80), within(DELTA));
        assertThat(bus2.reactiveMvar()).isCloseTo(q2 - (-30), within(DELTA));
        assertThat(mismatch.maxActiveMw()).isCloseTo(Math.abs(p2 + 80), within(DELTA));
        assertThat(mismatch.maxReactiveMvar()).isCloseTo(Math.abs(q2 + 30), within(DELTA));

        PowerMismatch.BusMismatch bus1 = mismatch.buses().get(0);
        assertThat(bus1.type()).isEqualTo(PowerFlowBusType.SLACK);
        assertThat(bus1.activeCounted()).isFalse();
        assertThat(bus1.reactiveCounted()).isFalse();
    }

    /** Pf = V1 V2 / (t x) sin(theta1 - theta2 - shift), MATPOWER's transformer at the from end. */
    @Test
    void transformerTapAndPhaseShiftAsWorkedOutByHand() {
        MatpowerCase c = MatpowerCaseReader.read("tx", new StringReader("""
                mpc.version = '2';
                mpc.baseMVA = 100;
                mpc.bus = [
                	1	1	50	10	0	0	1	1	0	345	1	1.1	0.9;
                	2	3	0	0	0	0	1	1	0	345	1	1.1	0.9;
                ];
                mpc.gen = [ 2	0	0	300	-300	1	100	1	250	0 ];
                mpc.branch = [ 1	2	0	0.05	0	0	0	0	1.1	10	1	-360	360 ];
                """));
        double v1 = 1.02;
        double v2 = 0.98;
        double delta = Math.toRadians(3 - (-1) - 10);

        PowerMismatch mismatch = PowerMismatch.compute(c, new double[] {v1, v2}, new double[] {3, -1});

        double pf = 100 * v1 * v2 / (1.1 * 0.05) * Math.sin(delta);
        double qf = 100 * (v1 * v1 / (0.05 * 1.1 * 1.1) - v1 * v2 / (0.05 * 1.1) * Math.cos(delta));
        assertThat(mismatch.buses().get(0).activeMw()).isCloseTo(pf + 50, within(DELTA));
        assertThat(mismatch.buses().get(0).reactiveMvar()).isCloseTo(qf + 10, within(DELTA));
        // lossless: what leaves bus 1 arrives at bus 2
        assertThat(mismatch.buses().get(1).activeMw()).isCloseTo(-pf, within(DELTA));
    }

    @Test
    void outOfServiceBranchesCarryNothing() {
        MatpowerCase c = twoBus("1\t2\t0\t0.1\t0.2\t0\t0\t0\t0\t0\t0\t-360\t360");

        PowerMismatch mismatch = PowerMismatch.compute(c, new double[] {1.0, 0.9}, new double[] {0.0, -5.0});

        // only the shunt and the load are left at bus 2
        assertThat(mismatch.buses().get(1).activeMw()).isCloseTo(5 * 0.81 + 80, within(DELTA));
        assertThat(mismatch.buses().get(1).reactiveMvar()).isCloseTo(-19 * 0.81 + 30, within(DELTA));
    }

    @Test
    void voltagesMustMatchTheBuses() {
        MatpowerCase c = twoBus("1\t2\t0\t0.1\t0.2\t0\t0\t0\t0\t0\t1\t-360\t360");

        assertThatThrownBy(() -> PowerMismatch.compute(c, new double[] {1.0}, new double[] {0.0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 2 voltages, got 1 magnitudes and 1 angles");
    }

    private static MatpowerCase twoBus(String branchRow) {
        return MatpowerCaseReader.read("two-bus", new StringReader("""
                mpc.version = '2';
                mpc.baseMVA = 100;
                mpc.bus = [
                	1	3	0	0	0	0	1	1	0	345	1	1.1	0.9;
                	2	1	80	30	5	19	1	1	0	345	1	1.1	0.9;
                ];
                mpc.gen = [ 1	0	0	300	-300	1	100	1	250	0 ];
                mpc.branch = [ %s ];
                """.formatted(branchRow)));
    }
}
