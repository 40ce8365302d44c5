package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.serve.OnnxForecastModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gridai forecast train` publishes a zone's models into the registry; `forecast models` lists and switches them. */
class ForecastTrainCommandTest {

    @TempDir
    Path dir;

    /** XGBoost and ONNX Runtime unpack their native libraries into java.io.tmpdir (target/tmp), which must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void nativeLibraryFolder() throws java.io.IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void trainsPublishesActivatesAndSwitchesAZonesModels() throws Exception {
        Path csv = dir.resolve("zone.csv");
        StringBuilder out = new StringBuilder("time,mw\n");
        Random random = new Random(3);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        double level = 0;
        for (int h = 0; h < 60 * 24; h++) {
            if (h % 24 == 0) {
                level = 0.8 * level + 0.03 * random.nextGaussian();
            }
            double daily = 1 + 0.2 * Math.sin((h % 24 - 8) / 24.0 * 2 * Math.PI);
            out.append(start.plusSeconds(3600L * h)).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", 500 * daily * (1 + level))).append('\n');
        }
        Files.writeString(csv, out);
        Path models = dir.resolve("models");

        InProcess first = InProcess.run("forecast", "train", "--csv", csv.toString(), "--time-column", "time", "--load-column", "mw",
                "--zone-id", "zone-7", "--models", models.toString(), "--max-rounds", "60");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("zone-7 DAY_AHEAD day-ahead-", "zone-7 INTRADAY intraday-", "active");
        Path dayAhead = models.resolve("zone-7/day_ahead");
        String active = Files.readString(dayAhead.resolve("ACTIVE")).strip();
        ModelMetadata metadata = OnnxForecastModel.metadataOf(dayAhead.resolve(active + ".onnx"));
        assertThat(metadata.horizon()).isEqualTo(ModelMetadata.Horizon.DAY_AHEAD);
        assertThat(metadata.features()).doesNotContain("temperature").contains("load_same_hour_last_week");
        assertThat(metadata.metrics()).containsKeys("train_mape", "calibration_shift_q0.1", "rounds");

        InProcess shadow = InProcess.run("forecast", "train", "--csv", csv.toString(), "--time-column", "time", "--load-column",
                "mw", "--zone-id", "zone-7", "--models", models.toString(), "--max-rounds", "30", "--horizons",
                "DAY_AHEAD", "--shadow");
        assertThat(shadow.exit()).as(shadow.err()).isZero();
        String shadowVersion = Files.readString(dayAhead.resolve("SHADOW")).strip();
        assertThat(shadowVersion).isNotEqualTo(active);
        assertThat(Files.readString(dayAhead.resolve("ACTIVE")).strip()).isEqualTo(active);

        InProcess list = InProcess.run("forecast", "models", "--models", models.toString());
        assertThat(list.out()).contains("zone-7,DAY_AHEAD," + active + ",*active",
                "zone-7,DAY_AHEAD," + shadowVersion + ",~shadow", "zone-7,INTRADAY,");

        InProcess swap = InProcess.run("forecast", "models", "--models", models.toString(), "--zone-id", "zone-7", "--horizon",
                "DAY_AHEAD", "--activate", shadowVersion, "--clear-shadow");
        assertThat(swap.exit()).as(swap.err()).isZero();
        assertThat(Files.readString(dayAhead.resolve("ACTIVE")).strip()).isEqualTo(shadowVersion);
        assertThat(dayAhead.resolve("SHADOW")).doesNotExist();

        InProcess unknown = InProcess.run("forecast", "models", "--models", models.toString(), "--zone-id", "zone-7", "--horizon",
                "DAY_AHEAD", "--activate", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("zone zone-7 has no DAY_AHEAD version 'nope'");
    }
}
