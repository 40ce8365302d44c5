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
import io.gridai.model.ZoneLoad;
import io.gridai.model.wire.flink.WireTypeInformation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.CheckpointingMode;
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
 * Hot swap under load: 40 zones stream hourly loads at a fixed rate (about 6 s of stream) through the operator
 * (parallelism 2, checkpoints every 100 ms, batches flushed after 5 ms, registry refreshed every 20 ms) while another
 * thread flips the ACTIVE pointers of random zones between two versions every 10 ms. Every expected forecast must
 * come exactly once, and each must equal what its own {@code modelVersion} computes offline for its rows — a
 * forecast mixing versions, or made by a closed model, could not.
 */
class HotSwapTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final int ZONE_COUNT = 40;
    static final int HOURS = 8 * 24;
    static final int INTRADAY_HOURS = 3;
    static final Instant START = Instant.parse("2026-05-04T00:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(HOURS));
    static final LocalDate TRAIN_UNTIL = LocalDate.of(2026, 5, 4);
    static final List<Zone> ZONES = zones();
    static final Map<String, String> VERSION_FILES = Map.of(
            "da-v1", "day_ahead", "da-v2", "day_ahead", "id-v1", "intraday", "id-v2", "intraday");

    private static Path models;
    private static ForecastSettings settings;
    private static final Map<String, ForecastModel> BY_VERSION = new HashMap<>();
    private static final AtomicInteger FLIPS = new AtomicInteger();

    @BeforeAll
    static void publishTwoVersionsForEveryZone() throws Exception {
        LoadFixtures.tmp();
        models = Files.createTempDirectory(LoadFixtures.tmp(), "hot-swap-");
        Zone trainer = ZONES.get(0);
        Map<String, byte[]> files = Map.of(
                "da-v1", LoadFixtures.dayAhead(trainer, "da-v1", TRAIN_UNTIL, 40, 10, 1),
                "da-v2", LoadFixtures.dayAhead(trainer, "da-v2", TRAIN_UNTIL, 40, 30, 2),
                "id-v1", LoadFixtures.intraday(trainer, "id-v1", TRAIN_UNTIL, 20, INTRADAY_HOURS, 10, 1),
                "id-v2", LoadFixtures.intraday(trainer, "id-v2", TRAIN_UNTIL, 20, INTRADAY_HOURS, 30, 2));
        try (ModelRegistry registry = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO)) {
            for (Zone zone : ZONES) {
                files.values().forEach(bytes -> registry.publish(zone.id(), bytes));
                registry.activate(zone.id(), Horizon.DAY_AHEAD, "da-v1");
                registry.activate(zone.id(), Horizon.INTRADAY, "id-v1");
            }
        }
        for (String version : files.keySet()) {
            BY_VERSION.put(version, OnnxForecastModel.load(models.resolve(trainer.id().value())
                    .resolve(VERSION_FILES.get(version)).resolve(version + ".onnx"), InferenceSettings.defaults()));
        }
        Properties p = new Properties();
        p.setProperty("forecast.models.dir", models.toString());
        p.setProperty("forecast.intraday.hours", Integer.toString(INTRADAY_HOURS));
        p.setProperty("forecast.batch-size", "512");
        p.setProperty("forecast.max-batch-delay", "PT0.005S");
        p.setProperty("forecast.registry.refresh-interval", "PT0.02S");
        settings = ForecastSettings.from(p);
    }

    @AfterAll
    static void closeModels() {
        BY_VERSION.values().forEach(ForecastModel::close);
    }

    @Test
    void flippingActiveVersionsUnderLoadNeitherLosesNorDuplicatesNorMixesForecasts() throws Exception {
        List<Forecast> forecasts = runWhileFlipping();

        Map<String, Long> perKey = forecasts.stream().collect(Collectors.groupingBy(
                f -> f.zone() + " " + f.step() + " " + f.issueTime(), TreeMap::new, Collectors.counting()));
        assertThat(perKey.values()).as("forecasts per zone, horizon and issue time").containsOnly(1L);
        for (Zone zone : ZONES) {
            assertThat(of(forecasts, zone, Duration.ofHours(1))).extracting(Forecast::issueTime)
                    .containsExactlyInAnyOrderElementsOf(ExpectedIssues.dayAhead(zone, START, END));
            assertThat(of(forecasts, zone, Duration.ofMinutes(5))).extracting(Forecast::issueTime)
                    .containsExactlyInAnyOrderElementsOf(ExpectedIssues.intraday(START, END));
        }

        int differing = 0;
        for (Forecast f : forecasts) {
            Zone zone = zone(f);
            HourlySeries load = zone.series(START.getEpochSecond() / 3600, HOURS);
            boolean intraday = f.step().equals(Duration.ofMinutes(5));
            OfflineForecast.Request request = OfflineForecast.request(f, zone.timeZone(), LocalTime.of(10, 0),
                    INTRADAY_HOURS);
            assertThat(OfflineForecast.published(f)).as("%s %s issued %s by %s", f.zone(), f.step(), f.issueTime(),
                    f.modelVersion()).isEqualTo(OfflineForecast.values(BY_VERSION.get(f.modelVersion()), request, load,
                    intraday));
            String other = f.modelVersion().endsWith("1") ? f.modelVersion().replace("1", "2")
                    : f.modelVersion().replace("2", "1");
            if (!OfflineForecast.published(f).equals(OfflineForecast.values(BY_VERSION.get(other), request, load,
                    intraday))) {
                differing++;
            }
        }
        assertThat(differing).as("forecasts the other version would have made differently")
                .isGreaterThan(forecasts.size() * 9 / 10);

        Map<String, Long> byVersion = forecasts.stream().collect(Collectors.groupingBy(Forecast::modelVersion,
                Collectors.counting()));
        System.out.printf("hot swap: %d forecasts, %d pointer flips, by version %s, version changes in the intraday"
                + " sequence of a zone: %s%n", forecasts.size(), FLIPS.get(), byVersion, switchesPerZone(forecasts));
        assertThat(byVersion.keySet()).containsExactlyInAnyOrder("da-v1", "da-v2", "id-v1", "id-v2");
        assertThat(switchesPerZone(forecasts).values()).as("the job swapped models while it ran")
                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
    }

    /** Runs the job on a rate-limited stream while a scheduled task flips ACTIVE pointers; returns its output. */
    private static List<Forecast> runWhileFlipping() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);
        DataGeneratorSource<ZoneLoad> source = new DataGeneratorSource<>(new Loads(),
                (long) ZONE_COUNT * HOURS, RateLimiterStrategy.perSecond(1500), WireTypeInformation.of(ZoneLoad.class));
        DataStream<ZoneLoad> loads = env.fromSource(source, ForecastJob.watermarks(settings), "zone loads")
                .setParallelism(1);
        ScheduledExecutorService flipper = Executors.newSingleThreadScheduledExecutor();
        ModelRegistry admin = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO);
        SplittableRandom random = new SplittableRandom(7);
        flipper.scheduleAtFixedRate(() -> {
            for (int i = 0; i < 8; i++) {
                Zone zone = ZONES.get(random.nextInt(ZONES.size()));
                boolean dayAhead = random.nextBoolean();
                Horizon horizon = dayAhead ? Horizon.DAY_AHEAD : Horizon.INTRADAY;
                String current = admin.activeVersion(zone.id(), horizon).orElseThrow();
                admin.activate(zone.id(), horizon, current.endsWith("1") ? current.replace("1", "2")
                        : current.replace("2", "1"));
                FLIPS.incrementAndGet();
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        List<Forecast> forecasts = new ArrayList<>();
        try (CloseableIterator<Forecast> out = ForecastJob.forecasts(loads, settings).executeAndCollect("hot-swap")) {
            out.forEachRemaining(forecasts::add);
        } finally {
            flipper.shutdownNow();
            flipper.awaitTermination(10, TimeUnit.SECONDS);
            admin.close();
        }
        return forecasts;
    }

    /** How often the version changes along each zone's intraday forecasts in issue order. */
    private static Map<String, Integer> switchesPerZone(List<Forecast> forecasts) {
        Map<String, Integer> switches = new TreeMap<>();
        for (Zone zone : ZONES) {
            List<Forecast> sequence = new ArrayList<>(of(forecasts, zone, Duration.ofMinutes(5)));
            sequence.sort(Comparator.comparing(Forecast::issueTime));
            int n = 0;
            for (int i = 1; i < sequence.size(); i++) {
                n += sequence.get(i).modelVersion().equals(sequence.get(i - 1).modelVersion()) ? 0 : 1;
            }
            switches.put(zone.id().value(), n);
        }
        return switches;
    }

    private static List<Forecast> of(List<Forecast> forecasts, Zone zone, Duration step) {
        return forecasts.stream().filter(f -> f.zone().equals(zone.id()) && f.step().equals(step)).toList();
    }

    private static Zone zone(Forecast f) {
        return ZONES.get(Integer.parseInt(f.zone().value().substring(3)));
    }

    private static List<Zone> zones() {
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < ZONE_COUNT; i++) {
            zones.add(Zone.of(String.format("hs-%02d", i), "Europe/Paris", "FR", 500 + 10 * i));
        }
        return List.copyOf(zones);
    }

    /** Record {@code i}: zone {@code i mod 40}, hour {@code i / 40} — every zone's hours in order. */
    private static final class Loads implements GeneratorFunction<Long, ZoneLoad> {
        private static final long serialVersionUID = 1L;

        @Override
        public ZoneLoad map(Long index) {
            Zone zone = ZONES.get((int) (index % ZONE_COUNT));
            long hour = START.getEpochSecond() / 3600 + index / ZONE_COUNT;
            return new ZoneLoad(zone.id(), Instant.ofEpochSecond(hour * 3600), Duration.ofHours(1),
                    -zone.consumption(hour), 10, 120);
        }
    }
}
