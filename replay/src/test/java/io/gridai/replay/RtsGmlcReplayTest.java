package io.gridai.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.gridai.archive.importer.ImportListener;
import io.gridai.archive.importer.ImportProgress;
import io.gridai.archive.importer.ImportSummary;
import io.gridai.archive.importer.Refusal;
import io.gridai.archive.importer.TelemetryImport;
import io.gridai.flink.config.AssetTopology;
import io.gridai.inference.fit.ModelFitter;
import io.gridai.inference.fit.ZoneModelTraining;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.registry.ModelRegistry;
import io.gridai.inference.series.HourlySeries;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.inference.train.TrainingOptions;
import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Forecast;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SourceId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topics;
import io.gridai.replay.report.ForecastMetrics;
import io.gridai.replay.report.Horizon;
import io.gridai.replay.report.ReplayReport;
import io.gridai.sim.series.RtsGmlcSeries;
import io.gridai.sim.series.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of replays on real data: the year of RTS-GMLC 5-minute regional load of the shared data set
 * imported into an archive, a day-ahead and an intraday model per zone trained on the archive's hourly history before
 * the replayed week, one week replayed at maximum speed into a sandbox (production Flink jobs on a real broker, ONNX
 * models), its forecasts checked against the same registry run offline, the report written with a production model
 * trained with fewer rounds, and the week replayed again giving byte-identical result topics.
 *
 * <p>Skipped, saying so, when the shared data set ({@code ../shared/data}, {@link SharedData}) is absent. RTS-GMLC's
 * clock is read as UTC (see {@link RtsGmlcSeries}); the zones have no holiday calendar (country "").
 */
