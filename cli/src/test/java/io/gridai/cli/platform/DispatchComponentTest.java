package io.gridai.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatch optimiser as `up` configures it on a small case: the twin's case and batteries, the twin's clock, the
 * live-state topic and the battery wear cost it shares with the storage manager; not started without a twin or without
 * generator costs. (The lifecycle test runs it on RTS-GMLC.)
 */
class DispatchComponentTest {

    @TempDir
    Path dir;

    @Test
    void theSettingsFileCarriesTheTwinsCaseBatteriesAndTheSharedWearCost() throws Exception {
        Path caseFile = TriangleCase.write(dir, true);
        DispatchComponent dispatch = dispatch(Optional.of(TriangleCase.twin(caseFile, "bess-a@3:100:25:0.6")), 1.25);
        assertThat(dispatch.whyNotStarted()).isEmpty();

        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(dispatch.writeRunSettings(layout))) {
            read.load(in);
        }
        assertThat(read).contains(
                entry("gridai.dispatch.grid.case-file", caseFile.toAbsolutePath().toString()),
                entry("gridai.dispatch.grid.batteries", "bess-a@3:100.0:25.0:0.6"),
                entry("gridai.dispatch.grid.battery-efficiency", "0.95"),
                entry("gridai.dispatch.grid.battery-cycling-cost-per-mwh", "1.25"),
                entry("gridai.dispatch.clock", "telemetry"),
                entry("gridai.dispatch.inputs.live-state-topic", "telemetry.clean"));
        assertThat(Path.of(read.getProperty("gridai.dispatch.grid.generator-names"))).exists();
    }

    @Test
    void withoutATwinOrWithoutGeneratorCostsItDoesNotStartAndSaysWhy() throws Exception {
        assertThat(dispatch(Optional.empty(), 0.5).whyNotStarted()).hasValue(DispatchComponent.NOT_STARTED
                + "no grid twin runs (--no-sim), and it dispatches the twin's case");
        Path costless = TriangleCase.write(dir, false);
        assertThat(dispatch(Optional.of(TriangleCase.twin(costless, null)), 0.5).whyNotStarted()).hasValue(
                DispatchComponent.NOT_STARTED + "the twin's case " + costless.toAbsolutePath()
                        + " has no generator costs (mpc.gencost); run with the shared data or --sim-case FILE.m with gencost");
    }

    private DispatchComponent dispatch(Optional<GridSimComponent> twin, double cyclingCost) {
        return new DispatchComponent(() -> "localhost:9", dir.resolve("quarkus-run.jar"), "127.0.0.1", 0, "256m", twin,
                "telemetry.clean", cyclingCost);
    }
}
