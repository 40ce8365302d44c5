package io.gridai.protocols.live.c37118;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsAgainAfterData() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(b.nextWaitMillis(false)).isEqualTo(500);
        assertThat(b.nextWaitMillis(false)).isEqualTo(1000);
        assertThat(b.nextWaitMillis(false)).isEqualTo(2000);
        assertThat(b.nextWaitMillis(false)).isEqualTo(3000);
        assertThat(b.nextWaitMillis(false)).isEqualTo(3000);
        assertThat(b.nextWaitMillis(true)).isEqualTo(500);
        assertThat(b.nextWaitMillis(false)).isEqualTo(1000);
    }
}
