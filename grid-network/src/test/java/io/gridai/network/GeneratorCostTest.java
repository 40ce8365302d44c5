package io.gridai.network;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GeneratorCostTest {

    private static final double DELTA = 1e-9;

    @Test
    void polynomialIsEvaluatedHighestOrderFirst() {
        // case9 generator 1: 0.11 p^2 + 5 p + 150 $/h
        PolynomialCost cost = new PolynomialCost(1500, 0, List.of(0.11, 5.0, 150.0));

        assertThat(cost.degree()).isEqualTo(2);
        assertThat(cost.costAt(0)).isCloseTo(150.0, within(DELTA));
        assertThat(cost.costAt(100)).isCloseTo(0.11 * 100 * 100 + 5 * 100 + 150, within(DELTA)); // 1750
        assertThat(cost.costAt(71.641)).isCloseTo(0.11 * 71.641 * 71.641 + 5 * 71.641 + 150, within(DELTA));
        assertThat(cost.startup()).isEqualTo(1500.0);
    }

    @Test
    void polynomialOfOtherDegrees() {
        assertThat(new PolynomialCost(0, 0, List.of()).costAt(42)).isZero();
        assertThat(new PolynomialCost(0, 0, List.of(7.0)).costAt(42)).isCloseTo(7.0, within(DELTA));
        assertThat(new PolynomialCost(0, 0, List.of(20.0, 0.0)).costAt(42)).isCloseTo(840.0, within(DELTA));
        assertThat(new PolynomialCost(0, 0, List.of(1.0, -2.0, 0.0, 4.0)).costAt(3)).isCloseTo(27 - 18 + 4, within(DELTA));
    }

    @Test
    void piecewiseLinearInterpolatesBetweenPoints() {
        // case_RTS_GMLC generator 1: (8, 1085.77625) (12, 1477.23196) (16, 1869.51562) (20, 2298.06357)
        PiecewiseLinearCost cost = rtsGeneratorOne();

        assertThat(cost.costAt(8)).isCloseTo(1085.77625, within(DELTA));
        assertThat(cost.costAt(10)).isCloseTo(1085.77625 + (1477.23196 - 1085.77625) / 4 * 2, within(DELTA));
        assertThat(cost.costAt(12)).isCloseTo(1477.23196, within(DELTA));
        assertThat(cost.costAt(19)).isCloseTo(1869.51562 + (2298.06357 - 1869.51562) / 4 * 3, within(DELTA));
        assertThat(cost.costAt(20)).isCloseTo(2298.06357, within(DELTA));
    }

    @Test
    void piecewiseLinearExtendsItsEndSegmentsLikeMatpower() {
        PiecewiseLinearCost cost = rtsGeneratorOne();

        double firstSlope = (1477.23196 - 1085.77625) / 4;
        double lastSlope = (2298.06357 - 1869.51562) / 4;
        assertThat(cost.costAt(0)).isCloseTo(1085.77625 - 8 * firstSlope, within(DELTA));
        assertThat(cost.costAt(25)).isCloseTo(2298.06357 + 5 * lastSlope, within(DELTA));
    }

    @Test
    void piecewiseLinearNeedsTwoIncreasingPoints() {
        assertThatThrownBy(() -> new PiecewiseLinearCost(0, 0, List.of(new PiecewiseLinearCost.Point(1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a piecewise linear cost needs at least 2 points, got 1");
        assertThatThrownBy(() -> new PiecewiseLinearCost(0, 0,
                List.of(new PiecewiseLinearCost.Point(1, 1), new PiecewiseLinearCost.Point(1, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
    }

    @Test
    void costsAreImmutable() {
        java.util.List<Double> coefficients = new java.util.ArrayList<>(List.of(1.0, 2.0));
        PolynomialCost cost = new PolynomialCost(0, 0, coefficients);
        coefficients.set(0, 100.0);

        assertThat(cost.costAt(1)).isCloseTo(3.0, within(DELTA));
        assertThatThrownBy(() -> cost.coefficients().add(1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static PiecewiseLinearCost rtsGeneratorOne() {
        return new PiecewiseLinearCost(51.747, 51.747, List.of(
                new PiecewiseLinearCost.Point(8, 1085.77625),
                new PiecewiseLinearCost.Point(12, 1477.23196),
                new PiecewiseLinearCost.Point(16, 1869.51562),
                new PiecewiseLinearCost.Point(20, 2298.06357)));
    }
}
