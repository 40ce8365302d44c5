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

    @Test
    void batteriesCanBePlacedOnAnyCaseAndBadSpecsAreExplained() {
        TwinScenario scenario = TwinScenario.choose(Map.of("--shared-data", "/nonexistent/gridai-data",
                "--batteries", "bess-a@69:200:50,bess-b@12:100:25:0.8"));
        assertThat(scenario.settings().batteries()).extracting(b -> b.asset().value()).containsExactly("bess-a", "bess-b");
        GridTwin twin = scenario.twin(Duration.ofMinutes(1));
        assertThat(twin.controllableAssets()).extracting(a -> a.value()).contains("bess-a", "bess-b");
        assertThat(twin.limitsMw(io.gridai.model.id.AssetId.of("bess-a")).orElseThrow()).containsExactly(-50, 50);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TwinScenario.choose(
                Map.of("--shared-data", "/nonexistent", "--batteries", "bess-a@69:200")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ASSET@BUS:MWH:MW");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TwinScenario.choose(
                Map.of("--shared-data", "/nonexistent", "--batteries", "bess-a@999:200:50")).twin(Duration.ofMinutes(1)))
                .hasMessageContaining("bus 999");
    }

    @Test
    void theOpsdFranceProfileDrivesAnyCaseWhenTheSharedDataIsThere() {
        java.util.Optional<java.nio.file.Path> shared = io.gridai.sim.series.SharedData.locate();
        org.junit.jupiter.api.Assumptions.assumeTrue(shared.isPresent()
                && java.nio.file.Files.exists(shared.get().resolve(TwinScenario.OPSD_FRANCE)), "OPSD France data not found: skipping");
        TwinScenario scenario = TwinScenario.choose(Map.of("--load-profile", "opsd-fr"));
        assertThat(scenario.start()).isEqualTo(TwinScenario.OPSD_DEFAULT_START);
        assertThat(scenario.description()).contains("OPSD France");
        GridTwin twin = scenario.twin(Duration.ofHours(1));
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int h = 1; h <= 24; h++) {
            TickResult tick = twin.tick(scenario.start().plus(Duration.ofHours(h)));
            assertThat(tick.converged()).isTrue();
            min = Math.min(min, tick.balance().demandMw());
            max = Math.max(max, tick.balance().demandMw());
        }
        assertThat(max / min).as("a French July day: day over night").isGreaterThan(1.15);
    }
}
