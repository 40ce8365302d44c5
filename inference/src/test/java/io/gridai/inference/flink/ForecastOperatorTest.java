package io.gridai.inference.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.inference.flink.LoadFixtures.Zone;
import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.registry.ModelRegistry;
import io.gridai.inference.series.HourlySeries;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.inference.serve.OnnxForecastModel;
import io.gridai.model.Forecast;
import io.gridai.model.ForecastStep;
import io.gridai.model.ZoneLoad;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.wire.flink.WireTypeInformation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The forecast operator in a Flink MiniCluster (parallelism 2) on three weeks of hourly and 5-minute zone loads of
 * four zones, with real ONNX models trained by the real trainer on the weeks before:
 *
 * <pre>
 *   paris-1, paris-2   Europe/Paris   one day-ahead + one intraday model file shared (batched together);
 *                                     paris-1 also runs a day-ahead SHADOW model
 *   sydney-1           Australia/Sydney  its own models
 *   lonely-1           no model at all: skipped
 *   data 2026-03-16T00:00Z … 2026-04-07T00:00Z: Paris springs forward on 29 March (23 h), Sydney falls back on
 *   5 April (25 h)
 * </pre>
 */
class ForecastOperatorTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(CollectingReporter.configure(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final String JOB = "forecast-operator-test";
    static final Instant START = Instant.parse("2026-03-16T00:00:00Z");
    static final Instant END = Instant.parse("2026-04-07T00:00:00Z");
    static final int HOURS = (int) Duration.between(START, END).toHours();
    static final LocalDate TRAIN_UNTIL = LocalDate.of(2026, 3, 16);
    static final Zone PARIS_1 = Zone.of("paris-1", "Europe/Paris", "FR", 900);
    static final Zone PARIS_2 = Zone.of("paris-2", "Europe/Paris", "FR", 600);
    static final Zone SYDNEY = Zone.of("sydney-1", "Australia/Sydney", "AU", 700);
    static final Zone LONELY = Zone.of("lonely-1", "Europe/Paris", "FR", 300);
    static final List<Zone> ZONES = List.of(PARIS_1, PARIS_2, SYDNEY, LONELY);

    private static Path models;
    private static ForecastSettings settings;
    private static List<Forecast> results;
    private static final Map<String, ForecastModel> BY_VERSION = new HashMap<>();

    @BeforeAll
    static void runTheJob() throws Exception {
        LoadFixtures.tmp();
        models = Files.createTempDirectory(LoadFixtures.tmp(), "models-");
        try (ModelRegistry registry = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO)) {
            byte[] parisDayAhead = LoadFixtures.dayAhead(PARIS_1, "paris-da-1", TRAIN_UNTIL, 60, 40, 1);
            byte[] parisShadow = LoadFixtures.dayAhead(PARIS_1, "paris-da-2", TRAIN_UNTIL, 30, 15, 2);
            byte[] parisIntraday = LoadFixtures.intraday(PARIS_1, "paris-id-1", TRAIN_UNTIL, 30, 6, 40, 1);
            byte[] sydneyDayAhead = LoadFixtures.dayAhead(SYDNEY, "sydney-da-1", TRAIN_UNTIL, 60, 40, 1);
            byte[] sydneyIntraday = LoadFixtures.intraday(SYDNEY, "sydney-id-1", TRAIN_UNTIL, 30, 6, 40, 1);
            for (Zone paris : List.of(PARIS_1, PARIS_2)) {
                publishAndActivate(registry, paris, parisDayAhead, "paris-da-1");
                publishAndActivate(registry, paris, parisIntraday, "paris-id-1");
            }
            registry.publish(PARIS_1.id(), parisShadow);
            registry.setShadow(PARIS_1.id(), Horizon.DAY_AHEAD, "paris-da-2");
            publishAndActivate(registry, SYDNEY, sydneyDayAhead, "sydney-da-1");
            publishAndActivate(registry, SYDNEY, sydneyIntraday, "sydney-id-1");
            for (String v : List.of("paris-da-1", "paris-da-2", "paris-id-1")) {
                BY_VERSION.put(v, OnnxForecastModel.load(models.resolve("paris-1").resolve(v.contains("-da-")
                        ? "day_ahead" : "intraday").resolve(v + ".onnx"), InferenceSettings.defaults()));
            }
            for (String v : List.of("sydney-da-1", "sydney-id-1")) {
                BY_VERSION.put(v, OnnxForecastModel.load(models.resolve("sydney-1").resolve(v.contains("-da-")
                        ? "day_ahead" : "intraday").resolve(v + ".onnx"), InferenceSettings.defaults()));
            }
        }
    }

    /**
     * Runs the job once, from the first test that needs it: the extension's cluster (with the metrics reporter) is the
     * context environment only inside tests.
     */
    private static synchronized List<Forecast> forecasts() throws Exception {
        if (results != null) {
            return results;
        }
        Properties p = new Properties();
        p.setProperty("forecast.models.dir", models.toString());
        p.setProperty("forecast.batch-size", "256");
        p.setProperty("forecast.max-batch-delay", "PT0.02S");
        settings = ForecastSettings.from(p);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<ZoneLoad> loads = env.fromData(LoadFixtures.zoneLoads(ZONES, START, HOURS, true),
                        WireTypeInformation.of(ZoneLoad.class))
                .assignTimestampsAndWatermarks(ForecastJob.watermarks(settings));
        List<Forecast> collected = new ArrayList<>();
        try (CloseableIterator<Forecast> out = ForecastJob.forecasts(loads, settings).executeAndCollect(JOB)) {
            out.forEachRemaining(collected::add);
        }
        results = collected;
        return results;
    }

    private static void publishAndActivate(ModelRegistry registry, Zone zone, byte[] model, String version) {
        registry.publish(zone.id(), model);
        registry.activate(zone.id(), version.contains("-da-") ? Horizon.DAY_AHEAD : Horizon.INTRADAY, version);
    }

    @AfterAll
    static void closeModels() {
        BY_VERSION.values().forEach(ForecastModel::close);
    }

    @Test
    void dayAheadIsIssuedOncePerLocalDayAt10ForEveryHourOfTheNextDay() throws Exception {
        for (Zone zone : List.of(PARIS_1, PARIS_2, SYDNEY)) {
            List<Forecast> dayAhead = of(zone, Duration.ofHours(1));
            assertThat(dayAhead).extracting(Forecast::issueTime).as("day-ahead of %s", zone.id())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ExpectedIssues.dayAhead(zone, START, END));
            for (Forecast f : dayAhead) {
                LocalDate day = f.issueTime().atZone(zone.timeZone()).toLocalDate();
                assertThat(f.issueTime()).as("starts at local midnight").isEqualTo(day.atStartOfDay(zone.timeZone())
                        .toInstant());
                long hoursInDay = Duration.between(f.issueTime(), day.plusDays(1).atStartOfDay(zone.timeZone())
                        .toInstant()).toHours();
                assertThat(f.steps()).as("%s %s", zone.id(), day).hasSize((int) hoursInDay);
                assertThat(f.modelVersion()).isEqualTo(zone == SYDNEY ? "sydney-da-1" : "paris-da-1");
            }
        }
        assertThat(stepsOn(PARIS_1, LocalDate.of(2026, 3, 29))).as("Paris springs forward").isEqualTo(23);
        assertThat(stepsOn(SYDNEY, LocalDate.of(2026, 4, 5))).as("Sydney falls back").isEqualTo(25);
        assertThat(stepsOn(PARIS_1, LocalDate.of(2026, 3, 30))).isEqualTo(24);
    }

    @Test
    void dayAheadValuesAreTheModelsOnTheLoadKnownAt10TheDayBefore() throws Exception {
        for (Zone zone : List.of(PARIS_1, PARIS_2, SYDNEY)) {
            HourlySeries load = zone.series(START.getEpochSecond() / 3600, HOURS);
            for (Forecast f : of(zone, Duration.ofHours(1))) {
                OfflineForecast.Request request = OfflineForecast.request(f, zone.timeZone(), LocalTime.of(10, 0), 6);
                assertThat(request.issue().atZone(zone.timeZone()).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
                assertThat(f.madeAt()).as("made at 10:00 the day before").isEqualTo(request.issue());
                assertThat(OfflineForecast.published(f)).as("%s issued %s", zone.id(), f.issueTime())
                        .isEqualTo(OfflineForecast.values(BY_VERSION.get(f.modelVersion()), request, load, false));
            }
        }
    }

    @Test
    void intradayIsIssuedEveryHourForSixHoursInFiveMinuteSteps() throws Exception {
        for (Zone zone : List.of(PARIS_1, PARIS_2, SYDNEY)) {
            List<Forecast> intraday = of(zone, Duration.ofMinutes(5));
            assertThat(intraday).extracting(Forecast::issueTime).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ExpectedIssues.intraday(START, END));
            HourlySeries load = zone.series(START.getEpochSecond() / 3600, HOURS);
            for (Forecast f : intraday) {
                assertThat(f.steps()).hasSize(72);
                assertThat(f.horizon()).isEqualTo(Duration.ofHours(6));
                assertThat(f.madeAt()).as("an intraday forecast is made as its horizon starts").isEqualTo(f.issueTime());
                OfflineForecast.Request request = OfflineForecast.request(f, zone.timeZone(), LocalTime.of(10, 0), 6);
                assertThat(OfflineForecast.published(f)).as("%s issued %s", zone.id(), f.issueTime())
                        .isEqualTo(OfflineForecast.values(BY_VERSION.get(f.modelVersion()), request, load, true));
            }
        }
    }

    @Test
    void valuesAreActivePowerInGeneratorSignWithQuantilesThatNeverCross() throws Exception {
        assertThat(forecasts()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(MeasurementKind.ACTIVE_POWER);
            assertThat(f.quantileLevels()).containsExactly(0.1, 0.5, 0.9);
            for (ForecastStep step : f.steps()) {
                assertThat(step.values()).isSorted().allSatisfy(v -> assertThat(v).isNegative());
            }
        });
        // Consumption is about 0.54 (Sunday night) to 1.2 × the base: the published P50 is about minus that.
        for (Forecast f : of(PARIS_1, Duration.ofHours(1))) {
            for (int i = 0; i < f.steps().size(); i++) {
                assertThat(f.p50(i)).isBetween(-1.3 * 900, -0.45 * 900);
            }
        }
    }

    @Test
    void aZoneWithoutModelIsSkippedAndShadowsAreNeverPublished() throws Exception {
        assertThat(forecasts()).noneMatch(f -> f.zone().equals(LONELY.id()));
        assertThat(forecasts()).noneMatch(f -> f.modelVersion().equals("paris-da-2"));
        assertThat(forecasts().stream().map(f -> f.zone().value()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("paris-1", "paris-2", "sydney-1");
    }

    @Test
    void liveSkillOfActiveAndShadowModelsIsReportedAsGauges() throws Exception {
        double activeMape = gauge("mape", "paris-1", "day_ahead", "active");
        double shadowMape = gauge("mape", "paris-1", "day_ahead", "shadow");
        double intradayMape = gauge("mape", "sydney-1", "intraday", "active");
        System.out.printf("live skill: paris-1 day-ahead MAPE active %.2f %% shadow %.2f %%, sydney-1 intraday %.2f %%,"
                + " paris-1 day-ahead pinball %.2f MW%n", activeMape, shadowMape, intradayMape,
                gauge("pinball", "paris-1", "day_ahead", "active"));
        // The last week of the data holds Good Friday (AU) and Easter Monday (both), which the models never saw.
        assertThat(activeMape).isBetween(0.5, 10.0);
        assertThat(shadowMape).isBetween(0.5, 15.0);
        assertThat(intradayMape).isBetween(0.5, 15.0);
        assertThat(gauge("pinball", "paris-1", "day_ahead", "active")).isBetween(0.1, 50.0);
        // Every day-ahead hour whose actual arrived: the forecasts' hours up to the end of the data.
        long scored = of(PARIS_1, Duration.ofHours(1)).stream().flatMap(f -> f.steps().stream())
                .filter(s -> !s.validTime().isAfter(END)).count();
        assertThat(gauge("scoredHours", "paris-1", "day_ahead", "active")).isEqualTo((double) scored);
        assertThat(gauge("scoredHours", "paris-1", "day_ahead", "shadow")).isEqualTo((double) scored);
        assertThat(gauge("scoredHours", "paris-2", "day_ahead", "shadow")).isNaN();

        long rows = CollectingReporter.all().stream()
                .filter(r -> r.name().equals("rows") && JOB.equals(r.variables().get("<job_name>")))
                .mapToLong(r -> ((Counter) r.metric()).getCount()).sum();
        long expectedRows = forecasts().stream().mapToLong(f -> f.step().equals(Duration.ofHours(1))
                ? f.steps().size() : 6).sum() + of(PARIS_1, Duration.ofHours(1)).stream()
                .mapToLong(f -> f.steps().size()).sum();
        assertThat(rows).as("model rows run, shadow included").isEqualTo(expectedRows);
        // Per subtask: what its models ran on ("none" for a subtask whose zones have no model).
        assertThat(CollectingReporter.all().stream()
                .filter(r -> r.name().equals("executionProvider") && JOB.equals(r.variables().get("<job_name>")))
                .map(r -> String.valueOf(((Gauge<?>) r.metric()).getValue())).toList())
                .contains("CPU").isSubsetOf("CPU", "none");
    }

    private static double gauge(String name, String zone, String horizon, String role) {
        return CollectingReporter.find(name, Map.of("job_name", JOB, "zone", zone, "horizon", horizon, "model", role))
                .map(g -> ((Number) ((Gauge<?>) g).getValue()).doubleValue()).orElse(Double.NaN);
    }

    private static List<Forecast> of(Zone zone, Duration step) throws Exception {
        return forecasts().stream().filter(f -> f.zone().equals(zone.id()) && f.step().equals(step)).toList();
    }

    private static int stepsOn(Zone zone, LocalDate day) throws Exception {
        return of(zone, Duration.ofHours(1)).stream()
                .filter(f -> f.issueTime().equals(day.atStartOfDay(zone.timeZone()).toInstant()))
                .findFirst().orElseThrow().steps().size();
    }
}
