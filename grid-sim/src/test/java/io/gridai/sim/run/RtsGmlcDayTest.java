package io.gridai.sim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.sim.series.SharedData;
import io.gridai.sim.twin.GridTwin;
import io.gridai.sim.twin.TickResult;
import io.gridai.sim.twin.TwinSettings;

/**
 * A day of RTS-GMLC driven by its real 2020 series (5-minute ticks here; the benchmark runs 1-minute ticks at
 * ×1000): every tick converges, power balance closes within losses, demand follows the real regional load,
 * wind follows its series, and the battery's state of charge stays in its band.
 */
class RtsGmlcDayTest {

    @Test
    void aDayOfRtsGmlcIsPhysicallyConsistent() {
        Optional<Path> shared = SharedData.locate();
        assumeTrue(shared.isPresent() && Files.exists(shared.get().resolve("rts-gmlc/source/gen.csv")),
                "shared data (rts-gmlc, case_RTS_GMLC.m) not found: skipping the RTS-GMLC day");
        Instant start = Instant.parse("2020-07-01T00:00:00Z");
        TwinScenario scenario = TwinScenario.rtsGmlc(shared.get(), TwinSettings.defaults(), start);
        GridTwin twin = scenario.twin(Duration.ofMinutes(5));
        assertThat(twin.controllableAssets()).anyMatch(a -> a.value().startsWith("bess-"));

        double minDemand = Double.MAX_VALUE;
        double maxDemand = 0;
        double maxResidual = 0;
        long measurements = 0;
        for (int k = 1; k <= 288; k++) {
            TickResult tick = twin.tick(start.plus(Duration.ofMinutes(5L * k)));
            assertThat(tick.converged()).as("tick %s", tick.time()).isTrue();
            double residual = Math.abs(tick.balance().residualMw());
            maxResidual = Math.max(maxResidual, residual);
            assertThat(tick.balance().branchLossesMw()).isPositive();
            minDemand = Math.min(minDemand, tick.balance().demandMw());
            maxDemand = Math.max(maxDemand, tick.balance().demandMw());
            measurements += tick.measurements().size();
            Map<String, Double> soc = new java.util.HashMap<>();
            for (Measurement m : tick.measurements()) {
                if (m.kind() == MeasurementKind.STATE_OF_CHARGE) {
                    soc.put(m.asset().value(), m.value());
                }
                if (m.kind() == MeasurementKind.FREQUENCY) {
                    assertThat(m.value()).isCloseTo(60.0, within(0.5));
                }
            }
            assertThat(soc.values()).allMatch(v -> v >= 5 - 1e-9 && v <= 95 + 1e-9);
        }
        assertThat(maxResidual).as("power balance residual, MW").isLessThan(1e-3);
        // A July day of the three regions peaks well above its night (the real 2020 profile).
        assertThat(maxDemand / minDemand).isGreaterThan(1.3);
        assertThat(measurements).isGreaterThan(288L * 500);
    }

    @Test
    void aTrippedRenewableUnitProducesNothingAndReportsNothingAvailable() {
        Optional<Path> shared = SharedData.locate();
        assumeTrue(shared.isPresent() && Files.exists(shared.get().resolve("rts-gmlc/source/gen.csv")),
                "shared data (rts-gmlc, case_RTS_GMLC.m) not found: skipping the RTS-GMLC renewable trip");
        Instant start = Instant.parse("2020-07-01T00:00:00Z");
        GridTwin twin = TwinScenario.rtsGmlc(shared.get(), TwinSettings.defaults(), start).twin(Duration.ofMinutes(1));
        // Hydro follows its series (a renewable unit); the case's wind and PV rows are out of service.
        AssetId hydro = twin.controllableAssets().stream().filter(a -> a.value().contains("HYDRO"))
                .max(Comparator.comparingDouble(a -> twin.outputMw(a).orElseThrow())).orElseThrow();
        assertThat(twin.outputMw(hydro).orElseThrow()).as("%s producing at the start", hydro).isPositive();
        assertThat(twin.rampMwPerSecond(hydro)).as("a renewable unit").hasValue(Double.POSITIVE_INFINITY);
        twin.trip(hydro, start);
        for (int k = 1; k <= 3; k++) {
            TickResult tick = twin.tick(start.plus(Duration.ofMinutes(k)));
            assertThat(tick.converged()).isTrue();
            for (MeasurementKind kind : List.of(MeasurementKind.ACTIVE_POWER, MeasurementKind.AVAILABLE_POWER)) {
                assertThat(tick.measurements()).filteredOn(m -> m.asset().equals(hydro) && m.kind() == kind)
                        .singleElement().satisfies(m -> assertThat(m.value()).isZero());
            }
        }
    }
}
