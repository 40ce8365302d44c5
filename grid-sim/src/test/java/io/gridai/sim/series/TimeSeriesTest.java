package io.gridai.sim.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    private static final double EXACT = 1e-12;
    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(5);

    /** 10, 20, 40 MW at 00:00, 00:05, 00:10. */
    private static TimeSeries threeSamples() {
        return new TimeSeries(T0, STEP, new double[] {10, 20, 40});
    }

    @Test
    void returnsSamplesExactlyAtTheirTimes() {
        TimeSeries s = threeSamples();
        assertThat(s.at(T0)).isEqualTo(10.0);
        assertThat(s.at(T0.plus(STEP))).isEqualTo(20.0);
        assertThat(s.at(T0.plus(STEP.multipliedBy(2)))).isEqualTo(40.0);
        assertThat(s.timeAt(2)).isEqualTo(Instant.parse("2020-01-01T00:10:00Z"));
    }

    @Test
    void interpolatesLinearlyBetweenSamples() {
        TimeSeries s = threeSamples();
        assertThat(s.at(T0.plusSeconds(150))).isCloseTo(15.0, within(EXACT));
        assertThat(s.at(T0.plusSeconds(300 + 60))).isCloseTo(24.0, within(EXACT));
        assertThat(s.at(T0.plusNanos(1))).isGreaterThan(10.0).isLessThan(10.0 + 1e-9);
    }

    @Test
    void clampsBeforeTheStartAndAfterTheEnd() {
        TimeSeries s = threeSamples();
        assertThat(s.at(T0.minusSeconds(1))).isEqualTo(10.0);
        assertThat(s.at(Instant.MIN)).isEqualTo(10.0);
        assertThat(s.at(s.end().plusSeconds(100))).isEqualTo(40.0);
        assertThat(s.at(Instant.MAX)).isEqualTo(40.0);
    }

    @Test
    void wrapsByTheSeriesLengthAndClosesTheLoop() {
        TimeSeries s = threeSamples();
        assertThat(s.period()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.atWrapped(T0.plus(Duration.ofMinutes(15)))).isEqualTo(10.0);
        assertThat(s.atWrapped(T0.plus(Duration.ofMinutes(15 * 1000 + 5)))).isEqualTo(20.0);
        // between the last sample (00:10, 40) and the next loop's first (00:15, 10)
        assertThat(s.atWrapped(T0.plus(Duration.ofMinutes(12)))).isCloseTo(40 - 30 * 2 / 5.0, within(EXACT));
        // before the start wraps backwards: 00:00 − 5 min is the last sample's place
        assertThat(s.atWrapped(T0.minus(STEP))).isEqualTo(40.0);
        assertThat(s.atWrapped(T0.plus(Duration.ofDays(365 * 400)))).isBetween(10.0, 40.0);
        assertThat(s.atWrapped(Instant.MAX)).isBetween(10.0, 40.0);
        assertThat(s.at(T0.plus(Duration.ofMinutes(12)))).isEqualTo(40.0);
    }

    @Test
    void reportsSizeEndExtremesAndMean() {
        TimeSeries s = threeSamples();
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.start()).isEqualTo(T0);
        assertThat(s.step()).isEqualTo(STEP);
        assertThat(s.end()).isEqualTo(Instant.parse("2020-01-01T00:10:00Z"));
        assertThat(s.max()).isEqualTo(40.0);
        assertThat(s.min()).isEqualTo(10.0);
        assertThat(s.mean()).isCloseTo(70 / 3.0, within(EXACT));
    }

    @Test
    void scalesAndNormalises() {
        TimeSeries s = threeSamples();
        assertThat(s.scaled(2).values()).containsExactly(20, 40, 80);
        TimeSeries shape = s.normalised();
        assertThat(shape.values()).containsExactly(0.25, 0.5, 1.0);
        assertThat(shape.start()).isEqualTo(T0);
        assertThat(shape.step()).isEqualTo(STEP);
        assertThatThrownBy(() -> new TimeSeries(T0, STEP, new double[] {0, -1}).normalised())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("maximum is 0.0");
    }

    @Test
    void copiesItsValuesDefensively() {
        double[] input = {1, 2, 3};
        TimeSeries s = new TimeSeries(T0, STEP, input);
        input[0] = 99;
        s.values()[1] = 99;
        assertThat(s.values()).containsExactly(1, 2, 3);
    }

    @Test
    void aSingleSampleIsConstant() {
        TimeSeries s = new TimeSeries(T0, STEP, new double[] {7});
        assertThat(s.end()).isEqualTo(T0);
        assertThat(s.at(T0.plusSeconds(1000))).isEqualTo(7.0);
        assertThat(s.atWrapped(T0.minusSeconds(1000))).isEqualTo(7.0);
    }

    @Test
    void rejectsMissingValuesAndBadSteps() {
        assertThatThrownBy(() -> new TimeSeries(T0, STEP, new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value 1 (at 2020-01-01T00:05:00Z) is NaN");
        assertThatThrownBy(() -> new TimeSeries(T0, Duration.ZERO, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step must be positive");
        assertThatThrownBy(() -> new TimeSeries(T0, STEP, new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> new TimeSeries(T0, Duration.ofDays(365 * 200), new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("292 years");
    }

    @Test
    void comparesByContent() {
        assertThat(threeSamples()).isEqualTo(threeSamples()).hasSameHashCodeAs(threeSamples());
        assertThat(threeSamples()).isNotEqualTo(threeSamples().scaled(2));
    }
}
