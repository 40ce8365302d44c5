package io.gridai.model;

import static io.gridai.model.GridModelFixtures.EAST;
import static io.gridai.model.GridModelFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastTest {

    private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);
    private static final List<Double> LEVELS = List.of(0.1, 0.5, 0.9);

    @Test
    void stepsAreValidAtTheEndOfTheirInterval() {
        Forecast forecast = GridModelFixtures.forecast();

        assertThat(forecast.steps()).extracting(ForecastStep::validTime)
                .containsExactly(T0.plus(QUARTER_HOUR), T0.plus(QUARTER_HOUR.multipliedBy(2)),
                        T0.plus(QUARTER_HOUR.multipliedBy(3)));
        assertThat(forecast.horizon()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void aDayAheadForecastIsMadeBeforeItsHorizonStartsButNeverAfter() {
        Instant midnight = Instant.parse("2025-01-16T23:00:00Z");
        Instant madeAt = Instant.parse("2025-01-16T09:00:00Z");
        Forecast dayAhead = Forecast.of(GridModelFixtures.EAST, MeasurementKind.ACTIVE_POWER, midnight,
                Duration.ofHours(1), List.of(0.5), List.of(List.of(-100.0), List.of(-90.0)), "day-ahead-1", madeAt);
        assertThat(dayAhead.madeAt()).isEqualTo(madeAt);
        assertThat(dayAhead.steps().get(1).validTime()).isEqualTo(midnight.plus(Duration.ofHours(2)));
        assertThat(GridModelFixtures.forecast().madeAt()).isEqualTo(GridModelFixtures.forecast().issueTime());
        assertThatThrownBy(() -> Forecast.of(GridModelFixtures.EAST, MeasurementKind.ACTIVE_POWER, madeAt,
                Duration.ofHours(1), List.of(0.5), List.of(List.of(-100.0)), "day-ahead-1", midnight))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is after its horizon start");
    }

    @Test
    void looksUpQuantilesByLevel() {
        Forecast forecast = GridModelFixtures.forecast();

        assertThat(forecast.p50(1)).isEqualTo(-112.0);
        assertThat(forecast.quantile(2, 0.9)).isEqualTo(-101.0);
        assertThat(forecast.quantile(0, 0.1 + 1e-12)).isEqualTo(-120.0);
        assertThatIllegalArgumentException().isThrownBy(() -> forecast.quantile(0, 0.25))
                .withMessageContaining("0.25 is not in this forecast").withMessageContaining("[0.1, 0.5, 0.9]");
        assertThatIllegalArgumentException().isThrownBy(() -> forecast.p50(3)).withMessageContaining("0..2");
    }

    @Test
    void refusesCrossingQuantiles() {
        assertThatIllegalArgumentException().isThrownBy(() -> forecast(List.of(List.of(10.0, 9.0, 12.0))))
                .withMessageContaining("crossing quantiles");
    }

    @Test
    void refusesLevelsThatAreNotStrictlyIncreasingInsideTheUnitInterval() {
        List<List<Double>> badLevels =
                List.of(List.of(0.5, 0.1), List.of(0.5, 0.5), List.of(0.0, 0.5), List.of(0.5, 1.0));
        for (List<Double> levels : badLevels) {
            assertThatIllegalArgumentException().isThrownBy(() -> Forecast.of(EAST, MeasurementKind.ACTIVE_POWER, T0,
                    QUARTER_HOUR, levels, List.of(List.of(1.0, 2.0)), "m1"));
        }
    }

    @Test
    void refusesStepsWithTheWrongNumberOfValuesOrTheWrongTimeOrIndex() {
        assertThatIllegalArgumentException().isThrownBy(() -> forecast(List.of(List.of(1.0, 2.0))))
                .withMessageContaining("2 values but the forecast has 3 quantile levels");

        ForecastStep late = new ForecastStep(0, T0.plus(QUARTER_HOUR).plusSeconds(1), List.of(1.0, 2.0, 3.0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Forecast(EAST, MeasurementKind.ACTIVE_POWER, T0,
                QUARTER_HOUR, LEVELS, List.of(late), "m1")).withMessageContaining("issueTime + (i + 1) * step");

        ForecastStep skipped = new ForecastStep(1, T0.plus(QUARTER_HOUR), List.of(1.0, 2.0, 3.0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Forecast(EAST, MeasurementKind.ACTIVE_POWER, T0,
                QUARTER_HOUR, LEVELS, List.of(skipped), "m1")).withMessageContaining("without gaps");
    }

    @Test
    void refusesEmptyOrNonPositiveHorizons() {
        assertThatIllegalArgumentException().isThrownBy(() -> forecast(List.of()))
                .withMessageContaining("at least one");
        assertThatIllegalArgumentException().isThrownBy(() -> Forecast.of(EAST, MeasurementKind.ACTIVE_POWER, T0,
                Duration.ZERO, LEVELS, List.of(List.of(1.0, 2.0, 3.0)), "m1")).withMessageContaining("positive");
    }

    private static Forecast forecast(List<List<Double>> values) {
        return Forecast.of(EAST, MeasurementKind.ACTIVE_POWER, T0, QUARTER_HOUR, LEVELS, values, "m1");
    }
}