@WithKafkaBroker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtsGmlcReplayTest {

    static final Instant WEEK_FROM = Instant.parse("2020-07-06T00:00:00Z");
    static final Instant WEEK_TO = Instant.parse("2020-07-13T00:00:00Z");
    /** Ten weeks of training history before the replayed week: enough for both horizons, quick to fit. */
    static final Instant TRAIN_FROM = WEEK_FROM.minus(Duration.ofDays(70));
    static final List<ZoneId> ZONES = List.of(ZoneId.of("zone-1"), ZoneId.of("zone-2"), ZoneId.of("zone-3"));
    static final java.time.ZoneId TIME_ZONE = ZoneOffset.UTC;
    static final String COUNTRY = "";
    static final int INTRADAY_HOURS = 6;
    /**
     * The model under test and the production model differ in their boosting rounds only (fixed: no early stopping,
     * which on this short history could pick the same few rounds for both and make them the same model).
     */
    static final TrainingOptions CANDIDATE = TrainingOptions.defaults().withRounds(40).withEta(0.1).withThreads(2)
            .withEarlyStoppingRounds(0);
    static final TrainingOptions PRODUCTION = CANDIDATE.withRounds(4);

    @TempDir
    static Path tmp;

    private Path timeseries;
    private ImportSummary imported;
    private List<Refusal> refusals = new ArrayList<>();
    private Path archive;
    private Path candidate;
    private Path production;
    private final Map<String, Double> rounds = new java.util.TreeMap<>();
    private final Map<ZoneId, HourlySeries> history = new java.util.TreeMap<>(
            java.util.Comparator.comparing(ZoneId::value));

    @BeforeAll
    void importAndTrain() throws Exception {
        Optional<Path> data = SharedData.locate();
        assumeThat(data).as("the shared data set (../shared/data, or -D%s / %s) is absent: this test needs its"
                + " rts-gmlc/timeseries", SharedData.PROPERTY, SharedData.ENVIRONMENT).isPresent();
        timeseries = data.get().resolve("rts-gmlc/timeseries");
        assumeThat(timeseries).as("the shared data set has no rts-gmlc/timeseries").isDirectory();

        archive = tmp.resolve("archive");
        long t0 = System.nanoTime();
        imported = TelemetryImport.run(archive, TelemetryImport.Format.RTS_GMLC, realTimeLoadFiles(),
                TelemetryImport.Settings.of(SourceId.of("rts-gmlc")), new ImportListener() {
                    @Override
                    public void progress(ImportProgress progress) {
                    }

                    @Override
                    public void refused(Refusal refusal) {
                        refusals.add(refusal);
                    }
                });
        long t1 = System.nanoTime();

        AssetTopology topology = pipeline("train", tmp).jobSettings().topology();
        history.putAll(ArchiveHistory.hourlyConsumption(archive, topology, TRAIN_FROM, WEEK_FROM));
        candidate = train("candidate", CANDIDATE);
        production = train("production", PRODUCTION);
        System.out.printf(Locale.ROOT, "RTS-GMLC: imported %d records in %.1f s; trained 2 × %d zones × 2 horizons"
                + " in %.1f s%n", imported.recordsWritten(), (t1 - t0) / 1e9, ZONES.size(),
                (System.nanoTime() - t1) / 1e9);
    }

    private List<Path> realTimeLoadFiles() {
        return RtsGmlcSeries.REAL_TIME_LOAD_FILES.values().stream().map(timeseries::resolve).toList();
    }

    private Path train(String name, TrainingOptions options) throws IOException {
        Path models = Files.createDirectories(tmp.resolve("models-" + name));
        try (ModelRegistry registry = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO)) {
            for (ZoneId zone : ZONES) {
                ZoneModelTraining training = new ZoneModelTraining(history.get(zone), null, TIME_ZONE, COUNTRY,
                        LocalTime.of(10, 0), INTRADAY_HOURS, WEEK_FROM, options);
                for (ModelMetadata.Horizon horizon : ModelMetadata.Horizon.values()) {
                    try (ModelFitter.Fitted fitted = horizon == ModelMetadata.Horizon.DAY_AHEAD
                            ? training.dayAhead(line -> { }) : training.intraday(line -> { })) {
                        ModelMetadata published = registry.publish(zone, fitted.onnx());
                        registry.activate(zone, horizon, published.version());
                        rounds.put(name + " " + zone.value() + " " + horizon, published.metrics().get("rounds"));
                    }
                }
            }
        }
        return models;
    }

    private static Properties jobProperties() {
        Properties jobs = new Properties();
        jobs.setProperty("checkpoint.interval", "PT0.5S");
        jobs.setProperty("forecast.checkpoint.interval", "PT0.5S");
        return jobs;
    }

    private SandboxPipeline pipeline(String sandbox, Path work) {
        return new SandboxPipeline(Topics.sandbox(sandbox), jobProperties(), candidate == null ? tmp : candidate,
                work);
    }

    private Replay.Result replay(String bootstrap, String sandbox) throws Exception {
        ReplayRequest request = new ReplayRequest(archive, SandboxId.of(sandbox), WEEK_FROM, WEEK_TO, Set.of(),
                ReplayRequest.MAX_SPEED);
        return new Replay(bootstrap, jobProperties(), candidate, Files.createTempDirectory(tmp, "work-"),
                Duration.ofSeconds(120)).run(request, new ReplayControl(), p -> { });
    }

    @Test
    void importsEveryValueOfTheYear() throws IOException {
        long values = 0;
        for (Path file : realTimeLoadFiles()) {
            try (Stream<String> lines = Files.lines(file)) {
                // Year,Month,Day,1..288: every field after the third is one 5-minute value
                values += lines.skip(1).filter(l -> !l.isBlank()).mapToLong(l -> l.split(",").length - 3).sum();
            }
        }
        assertThat(refusals).isEmpty();
        assertThat(imported.complete()).isTrue();
        assertThat(imported.recordsWritten()).as("one record per value of the three files").isEqualTo(values)
                .isPositive();
        for (ZoneId zone : ZONES) {
            for (ModelMetadata.Horizon horizon : ModelMetadata.Horizon.values()) {
                assertThat(rounds.get("candidate " + zone.value() + " " + horizon)).isEqualTo(CANDIDATE.rounds());
                assertThat(rounds.get("production " + zone.value() + " " + horizon)).isEqualTo(PRODUCTION.rounds());
            }
            assertThat(history.get(zone)).as("%s has training history", zone).isNotNull();
            assertThat(history.get(zone).missing()).as("%s: hours without load before the week", zone).isZero();
            assertThat(history.get(zone).size()).isEqualTo((int) Duration.between(TRAIN_FROM, WEEK_FROM).toHours());
        }
    }

    @Test
    void aWeekReplayedMakesTheOfflineForecastsAndTheSameTopicsTwice(@BootstrapServers String bootstrap)
            throws Exception {
        long t0 = System.nanoTime();
        Replay.Result first = replay(bootstrap, "rts-week-28");
        long t1 = System.nanoTime();
        Replay.Result second = replay(bootstrap, "rts-week-28");
        long t2 = System.nanoTime();

        assertThat(first.stopped()).isFalse();
        assertThat(first.sent().records()).as("the week's 5-minute values of the three zones")
                .isEqualTo(Duration.between(WEEK_FROM, WEEK_TO).toMinutes() / 5 * ZONES.size());
        for (String topic : first.outputs().keySet()) {
            assertThat(second.outputs().get(topic).sha256()).as("replayed twice: %s", topic)
                    .isEqualTo(first.outputs().get(topic).sha256());
            assertThat(second.outputs().get(topic).count()).isEqualTo(first.outputs().get(topic).count());
        }

        List<Forecast> forecasts = first.output(Topics.GRID_FORECASTS).values(
                Topics.sandbox("rts-week-28").of(Topics.GRID_FORECASTS));
        for (ZoneId zone : ZONES) {
            for (Horizon horizon : Horizon.values()) {
                assertThat(forecasts.stream().filter(f -> f.zone().equals(zone) && Horizon.of(f) == horizon))
                        .as("%s %s forecasts in the sandbox", zone, horizon).isNotEmpty();
            }
        }

        Path reportDir = tmp.resolve("report");
        ReplayAnalysis.Outcome outcome = ReplayAnalysis.analyse(first, Optional.of(production), reportDir);
        long t3 = System.nanoTime();

        assertThat(outcome.check().identical()).as("%s", outcome.check()).isTrue();
        assertThat(outcome.check().offlineForecasts()).isEqualTo(forecasts.size()).isPositive();
        assertThat(outcome.check().zoneLoadsCompared())
                .isEqualTo(Duration.between(WEEK_FROM, WEEK_TO).toHours() * ZONES.size());
        assertThat(outcome.check().maxZoneLoadDifferenceMw()).isZero();
        assertThat(outcome.production()).isEqualTo(ReplayAnalysis.ProductionSource.OFFLINE_MODEL);

        assertThat(outcome.report().reportHtml()).exists();
        assertThat(outcome.report().reportCsv()).exists();
        assertThat(outcome.report().plots()).hasSize(ZONES.size()).allSatisfy(p -> assertThat(p).exists()
                .hasExtension("png"));
        String productionLabel = ReplayReport.PRODUCTION + " (offline)";
        for (ZoneId zone : ZONES) {
            for (Horizon horizon : Horizon.values()) {
                for (String model : List.of(ReplayReport.CANDIDATE, productionLabel)) {
                    ForecastMetrics m = outcome.report().metrics().forecast(zone, horizon, model).orElseThrow(
                            () -> new AssertionError("no " + model + " row for " + zone + " " + horizon));
                    System.out.printf(Locale.ROOT, "%s %-9s %-20s forecasts=%d n=%d skipped=%d MAE=%.1f MW"
                            + " MAPE=%.2f %%%n", zone, horizon, model, m.forecasts(), m.n(), m.skippedNoActual(),
                            m.maeMw(), m.mapePct());
                    // day-ahead steps meet the archive's hourly zone loads, intraday (5-minute) steps its 5-minute ones
                    assertThat(m.forecasts()).as("%s %s %s forecasts", zone, horizon, model).isPositive();
                    assertThat(m.n()).as("%s %s %s matched steps", zone, horizon, model).isPositive();
                    assertThat(m.skippedNoActual()).as("%s %s %s steps without an actual", zone, horizon, model)
                            .isZero();
                    assertThat(m.maeMw()).as("%s %s %s MAE", zone, horizon, model).isFinite();
                }
            }
        }
        System.out.printf(Locale.ROOT, "RTS-GMLC week: replay 1 %.1f s (%d records, sender %.0f records/s),"
                + " replay 2 %.1f s, analysis %.1f s; report in %s%n", (t1 - t0) / 1e9, first.sent().records(),
                first.sent().recordsPerSecond(), (t2 - t1) / 1e9, (t3 - t2) / 1e9, reportDir);
    }

}
