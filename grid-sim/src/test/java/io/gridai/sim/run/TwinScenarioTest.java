package io.gridai.sim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridai.sim.twin.GridTwin;
import io.gridai.sim.twin.TickResult;

/** Without any data folder the twin still runs: IEEE 118 from PowSyBl's IEEE CDF with the built-in profile. */
class TwinScenarioTest {

    @Test
    void withoutSharedDataTheTwinRunsIeee118OnTheBuiltInProfile() {
        TwinScenario scenario = TwinScenario.choose(Map.of("--shared-data", "/nonexistent/gridai-data",
                "--start", "2020-01-15T00:00:00Z"));
        assertThat(scenario.description()).startsWith("IEEE 118");
        assertThat(scenario.matpowerCase().buses()).hasSize(118);
        GridTwin twin = scenario.twin(Duration.ofMinutes(15));
        double first = 0;
        double peak = 0;
        for (int k = 1; k <= 96; k++) {
            TickResult tick = twin.tick(Instant.parse("2020-01-15T00:00:00Z").plus(Duration.ofMinutes(15L * k)));
            assertThat(tick.converged()).isTrue();
            assertThat(tick.balance().residualMw()).isCloseTo(0, within(1e-3));
            first = k == 1 ? tick.balance().demandMw() : first;
            peak = Math.max(peak, tick.balance().demandMw());
        }
        assertThat(peak / first).as("the built-in profile's evening peak over its night").isGreaterThan(1.2);
    }
}
