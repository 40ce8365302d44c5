package io.gridai.inference.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.inference.train.TestDirs;
import io.gridai.inference.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DayAheadBacktestTest {

    /** The shared reference data, beside the project checkout. */
    static final Path OPSD = Path.of("..", "..", "shared", "data", "load", "opsd-fr");

    @TempDir(factory = TestDirs.UnderTmp.class)
    Path dir;

    @Test
    void franceDayAheadBeatsTheSeasonalNaiveBaselineAndOnnxMatchesTheTrainer() throws Exception {
        Path load = OPSD.resolve("time_series_60min_singleindex_filtered.csv");
        Path weather = OPSD.resolve("weather_data_filtered.csv");
        assumeThat(Files.isRegularFile(load) && Files.isRegularFile(weather))
                .as("the OPSD France data is not at " + OPSD.toAbsolutePath() + " (../shared/data); skipping").isTrue();
        DayAheadBacktest.Options options = new DayAheadBacktest.Options(load, "utc_timestamp",
                "FR_load_actual_entsoe_transparency", weather, "utc_timestamp", "FR_temperature",
                "FR_load_forecast_entsoe_transparency", ZoneId.of("Europe/Paris"), false, "FR",
                LocalDate.of(2019, 1, 1), LocalDate.of(2019, 1, 1), LocalDate.of(2020, 1, 1), LocalTime.of(10, 0),
                dir.resolve("fr"), TrainingOptions.defaults().withRounds(2000).withThreads(2));
        DayAheadBacktest.Result result = DayAheadBacktest.run(options, System.out::println);
        JsonNode m = new ObjectMapper().readTree(result.metricsJson().toFile());
        System.out.printf(Locale.ROOT, "France 2019 day-ahead: MAPE %.3f %%, seasonal naive %.3f %%, RTE %.3f %%%n",
                m.get("mape").asDouble(), m.get("baseline_mape").asDouble(), m.get("reference_mape").asDouble());
        // the file's own day-ahead forecast scores about 1.7 % (data README): our scoring agrees
        assertThat(m.get("reference_mape").asDouble()).isBetween(1.5, 1.9);
        assertThat(m.get("baseline_mape").asDouble()).isBetween(4.0, 9.0);
        assertThat(m.get("mape").asDouble()).isLessThan(0.6 * m.get("baseline_mape").asDouble());
        assertThat(m.get("n_forecasts").asInt()).isGreaterThan(8700);
        assertThat(m.get("n_days").asInt()).isEqualTo(365);
        assertThat(m.get("onnx_max_relative_difference").asDouble()).isLessThanOrEqualTo(1e-5);
        // uncalibrated quantile trees cover about 0.63; the shifts measured on the validation days restore ~0.79
        assertThat(m.get("coverage_p10_p90").asDouble()).isBetween(0.75, 0.85);
        assertThat(m.get("pinball").asDouble()).isLessThan(m.get("pinball_uncalibrated").asDouble());
        assertThat(m.get("load_data").get("missing_hours").asInt()).isPositive();
        assertPng(result.plot());
        assertThat(Files.readAllLines(result.forecastsCsv())).hasSize(1 + 365 * 24);
    }

    @Test
    void worksFromOptionsAloneOnAFileWithoutWeather() throws Exception {
        Path csv = dir.resolve("zone.csv");
        writeSyntheticZone(csv, LocalDate.of(2021, 1, 1), 150, new Random(7));
        DayAheadBacktest.Options options = new DayAheadBacktest.Options(csv, "timestamp", "load_mw", null, null,
                null, null, ZoneId.of("America/Chicago"), true, "US", LocalDate.of(2021, 5, 1),
                LocalDate.of(2021, 5, 1), LocalDate.of(2021, 5, 29), LocalTime.of(10, 0), dir.resolve("out"),
                TrainingOptions.defaults().withRounds(300).withThreads(2));
        DayAheadBacktest.Result result = DayAheadBacktest.run(options, line -> { });
        JsonNode m = new ObjectMapper().readTree(result.metricsJson().toFile());
        assertThat(m.get("features").toString()).doesNotContain("temperature");
        assertThat(m.get("n_days").asInt()).isEqualTo(28);
        assertThat(m.get("mape").asDouble()).isLessThan(m.get("baseline_mape").asDouble());
        assertThat(m.get("load_data").get("duplicate_timestamps").asInt()).isEqualTo(1);
        assertThat(m.get("load_data").get("missing_hours").asInt()).isEqualTo(3);
        assertThat(m.get("onnx_max_relative_difference").asDouble()).isLessThanOrEqualTo(1e-5);
        assertThat(m.has("reference_mape")).isFalse();
        assertThat(m.get("validation_coverage_calibrated").asDouble()).isBetween(0.7, 0.9);
        assertThat(m.has("calibration_shift_q0.1")).isTrue();
        assertPng(result.plot());
        assertThat(result.model()).isRegularFile();
    }

    /**
     * A zone with a daily and weekly shape, a slow trend, a weather-like level that drifts from day to day (so recent
     * load says more than last week's) and noise; naive local timestamps, one duplicated row and a three-hour outage.
     */
    static void writeSyntheticZone(Path csv, LocalDate from, int days, Random random) throws IOException {
        StringBuilder out = new StringBuilder("timestamp,load_mw\n");
        ZoneId zone = ZoneId.of("America/Chicago");
        Instant start = from.atStartOfDay(zone).toInstant();
        double level = 0;
        for (int h = 0; h < days * 24; h++) {
            if (h % 24 == 0) {
                level = 0.8 * level + 0.04 * random.nextGaussian();
            }
            Instant t = start.plusSeconds(3600L * h);
            var local = t.atZone(zone).toLocalDateTime();
            double daily = 1 + 0.25 * Math.sin((local.getHour() - 8) / 24.0 * 2 * Math.PI);
            double weekly = local.getDayOfWeek().getValue() >= 6 ? 0.85 : 1.0;
            double value = 1000 * daily * weekly * (1 + h / (days * 24.0) * 0.05) * (1 + level)
                    * (1 + 0.01 * random.nextGaussian());
            if (h >= 2000 && h < 2003) {
                continue; // outage
            }
            String stamp = local.toString().replace('T', ' ');
            out.append(stamp).append(',').append(String.format(Locale.ROOT, "%.1f", value)).append('\n');
            if (h == 1000) {
                out.append(stamp).append(',').append(String.format(Locale.ROOT, "%.1f", value)).append('\n');
            }
        }
        Files.writeString(csv, out);
    }

    private static void assertPng(Path png) throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1600);
    }

}
