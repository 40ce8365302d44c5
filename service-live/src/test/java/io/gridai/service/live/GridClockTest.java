package io.gridai.service.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GridClockTest {

    private static final Instant T = Instant.parse("2020-07-01T12:00:00Z");

    @Test
    void wallClockIsTheMachinesTimeWhateverTelemetrySays() {
        GridClock clock = new GridClock(GridClock.Source.WALL, "gridai.test.clock");
        clock.observe(T);

        Instant before = Instant.now();
        Instant now = clock.nowOrThrow();

        assertThat(now).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void telemetryClockIsUnknownUntilTheFirstMeasurementAndNamesItsKey() {
        GridClock clock = new GridClock(GridClock.Source.TELEMETRY, "gridai.test.clock");

        assertThat(clock.now()).isEmpty();
        assertThatThrownBy(clock::nowOrThrow).isInstanceOf(GridClock.GridTimeUnknownException.class)
                .hasMessageContaining("(gridai.test.clock=telemetry)");
    }

    @Test
    void telemetryClockOnlyMovesForward() {
        GridClock clock = new GridClock(GridClock.Source.TELEMETRY, "gridai.test.clock");

        clock.observe(T);
        clock.observe(T.minusSeconds(60)); // a late measurement
        assertThat(clock.nowOrThrow()).isEqualTo(T);

        clock.observe(T.plusSeconds(4));
        assertThat(clock.now()).contains(T.plusSeconds(4));
    }
}
