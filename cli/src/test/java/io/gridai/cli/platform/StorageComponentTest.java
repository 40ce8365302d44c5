package io.gridai.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridai.model.id.AssetId;
import io.gridai.network.BatteryPlacement;
import io.gridai.sim.twin.BatterySpec;

/**
 * The storage manager as `up` configures it: the twin's batteries in the short form with per-unit overrides (quoted
 * map keys, read back from the settings file as Quarkus reads it), the twin's nominal frequency, its grid clock, the
 * raw telemetry topic, the shared wear cost and, for a twin faster than the wall clock, setpoints valid for ten wall
 * seconds; not started without a twin or without batteries.
 */
class StorageComponentTest {

    @TempDir
    Path dir;

    @Test
    void withoutATwinItDoesNotStartAndSaysWhy() {
        StorageComponent storage = storage(Optional.empty(), 0.5);
        assertThat(storage.whyNotStarted()).hasValue(StorageComponent.NOT_STARTED
                + "no grid twin runs (--no-sim), and it runs the twin's batteries");
    }

    @Test
    void aTwinWithoutBatteriesLeavesItOutAndSaysHowToAddSome() throws Exception {
        GridSimComponent twin = TriangleCase.twin(TriangleCase.write(dir, true), null);
        assertThat(storage(Optional.of(twin), 0.5).whyNotStarted()).hasValueSatisfying(why -> assertThat(why)
                .startsWith(StorageComponent.NOT_STARTED + "the twin has no batteries (")
                .endsWith("add some with --sim-batteries ASSET@BUS:MWH:MW[:SOC]"));
    }

    @Test
    void theSettingsFileCarriesTheTwinsBatteriesAndSurvivesReadingBack() throws Exception {
        GridSimComponent twin = TriangleCase.twin(TriangleCase.write(dir, true), "bess-a@3:100:25:0.6,site.b:2@2:40:10");
        StorageComponent storage = storage(Optional.of(twin), 0.7);
        assertThat(storage.whyNotStarted()).isEmpty();

        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        Path file = storage.writeRunSettings(layout);
        assertThat(file).isEqualTo(layout.runDir().resolve("storage.properties"));
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            read.load(in); // as Quarkus' properties config source reads it
        }
        assertThat(read).contains(
                entry("gridai.storage.fleet.batteries", "bess-a@3:100.0:25.0:0.6,site.b:2@2:40.0:10.0:0.5"),
                // the twin's --batteries: 95 % each way, SoC band 5 %..95 %, charge = discharge (no power override)
                entry("gridai.storage.fleet.units.\"bess-a\".charge-efficiency", "0.95"),
                entry("gridai.storage.fleet.units.\"bess-a\".discharge-efficiency", "0.95"),
                entry("gridai.storage.fleet.units.\"bess-a\".soc-min", "0.05"),
                entry("gridai.storage.fleet.units.\"bess-a\".soc-max", "0.95"),
                entry("gridai.storage.fleet.units.\"site.b:2\".soc-max", "0.95"),
                entry("gridai.storage.fleet.degradation-cost-per-mwh", "0.7"),
                entry("gridai.storage.response.nominal-hz", "60.0"),
                entry("gridai.storage.clock", "telemetry"),
                entry("gridai.storage.inputs.live-state-topic", "telemetry.raw"));
        assertThat(read.stringPropertyNames()).noneMatch(k -> k.endsWith("max-charge-mw") || k.endsWith("max-discharge-mw"))
                .as("the service's own validity at the wall clock's speed").doesNotContain("gridai.storage.setpoints.validity");
        // the service parses the short form with the twin's own parser
        assertThat(BatteryPlacement.parseList(read.getProperty("gridai.storage.fleet.batteries"), "batteries"))
                .extracting(b -> b.asset().value()).containsExactly("bess-a", "site.b:2");
    }

    @Test
    void unequalPowerLimitsTakeTheLargerInTheShortFormAndOverrideTheSmaller() throws Exception {
        BatterySpec rts = new BatterySpec(AssetId.of("bess-313_STORAGE_1"), 313, 150, 50, 50, Math.sqrt(0.85),
                Math.sqrt(0.85), 0.05, 0.95, 0.5);
        BatterySpec lopsided = new BatterySpec(AssetId.of("site:b/1"), 7, 80, 20, 40, 0.9, 0.92, 0.1, 0.85, 0.4);
        Map<String, String> settings = StorageComponent.settings(List.of(rts, lopsided), 50, 1, 0.5);

        assertThat(settings).containsEntry("gridai.storage.fleet.batteries",
                "bess-313_STORAGE_1@313:150.0:50.0:0.5,site:b/1@7:80.0:40.0:0.4")
                .containsEntry("gridai.storage.fleet.units.\"bess-313_STORAGE_1\".charge-efficiency",
                        String.valueOf(Math.sqrt(0.85)))
                .containsEntry("gridai.storage.fleet.units.\"site:b/1\".max-charge-mw", "20.0")
                .containsEntry("gridai.storage.fleet.units.\"site:b/1\".charge-efficiency", "0.9")
                .containsEntry("gridai.storage.fleet.units.\"site:b/1\".discharge-efficiency", "0.92")
                .containsEntry("gridai.storage.fleet.units.\"site:b/1\".soc-min", "0.1")
                .containsEntry("gridai.storage.fleet.units.\"site:b/1\".soc-max", "0.85")
                .containsEntry("gridai.storage.response.nominal-hz", "50.0")
                .doesNotContainKeys("gridai.storage.fleet.units.\"site:b/1\".max-discharge-mw",
                        "gridai.storage.fleet.units.\"bess-313_STORAGE_1\".max-charge-mw",
                        "gridai.storage.fleet.units.\"bess-313_STORAGE_1\".max-discharge-mw",
                        "gridai.storage.setpoints.validity");
    }

    @Test
    void aTwinFasterThanTheWallClockGetsSetpointsValidForTenWallSeconds() {
        BatterySpec battery = new BatterySpec(AssetId.of("bess-a"), 3, 100, 25, 25, 0.95, 0.95, 0.05, 0.95, 0.5);
        assertThat(StorageComponent.settings(List.of(battery), 60, 10, 0.5))
                .containsEntry("gridai.storage.setpoints.validity", "PT1M40S");
        assertThat(StorageComponent.settings(List.of(battery), 60, 2.5, 0.5))
                .containsEntry("gridai.storage.setpoints.validity", "PT25S");
    }

    private StorageComponent storage(Optional<GridSimComponent> twin, double degradationCost) {
        return new StorageComponent(() -> "localhost:9", dir.resolve("quarkus-run.jar"), "127.0.0.1", 0, "256m", twin,
                degradationCost);
    }
}
