package io.gridai.inference.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.inference.flink.ForecastJob;
import io.gridai.inference.flink.ForecastSettings;
import io.gridai.inference.flink.LoadFixtures;
import io.gridai.inference.flink.LoadFixtures.Zone;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.registry.ModelRegistry;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.model.Forecast;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import io.gridai.model.wire.flink.WireTypeInformation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The offline runner against the real forecast job ({@link ForecastJob#forecasts}, MiniCluster, parallelism 2) on the
 * same twelve days of hourly and 5-minute zone loads, with real ONNX models trained by the real trainer:
 *
 * <pre>
 *   paris-1, paris-2  Europe/Paris (falls back on 25 October: a 25-hour day), one model file per horizon shared
 *                     paris-1: a late correction of an hour and a re-sent newest hour
 *                     paris-2: six hours missing around the 10:00 day-ahead decision of 22 October
 *   sydney-1          Australia/Sydney, its own models (its day-ahead decision is at 23:00 UTC)
 *   sparse-1          Paris models, but one hour in eight: never 24 known hours in a week, so never a forecast
 *   lonely-1          no model at all
 * </pre>
 */
class OfflineForecastsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Instant START = Instant.parse("2026-10-19T00:00:00Z");
    static final int HOURS = 12 * 24;
    static final LocalDate TRAIN_UNTIL = LocalDate.of(2026, 10, 19);
    static final Zone PARIS_1 = Zone.of("paris-1", "Europe/Paris", "FR", 800);
    static final Zone PARIS_2 = Zone.of("paris-2", "Europe/Paris", "FR", 500);
    static final Zone SYDNEY = Zone.of("sydney-1", "Australia/Sydney", "AU", 700);
    static final Zone SPARSE = Zone.of("sparse-1", "Europe/Paris", "FR", 300);
    static final Zone LONELY = Zone.of("lonely-1", "Europe/Paris", "FR", 200);
    /** paris-2 misses these hours: the 10:00 CEST (08:00 UTC) day-ahead decision of 22 October among them. */
    static final Instant GAP_FROM = Instant.parse("2026-10-22T06:00:00Z");
    static final Instant GAP_UNTIL = Instant.parse("2026-10-22T12:00:00Z");
    /** paris-1's hour corrected late: it arrives again after the hour {@link #CORRECTED_AFTER}. */
    static final Instant CORRECTED = Instant.parse("2026-10-23T07:00:00Z");
    static final Instant CORRECTED_AFTER = Instant.parse("2026-10-23T09:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    private static Path models;

    @BeforeAll
    static void publishModels() throws Exception {
        models = Files.createTempDirectory(LoadFixtures.tmp(), "offline-models-");
        try (ModelRegistry registry = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO)) {
            byte[] parisDayAhead = LoadFixtures.dayAhead(PARIS_1, "paris-da-1", TRAIN_UNTIL, 30, 20, 1);
            byte[] parisIntraday = LoadFixtures.intraday(PARIS_1, "paris-id-1", TRAIN_UNTIL, 20, 6, 20, 1);
            for (Zone zone : List.of(PARIS_1, PARIS_2, SPARSE)) {
                publishAndActivate(registry, zone, parisDayAhead, "paris-da-1");
                publishAndActivate(registry, zone, parisIntraday, "paris-id-1");
            }
            publishAndActivate(registry, SYDNEY, LoadFixtures.dayAhead(SYDNEY, "sydney-da-1", TRAIN_UNTIL, 30, 20, 1),
                    "sydney-da-1");
            publishAndActivate(registry, SYDNEY, LoadFixtures.intraday(SYDNEY, "sydney-id-1", TRAIN_UNTIL, 20, 6, 20,
                    1), "sydney-id-1");
        }
    }

    @Test
    void offlineForecastsEqualTheJobsForecasts() throws Exception {
        ForecastSettings settings = settings(24);
        List<ZoneLoad> loads = replay();

        List<Forecast> job = runJob(settings, loads);
        List<Forecast> offline;
        try (ModelRegistry registry = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO)) {
            offline = OfflineForecasts.run(registry, settings, loads);
        }

        // Enough happened for the comparison to mean something: every kind of forecast, the DST day, the gap.
        for (Zone zone : List.of(PARIS_1, PARIS_2, SYDNEY)) {
            assertThat(of(job, zone.id(), Duration.ofHours(1))).as("day-ahead of %s", zone.id()).hasSizeGreaterThan(9);
            assertThat(of(job, zone.id(), Duration.ofMinutes(5))).as("intraday of %s", zone.id())
                    .hasSizeGreaterThan(200);
        }
        assertThat(of(job, PARIS_1.id(), Duration.ofHours(1))).as("the 25-hour day")
                .anySatisfy(f -> assertThat(f.steps()).hasSize(25));
        assertThat(of(job, PARIS_2.id(), Duration.ofMinutes(5))).extracting(Forecast::issueTime)
                .as("no intraday forecast inside the gap").noneMatch(t -> t.isAfter(GAP_FROM) && !t.isAfter(GAP_UNTIL))
                .contains(GAP_UNTIL.plus(HOUR));
        Instant decision = LocalDate.of(2026, 10, 22).atTime(LocalTime.of(10, 0)).atZone(PARIS_2.timeZone())
                .toInstant();
        assertThat(of(job, PARIS_2.id(), Duration.ofHours(1))).extracting(Forecast::madeAt)
                .as("the day-ahead decided in the gap, made once the gap is over").contains(decision);
        assertThat(job).as("no history, no model").noneMatch(f -> f.zone().equals(SPARSE.id())
                || f.zone().equals(LONELY.id()));

        assertThat(offline).as("as many forecasts offline as in the job").hasSameSizeAs(job);
        List<Forecast> jobSorted = sorted(job);
        List<Forecast> offlineSorted = sorted(offline);
        for (int i = 0; i < jobSorted.size(); i++) {
            Forecast expected = jobSorted.get(i);
            assertThat(offlineSorted.get(i)).as("%s %s issued %s", expected.zone(), expected.step(),
                    expected.issueTime()).isEqualTo(expected);
        }
        // Per zone and horizon (one model), the job emits in request order: so does the runner.
        for (Zone zone : List.of(PARIS_1, PARIS_2, SYDNEY)) {
            for (Duration step : List.of(Duration.ofHours(1), Duration.ofMinutes(5))) {
                assertThat(of(offline, zone.id(), step)).as("%s %s in the job's order", zone.id(), step)
                        .containsExactlyElementsOf(of(job, zone.id(), step));
            }
        }
    }

    @Test
    void aZoneGetsNoForecastUntilItHasTheMinimumHistory() throws Exception {
        ForecastSettings settings = settings(24);
        try (ModelRegistry registry = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO)) {
            List<ZoneLoad> day = LoadFixtures.zoneLoads(List.of(PARIS_1), START, 24, true);
            List<ZoneLoad> short1 = day.subList(0, day.size() - 1); // 23 hourly windows (and the last 5-minute ones)
            assertThat(OfflineForecasts.run(registry, settings, short1)).as("23 known hours").isEmpty();

            List<Forecast> first = OfflineForecasts.run(registry, settings, day);
            assertThat(first).as("24 known hours: the intraday forecast at the end of the first day").hasSize(1);
            Forecast f = first.get(0);
            assertThat(f.issueTime()).isEqualTo(START.plus(Duration.ofHours(24)));
            assertThat(f.madeAt()).isEqualTo(f.issueTime());
            assertThat(f.step()).isEqualTo(Duration.ofMinutes(5));
            assertThat(f.steps()).hasSize(6 * 12);
            assertThat(f.modelVersion()).isEqualTo("paris-id-1");
            assertThat(f.p50(0)).as("generator sign").isNegative();

            List<ZoneLoad> sparse = sparse(LoadFixtures.zoneLoads(List.of(SPARSE), START, HOURS, false));
            assertThat(OfflineForecasts.run(registry, settings, sparse)).as("one hour in eight: 21 a week").isEmpty();
            assertThat(OfflineForecasts.run(registry, settings(12), sparse)).as("enough with min-hours 12")
                    .isNotEmpty().allSatisfy(g -> assertThat(g.zone()).isEqualTo(SPARSE.id()));
        }
    }

    // ----------------------------------------------------------------------------------------------------- fixtures

    private static ForecastSettings settings(int minHistoryHours) {
        Properties p = new Properties();
        p.setProperty("forecast.models.dir", models.toString());
        p.setProperty("forecast.batch-size", "100"); // several batches, some with forecasts of several zones
        p.setProperty("forecast.max-batch-delay", "PT0.02S");
        p.setProperty("forecast.history.min-hours", Integer.toString(minHistoryHours));
        return ForecastSettings.from(p);
    }

    private static List<Forecast> runJob(ForecastSettings settings, List<ZoneLoad> loads) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<ZoneLoad> stream = env.fromData(loads, WireTypeInformation.of(ZoneLoad.class))
                .assignTimestampsAndWatermarks(ForecastJob.watermarks(settings));
        List<Forecast> collected = new ArrayList<>();
        try (CloseableIterator<Forecast> out = ForecastJob.forecasts(stream, settings)
                .executeAndCollect("offline-forecasts-test")) {
            out.forEachRemaining(collected::add);
        }
        return collected;
    }

    /** The zone loads as the job receives them, with paris-2's gap, paris-1's corrections and sparse-1's holes. */
    private static List<ZoneLoad> replay() {
        List<ZoneLoad> base = LoadFixtures.zoneLoads(List.of(PARIS_1, PARIS_2, SYDNEY, SPARSE, LONELY), START, HOURS,
                true);
        List<ZoneLoad> out = new ArrayList<>();
        for (ZoneLoad load : sparse(base)) {
            Instant hour = load.windowStart().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            if (load.zone().equals(PARIS_2.id()) && !hour.isBefore(GAP_FROM) && hour.isBefore(GAP_UNTIL)) {
                continue;
            }
            out.add(load);
            if (load.zone().equals(PARIS_1.id()) && load.window().equals(HOUR)
                    && load.windowStart().equals(CORRECTED_AFTER)) {
                out.add(new ZoneLoad(PARIS_1.id(), CORRECTED, HOUR, -PARIS_1.consumption(hourOf(CORRECTED)) * 1.25,
                        10, 120));
                out.add(new ZoneLoad(PARIS_1.id(), CORRECTED_AFTER, HOUR,
                        -PARIS_1.consumption(hourOf(CORRECTED_AFTER)) * 0.8, 10, 120));
            }
        }
        return out;
    }

    /** sparse-1 keeps only its hourly windows of every eighth hour; other zones are untouched. */
    private static List<ZoneLoad> sparse(List<ZoneLoad> loads) {
        return loads.stream().filter(l -> !l.zone().equals(SPARSE.id())
                || (l.window().equals(HOUR) && hourOf(l.windowStart()) % 8 == 0)).toList();
    }

    private static long hourOf(Instant t) {
        return t.getEpochSecond() / 3600;
    }

    private static List<Forecast> of(List<Forecast> forecasts, ZoneId zone, Duration step) {
        return forecasts.stream().filter(f -> f.zone().equals(zone) && f.step().equals(step)).toList();
    }

    private static List<Forecast> sorted(List<Forecast> forecasts) {
        return forecasts.stream().sorted(Comparator.comparing((Forecast f) -> f.zone().value())
                .thenComparing(Forecast::step).thenComparing(Forecast::issueTime)).toList();
    }

    private static void publishAndActivate(ModelRegistry registry, Zone zone, byte[] model, String version) {
        registry.publish(zone.id(), model);
        registry.activate(zone.id(), version.contains("-da-") ? Horizon.DAY_AHEAD : Horizon.INTRADAY, version);
    }
}
