package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.sim.series.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gridai forecast backtest` from its options alone, on a zone it has never seen and without weather. */
class ForecastBacktestCommandTest {

    @TempDir
    Path dir;

    /** XGBoost and ONNX Runtime unpack their native libraries into java.io.tmpdir (target/tmp), which must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void nativeLibraryFolder() throws java.io.IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void backtestsAHeldOutZoneWithoutWeatherFromItsOptionsAlone() throws Exception {
        Optional<Path> shared = SharedData.locate();
        Path source = shared.map(p -> p.resolve("rts-gmlc/timeseries/DAY_AHEAD_regional_Load.csv")).orElse(null);
        assumeTrue(source != null && Files.isRegularFile(source),
                "RTS-GMLC regional load is not in ../shared/data; skipping the held-out-zone backtest");
        // A utility's export: one timestamp column (no offset: UTC) and one load column, region 2 of RTS-GMLC.
        Path csv = dir.resolve("region2.csv");
        StringBuilder out = new StringBuilder("Timestamp,Load MW\n");
        List<String> lines = Files.readAllLines(source);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            LocalDate day = LocalDate.of(Integer.parseInt(c[0].trim()), Integer.parseInt(c[1].trim()),
                    Integer.parseInt(c[2].trim()));
            int hour = Integer.parseInt(c[3].trim()) - 1;
            out.append(day).append(String.format(" %02d:00:00", hour)).append(',').append(c[5].trim()).append('\n');
        }
        Files.writeString(csv, out);
        Path results = dir.resolve("out");

        InProcess r = InProcess.run("forecast", "backtest", "--csv", csv.toString(), "--time-column", "Timestamp",
                "--load-column", "Load MW", "--train-until", "2020-10-01", "--test-from", "2020-10-01",
                "--test-until", "2020-12-31", "--out", results.toString(), "--max-rounds", "300");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("[1/5]", "[5/5]", "no --zone: local time is UTC", "no --country");
        assertThat(r.out()).contains("mape", "baseline_mape", "metrics.json");
        JsonNode m = new ObjectMapper().readTree(results.resolve("metrics.json").toFile());
        for (String key : List.of("mape", "rmse", "pinball", "baseline_mape", "n_forecasts")) {
            assertThat(m.has(key)).as(key).isTrue();
        }
        assertThat(m.get("n_days").asInt()).isEqualTo(91);
        assertThat(m.get("n_forecasts").asInt()).isEqualTo(91 * 24);
        assertThat(m.get("mape").asDouble()).isLessThan(m.get("baseline_mape").asDouble());
        assertThat(m.get("onnx_max_relative_difference").asDouble()).isLessThanOrEqualTo(1e-5);
        assertThat(results.resolve("forecast.png")).isRegularFile();
        assertThat(results.resolve("model.onnx")).isRegularFile();
    }

    @Test
    void aMissingColumnIsOneLineNamingTheColumnsThere() throws Exception {
        Path csv = dir.resolve("load.csv");
        Files.writeString(csv, "time,mw\n2020-01-01T00:00:00Z,1\n");
        InProcess r = InProcess.run("forecast", "backtest", "--csv", csv.toString(), "--time-column", "time",
                "--load-column", "load", "--train-until", "2020-02-01", "--test-from", "2020-02-01",
                "--test-until", "2020-03-01", "--out", dir.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("has no column 'load'; its columns are [time, mw]").doesNotContain("\tat ");
    }

    @Test
    void refusesATestRangeInsideTheTrainingData() {
        InProcess r = InProcess.run("forecast", "backtest", "--csv", "x.csv", "--time-column", "t", "--load-column", "l",
                "--train-until", "2020-02-01", "--test-from", "2020-01-01", "--test-until", "2020-03-01",
                "--out", dir.resolve("y").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--test-from 2020-01-01 is before --train-until 2020-02-01");
    }
}
