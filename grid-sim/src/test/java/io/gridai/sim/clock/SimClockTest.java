package io.gridai.sim.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The clock is driven with made-up wall times ({@code long} nanoseconds), so nothing here waits. */
class SimClockTest {

    private static final Instant START = Instant.parse("2020-07-01T00:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final long MS = 1_000_000L;
    /** An arbitrary System.nanoTime()-like origin, negative as it may be. */
    private static final long WALL0 = -123_456_789_000L;

    @Test
    void atSpeed1000OneSecondOfGridTimeTakesOneMillisecondOfWallTime() {
        SimClock clock = SimClock.of(START, SECOND, 1000);

        assertThat(clock.wallDelayUntilNextTick(WALL0)).isEqualTo(Duration.ofMillis(1));
        assertThat(clock.advance()).isEqualTo(START.plusSeconds(1));
        // the driver woke 0.4 ms late: the next tick is still due 2 ms after the anchor
        assertThat(clock.wallDelayUntilNextTick(WALL0 + MS + 400_000)).isEqualTo(Duration.ofNanos(600_000));
        for (int i = 1; i < 1000; i++) {
            clock.advance();
        }
        // 1000 s of grid time are due after 1000 ms = 1 s of wall time
        assertThat(clock.now()).isEqualTo(START.plusSeconds(1000));
        assertThat(clock.wallDelayUntilNextTick(WALL0 + 1000 * MS)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void atSpeed1OneTickWaitsTheWholeTick() {
        SimClock clock = SimClock.of(START, Duration.ofMillis(100), 1);
        assertThat(clock.wallDelayUntilNextTick(WALL0)).isEqualTo(Duration.ofMillis(100));
        assertThat(clock.wallDelayUntilNextTick(WALL0 + 30 * MS)).isEqualTo(Duration.ofMillis(70));
    }

    @Test
    void aLateDriverGetsNoDelayUntilItHasCaughtUp() {
        SimClock clock = SimClock.of(START, SECOND, 10);
        clock.wallDelayUntilNextTick(WALL0);
        long wall = WALL0 + 350 * MS; // 3.5 ticks' worth of wall time passed
        assertThat(clock.wallDelayUntilNextTick(wall)).isZero();
        clock.advance();
        clock.advance();
        clock.advance();
        assertThat(clock.wallDelayUntilNextTick(wall)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void reanchoringAfterAPauseStartsTheScheduleAfresh() {
        SimClock clock = SimClock.of(START, SECOND, 100);
        clock.wallDelayUntilNextTick(WALL0);
        clock.advance();
        long afterPause = WALL0 + 60_000 * MS;
        assertThat(clock.wallDelayUntilNextTick(afterPause)).isZero();
        clock.anchorWall(afterPause);
        assertThat(clock.wallDelayUntilNextTick(afterPause)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void unlimitedNeverWaits() {
        SimClock clock = SimClock.asFastAsPossible(START, SECOND);
        assertThat(clock.unlimited()).isTrue();
        assertThat(clock.speed()).isEqualTo(SimClock.AS_FAST_AS_POSSIBLE).isInfinite();
        for (int i = 0; i < 1000; i++) {
            assertThat(clock.wallDelayUntilNextTick(WALL0)).isZero();
            clock.advance();
        }
        assertThat(clock.now()).isEqualTo(START.plusSeconds(1000));
    }

    @Test
    void ticksAreExactMultiplesOfTheStepAfterAMillionTicks() {
        Duration third = Duration.ofNanos(333_333_333); // not a whole number of anything
        SimClock clock = SimClock.asFastAsPossible(START, third);
        Instant last = null;
        for (long k = 1; k <= 1_000_000; k++) {
            last = clock.advance();
            if (k % 99_991 == 0) {
                assertThat(last).isEqualTo(START.plusNanos(333_333_333L * k));
            }
        }
        assertThat(clock.ticks()).isEqualTo(1_000_000);
        assertThat(last).isEqualTo(START.plusNanos(333_333_333_000_000L)).isEqualTo(clock.now());
    }

    @Test
    void theWallScheduleDoesNotDriftAtAnUnevenSpeed() {
        SimClock clock = SimClock.of(START, SECOND, 3);
        clock.wallDelayUntilNextTick(0);
        for (int k = 0; k < 1_000_000 - 1; k++) {
            clock.advance();
        }
        // tick 1e6 is due 1e6 s / 3 after the anchor, to the nanosecond
        assertThat(clock.wallDelayUntilNextTick(0)).isEqualTo(Duration.ofNanos(333_333_333_333_333L));
        assertThat(clock.wallNanosAfterAnchor(1)).isEqualTo(333_333_333L);
        assertThat(clock.wallNanosAfterAnchor(2)).isEqualTo(666_666_667L);
        assertThat(SimClock.of(START, SECOND, 2.5).wallNanosAfterAnchor(1_000_000)).isEqualTo(400_000_000_000_000L);
    }

    @Test
    void reportsItsSettings() {
        SimClock clock = SimClock.of(START, SECOND, 50);
        assertThat(clock.start()).isEqualTo(START);
        assertThat(clock.tick()).isEqualTo(SECOND);
        assertThat(clock.speed()).isEqualTo(50.0);
        assertThat(clock.unlimited()).isFalse();
        assertThat(clock.now()).isEqualTo(START);
        assertThat(clock.ticks()).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 1000, 12.5})
    void acceptsSpeedsFrom1To1000(double speed) {
        assertThat(SimClock.of(START, SECOND, speed).speed()).isEqualTo(speed);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.999, 1000.001, -5, Double.NaN, Double.NEGATIVE_INFINITY})
    void rejectsOtherSpeedsSayingWhatIsAllowed(double speed) {
        assertThatThrownBy(() -> SimClock.of(START, SECOND, speed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speed must be between 1.0 and 1000.0")
                .hasMessageContaining("AS_FAST_AS_POSSIBLE")
                .hasMessageContaining("but was " + speed);
    }

    @Test
    void rejectsATickThatIsNotPositive() {
        assertThatThrownBy(() -> SimClock.of(START, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tick must be a positive duration");
        assertThatThrownBy(() -> SimClock.asFastAsPossible(START, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
