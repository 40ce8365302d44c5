package io.gridai.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pause holds a replay's records, resume lets them go with the paused time left out, stop ends it. */
class ReplayControlTest {

    @Test
    void aPausedReplayHoldsItsRecordsUntilResumedAndAStoppedOneEnds() throws Exception {
        ReplayControl control = new ReplayControl();
        long now = System.nanoTime();
        assertThat(control.awaitDue(now)).as("a record already due goes at once").isTrue();

        control.pause();
        assertThat(control.state()).isEqualTo(ReplayControl.State.PAUSED);
        CompletableFuture<Boolean> held = CompletableFuture.supplyAsync(() -> {
            try {
                return control.awaitDue(System.nanoTime());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> held.get(300, TimeUnit.MILLISECONDS)).as("held while paused")
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        control.resume();
        assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(control.pausedNanos()).as("the pause is left out of the replay's clock")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());

        CompletableFuture<Boolean> later = CompletableFuture.supplyAsync(() -> {
            try {
                return control.awaitDue(System.nanoTime() + Duration.ofHours(1).toNanos());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        control.stop();
        assertThat(later.get(10, TimeUnit.SECONDS)).as("a stop ends the wait at once, with false").isFalse();
        assertThat(control.awaitRunning()).isFalse();
        control.resume();
        assertThat(control.state()).as("a stopped replay stays stopped").isEqualTo(ReplayControl.State.STOPPED);
    }

    @Test
    void speedsAreParsedOrRefusedWithAReason() {
        assertThat(ReplayRequest.parseSpeed("1000")).isEqualTo(1000.0);
        assertThat(ReplayRequest.parseSpeed("100x")).isEqualTo(100.0);
        assertThat(ReplayRequest.parseSpeed("MAX")).isEqualTo(ReplayRequest.MAX_SPEED);
        assertThatThrownBy(() -> ReplayRequest.parseSpeed("-3")).hasMessageContaining("positive factor");
        assertThatThrownBy(() -> ReplayRequest.parseSpeed("fast")).hasMessageContaining("or max");
    }
}
