package io.gridai.ingestion.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

class InFlightLimitsTest {

    @Test
    void aSourceAtItsBoundIsRefusedWhileOthersGoOnUntilTheTotal() {
        InFlightLimits limits = new InFlightLimits(2, 3);
        var a1 = limits.tryAcquire("a");
        var a2 = limits.tryAcquire("a");
        assertThat(a1).isPresent();
        assertThat(a2).isPresent();
        assertThat(limits.tryAcquire("a")).as("third batch of a").isEmpty();
        var b1 = limits.tryAcquire("b");
        assertThat(b1).as("b has its own budget").isPresent();
        assertThat(limits.tryAcquire("b")).as("the total of 3 is reached").isEmpty();
        a1.get().close();
        assertThat(limits.tryAcquire("b")).as("a finished one").isPresent();
        assertThat(limits.tryAcquire("a")).as("a refused by the total, its own permit given back").isEmpty();
        b1.get().close();
        assertThat(limits.tryAcquire("a")).isPresent();
    }

    @Test
    void refusesBoundsThatCannotWork() {
        assertThatThrownBy(() -> new InFlightLimits(0, 4)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("max-in-flight-per-source");
        assertThatThrownBy(() -> new InFlightLimits(4, 2)).isInstanceOf(ConfigurationException.class);
    }
}
