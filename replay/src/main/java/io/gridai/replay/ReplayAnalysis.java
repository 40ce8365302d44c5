package io.gridai.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridai.archive.ArchiveReader;
import io.gridai.flink.config.AssetTopology;
import io.gridai.inference.flink.ForecastSettings;
import io.gridai.inference.offline.OfflineForecasts;
import io.gridai.inference.registry.ModelRegistry;
import io.gridai.model.Forecast;
import io.gridai.model.ForecastStep;
import io.gridai.model.Setpoint;
import io.gridai.model.ZoneLoad;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.topic.SandboxTopics;
import io.gridai.model.topic.Topics;
import io.gridai.replay.report.ReplayReport;
import io.gridai.replay.report.ReportResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a finished replay is worth: its forecasts checked against the same model run offline on the archive
 * ({@link OfflineForecasts} on {@link ArchiveZoneLoads}: no Kafka, no Flink), and the report
 * ({@link ReplayReport}) comparing the model under test with the production model and the sandbox's dispatch with
 * what happened. Everything lands in the report folder, with {@code replay.json} summing it up.
 *
 * <p>The production model's forecasts are what production really published, from the archive's {@code forecasts}
 * dataset, when the archive holds any for the window; otherwise, given a production model registry, that model
 * run offline on the same archived load; otherwise none (the report says so).
 */
public final class ReplayAnalysis {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayAnalysis.class);

    /**
     * The sandbox's forecasts against the offline run of the same registry on the archive.
     *
     * @param sandboxForecasts     forecasts the sandbox published
     * @param offlineForecasts     forecasts the offline run made
     * @param equal                sandbox forecasts equal (every field, every value) to the offline one of the same
     *                             zone, issue time, step and model
     * @param missing              offline forecasts the sandbox did not publish
     * @param extra                sandbox forecasts the offline run did not make
     * @param maxAbsDifferenceMw   the largest value difference between matched forecasts (0 when all equal)
     * @param zoneLoadsCompared    hourly zone loads of the sandbox matched to the archive's
     * @param maxZoneLoadDifferenceMw the largest difference between them
     */
    public record OfflineCheck(int sandboxForecasts, int offlineForecasts, int equal, int missing, int extra,
            double maxAbsDifferenceMw, int zoneLoadsCompared, double maxZoneLoadDifferenceMw) {

        /** True when the sandbox published exactly the offline run's forecasts. */
        public boolean identical() {
            return equal == sandboxForecasts && equal == offlineForecasts && missing == 0 && extra == 0;
        }
    }

    /** Where production forecasts for the report came from. */
    public enum ProductionSource {
        ARCHIVE, OFFLINE_MODEL, NONE
    }

    public record Outcome(OfflineCheck check, ProductionSource production, ReportResult report, Path summary) {
    }

    private ReplayAnalysis() {
    }

    /**
     * @param result            the finished (not stopped) replay, with the settings its sandbox jobs ran with
     * @param productionModels  the production model registry, when the archive has no forecasts for the window
     * @param reportDir         where the report and {@code replay.json} go
     */
    public static Outcome analyse(Replay.Result result, Optional<Path> productionModels, Path reportDir)
            throws IOException {
        ForecastSettings forecastSettings = result.forecastSettings();
        AssetTopology topology = result.topology();
        if (result.stopped()) {
            throw new IllegalArgumentException("the replay was stopped before its end; there is nothing to report");
        }
        ReplayRequest request = result.request();
        SandboxTopics topics = Topics.sandbox(request.sandbox());
        List<Forecast> sandbox = result.output(Topics.GRID_FORECASTS).values(topics.of(Topics.GRID_FORECASTS));
        List<ZoneLoad> streamed = result.output(Topics.GRID_ZONE_LOAD).values(topics.of(Topics.GRID_ZONE_LOAD));
        List<ZoneLoad> archived = ArchiveZoneLoads.compute(request, topology, Duration.ofHours(1));

        List<Forecast> offline;
        try (ModelRegistry registry = new ModelRegistry(forecastSettings.modelsPath(), forecastSettings.inference(),
                Duration.ZERO)) {
            offline = OfflineForecasts.run(registry, forecastSettings, archived);
        }
        OfflineCheck check = compare(sandbox, offline, streamed, archived);
        LOG.info("replay offline check sandbox={} identical={} sandboxForecasts={} offlineForecasts={} equal={}"
                + " missing={} extra={} maxAbsDifferenceMw={} zoneLoadsCompared={} maxZoneLoadDifferenceMw={}",
                request.sandbox(), check.identical(), check.sandboxForecasts(), check.offlineForecasts(),
                check.equal(), check.missing(), check.extra(), check.maxAbsDifferenceMw(), check.zoneLoadsCompared(),
                check.maxZoneLoadDifferenceMw());

        List<Forecast> production = archivedForecasts(request);
        ProductionSource source = ProductionSource.ARCHIVE;
        if (production.isEmpty() && productionModels.isPresent()) {
            try (ModelRegistry registry = new ModelRegistry(productionModels.get(), forecastSettings.inference(),
                    Duration.ZERO)) {
                production = OfflineForecasts.run(registry, forecastSettings, archived);
            }
            source = ProductionSource.OFFLINE_MODEL;
        } else if (production.isEmpty()) {
            source = ProductionSource.NONE;
        }
        List<Setpoint> shadow = result.output(Topics.GRID_SETPOINTS).values(topics.of(Topics.GRID_SETPOINTS));
        List<Setpoint> actual;
        try (Stream<Setpoint> s = ArchiveReader.of(request.archive(), ArchiveDataset.SETPOINTS)
                .read(ArchiveReader.Query.between(request.from(), request.to()).subjects(request.assets()))) {
            actual = s.toList();
        }
        ReportResult report = ReplayReport.builder()
                .title("Replay " + request.sandbox().value() + ": " + request.from() + " to " + request.to())
                .sandbox(request.sandbox())
                .window(request.from(), request.to())
                .actualLoad(actuals(archived, ArchiveZoneLoads.compute(request, topology, Duration.ofMinutes(5))))
                .candidate(ReplayReport.CANDIDATE, sandbox)
                .production(ReplayReport.PRODUCTION + switch (source) {
                    case ARCHIVE -> " (archived)";
                    case OFFLINE_MODEL -> " (offline)";
                    case NONE -> "";
                }, production)
                .shadowSetpoints(shadow)
                .actualSetpoints(actual)
                .build()
                .write(reportDir);
        Path summary = writeSummary(result, check, source, report, reportDir);
        return new Outcome(check, source, report, summary);
    }

    /** Hourly windows (day-ahead steps) and 5-minute ones (intraday steps), for the report's matching. */
    private static List<ZoneLoad> actuals(List<ZoneLoad> hourly, List<ZoneLoad> fiveMinute) {
        List<ZoneLoad> all = new ArrayList<>(hourly);
        all.addAll(fiveMinute);
        return all;
    }

    static OfflineCheck compare(List<Forecast> sandbox, List<Forecast> offline, List<ZoneLoad> streamed,
            List<ZoneLoad> archived) {
        Map<String, Forecast> byKey = new HashMap<>();
        offline.forEach(f -> byKey.put(key(f), f));
        int equal = 0;
        int extra = 0;
        double maxDiff = 0;
        Map<String, Boolean> matched = new HashMap<>();
        for (Forecast f : sandbox) {
            Forecast o = byKey.get(key(f));
            if (o == null) {
                extra++;
                continue;
            }
            matched.put(key(f), true);
            if (f.equals(o)) {
                equal++;
            } else {
                maxDiff = Math.max(maxDiff, difference(f, o));
            }
        }
        int missing = (int) offline.stream().filter(f -> !matched.containsKey(key(f))).count();
        Map<String, Double> archivedMw = new HashMap<>();
        archived.forEach(z -> archivedMw.put(z.zone().value() + "@" + z.windowStart(), z.activePowerMw()));
        int compared = 0;
        double maxLoadDiff = 0;
        for (ZoneLoad z : streamed) {
            if (!z.window().equals(Duration.ofHours(1))) {
                continue;
            }
            Double mw = archivedMw.get(z.zone().value() + "@" + z.windowStart());
            if (mw != null) {
                compared++;
                maxLoadDiff = Math.max(maxLoadDiff, Math.abs(mw - z.activePowerMw()));
            }
        }
        return new OfflineCheck(sandbox.size(), offline.size(), equal, missing, extra, maxDiff, compared,
                maxLoadDiff);
    }

    private static String key(Forecast f) {
        return f.zone().value() + "|" + f.issueTime() + "|" + f.step() + "|" + f.modelVersion();
    }

    private static double difference(Forecast a, Forecast b) {
        if (a.steps().size() != b.steps().size()) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.steps().size(); i++) {
            ForecastStep x = a.steps().get(i);
            ForecastStep y = b.steps().get(i);
            for (int k = 0; k < Math.min(x.values().size(), y.values().size()); k++) {
                max = Math.max(max, Math.abs(x.values().get(k) - y.values().get(k)));
            }
        }
        return max;
    }

    private static List<Forecast> archivedForecasts(ReplayRequest request) {
        ArchiveReader<Forecast> reader = ArchiveReader.of(request.archive(), ArchiveDataset.FORECASTS);
        if (reader.dates().isEmpty()) {
            return List.of();
        }
        try (Stream<Forecast> s = reader.read(ArchiveReader.Query.between(request.from(), request.to()))) {
            return new ArrayList<>(s.toList());
        }
    }

    private static Path writeSummary(Replay.Result result, OfflineCheck check, ProductionSource source,
            ReportResult report, Path dir) throws IOException {
        ReplayRequest r = result.request();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sandbox", r.sandbox().value());
        json.put("archive", r.archive().toString());
        json.put("from", r.from().toString());
        json.put("to", r.to().toString());
        json.put("assets", r.assets().stream().sorted().toList());
        json.put("speed", r.maxSpeed() ? "max" : r.speed());
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("records", result.sent().records());
        sent.put("first_event_time", String.valueOf(result.sent().firstEventTime()));
        sent.put("last_event_time", String.valueOf(result.sent().lastEventTime()));
        sent.put("wall_ms", result.sent().wall().toMillis());
        sent.put("records_per_second", Math.round(result.sent().recordsPerSecond()));
        json.put("sent", sent);
        json.put("replay_wall_ms", result.wall().toMillis());
        Map<String, Object> outputs = new LinkedHashMap<>();
        result.outputs().forEach((topic, contents) -> outputs.put(topic, Map.of("records", contents.count(),
                "sha256", contents.sha256())));
        json.put("outputs", outputs);
        json.put("offline_check", Map.of("identical", check.identical(), "sandbox_forecasts",
                check.sandboxForecasts(), "offline_forecasts", check.offlineForecasts(), "equal", check.equal(),
                "missing", check.missing(), "extra", check.extra(), "max_abs_difference_mw",
                check.maxAbsDifferenceMw(), "zone_loads_compared", check.zoneLoadsCompared(),
                "max_zone_load_difference_mw", check.maxZoneLoadDifferenceMw()));
        json.put("production_forecasts", source.name().toLowerCase(java.util.Locale.ROOT));
        json.put("report", Map.of("html", report.reportHtml().toString(), "csv", report.reportCsv().toString(),
                "markdown", report.reportMarkdown().toString(), "dispatch_csv", report.dispatchCsv().toString()));
        Files.createDirectories(dir);
        Path file = dir.resolve("replay.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        return file;
    }
}
