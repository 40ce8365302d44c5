package io.gridai.replay.bench;

import io.gridai.archive.ArchiveReader;
import io.gridai.archive.ArchiveWriter;
import io.gridai.archive.importer.ImportListener;
import io.gridai.archive.importer.ImportSummary;
import io.gridai.archive.importer.TelemetryImport;
import io.gridai.flink.config.AssetTopology;
import io.gridai.inference.fit.ModelFitter;
import io.gridai.inference.fit.ZoneModelTraining;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.registry.ModelRegistry;
import io.gridai.inference.series.HourlySeries;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.inference.train.TrainingOptions;
import io.gridai.kafka.ScratchKafkaBroker;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SourceId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.SandboxTopics;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.replay.ArchiveHistory;
import io.gridai.replay.ArchiveReplayer;
import io.gridai.replay.Replay;
import io.gridai.replay.ReplayControl;
import io.gridai.replay.ReplayRequest;
import io.gridai.replay.SandboxKafka;
import io.gridai.replay.SandboxPipeline;
import io.gridai.sim.series.RtsGmlcSeries;
import io.gridai.sim.series.SharedData;
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
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Not a test: replay throughput on one embedded Kafka broker, side by side for windows of 1, 4 and 12 weeks of the
 * RTS-GMLC year (imported from the shared data set; a synthetic archive of the same shape when it is absent, said in
 * the output):
 * <ol>
 *   <li>raw: a plain producer ({@link ArchiveReplayer#producer}, the replay's configs) sending the window's records,
 *       read from the archive and serialised beforehand into memory, to a fresh one-partition topic — the ceiling;</li>
 *   <li>replayer: {@link ArchiveReplayer} alone at maximum speed into a sandbox's {@code telemetry.raw} (archive read,
 *       serialisation and send);</li>
 *   <li>full: a {@link Replay} at maximum speed, sandbox jobs run until drained and result topics read back (the
 *       analysis not included): records over the replay's whole wall time, and the replayer's own rate in it.</li>
 * </ol>
 * Raw and replayer run twice per window (the first run includes JIT warm-up); the full replay once. Prints a Markdown
 * table. Run: {@code ./mvnw -o -B -ntp -pl replay -Pbenchmark verify -DskipTests}.
 */
public final class ReplayBenchmark {

    static final Instant FROM = Instant.parse("2020-07-06T00:00:00Z");
    static final Instant TRAIN_FROM = FROM.minus(Duration.ofDays(70));
    static final List<Integer> WEEKS = List.of(1, 4, 12);
    static final List<ZoneId> ZONES = List.of(ZoneId.of("zone-1"), ZoneId.of("zone-2"), ZoneId.of("zone-3"));

    private ReplayBenchmark() {
    }

    record Row(String window, long records, String stage, double run1, double run2, String note) {
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("gridai-replay-bench");
        Path archive = tmp.resolve("archive");
        String data = importArchive(archive);
        System.out.println("archive: " + data);

        Properties jobs = new Properties();
        jobs.setProperty("checkpoint.interval", "PT0.5S");
        jobs.setProperty("forecast.checkpoint.interval", "PT0.5S");
        AssetTopology topology = new SandboxPipeline(Topics.sandbox("bench"), jobs, tmp, tmp).jobSettings()
                .topology();
        Path models = train(archive, topology, tmp.resolve("models"));

        List<Row> rows = new ArrayList<>();
        try (ScratchKafkaBroker kafka = ScratchKafkaBroker.start("gridai-replay-bench-kafka")) {
            String bootstrap = kafka.bootstrapServers();
            for (int weeks : WEEKS) {
                Instant to = FROM.plus(Duration.ofDays(7L * weeks));
                String window = weeks + (weeks == 1 ? " week" : " weeks");
                double[] raw = new double[2];
                double[] replayer = new double[2];
                long records = 0;
                for (int run = 0; run < 2; run++) {
                    List<ProducerRecord<byte[], byte[]>> inMemory = preRead(archive, FROM, to,
                            "bench-raw-" + weeks + "w-" + run);
                    records = inMemory.size();
                    raw[run] = raw(bootstrap, inMemory);
                    replayer[run] = replayerAlone(bootstrap, archive, FROM, to, "bench-" + weeks + "w-" + run);
                }
                ReplayRequest request = new ReplayRequest(archive, SandboxId.of("bench-full-" + weeks + "w"), FROM,
                        to, Set.of(), ReplayRequest.MAX_SPEED);
                Replay.Result full = new Replay(bootstrap, jobs, models,
                        Files.createTempDirectory(tmp, "work-"), Duration.ofMinutes(5))
                        .run(request, new ReplayControl(), p -> { });
                double fullRate = full.sent().records() / (full.wall().toNanos() / 1e9);
                long forecasts = full.output(Topics.GRID_FORECASTS).count();
                rows.add(new Row(window, records, "(a) raw KafkaProducer, pre-read records", raw[0], raw[1], ""));
                rows.add(new Row(window, records, "(b) ArchiveReplayer alone", replayer[0], replayer[1], ""));
                rows.add(new Row(window, full.sent().records(), "(c) full Replay, whole wall time", fullRate,
                        Double.NaN, String.format(Locale.ROOT, "wall %.1f s, %d forecasts", full.wall().toNanos()
                                / 1e9, forecasts)));
                rows.add(new Row(window, full.sent().records(), "(c) full Replay, its replayer's rate",
                        full.sent().recordsPerSecond(), Double.NaN, String.format(Locale.ROOT, "sending took %.1f s",
                                full.sent().wall().toNanos() / 1e9)));
                System.out.printf(Locale.ROOT, "%s done: raw %.0f/%.0f, replayer %.0f/%.0f, full %.0f records/s%n",
                        window, raw[0], raw[1], replayer[0], replayer[1], fullRate);
            }
        }
        System.out.println();
        System.out.println("archive: " + data + "; " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version"));
        System.out.println();
        System.out.println("| window | records | stage | records/s (run 1) | records/s (run 2) | note |");
        System.out.println("| --- | ---: | --- | ---: | ---: | --- |");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.0f | %s | %s |%n", r.window(), r.records(), r.stage(),
                    r.run1(), Double.isNaN(r.run2()) ? "" : String.format(Locale.ROOT, "%.0f", r.run2()), r.note());
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The RTS-GMLC year from the shared data set, or a synthetic one like it; says which. */
    private static String importArchive(Path archive) throws Exception {
        Optional<Path> timeseries = SharedData.locate().map(d -> d.resolve("rts-gmlc/timeseries"))
                .filter(Files::isDirectory);
        if (timeseries.isPresent()) {
            List<Path> files = RtsGmlcSeries.REAL_TIME_LOAD_FILES.values().stream().map(timeseries.get()::resolve)
                    .toList();
            ImportSummary s = TelemetryImport.run(archive, TelemetryImport.Format.RTS_GMLC, files,
                    TelemetryImport.Settings.of(SourceId.of("rts-gmlc")), ImportListener.none());
            return String.format(Locale.ROOT, "RTS-GMLC 2020 real-time regional load from %s: %d records imported in"
                    + " %.1f s", timeseries.get(), s.recordsWritten(), s.elapsed().toNanos() / 1e9);
        }
        // No shared data: the same shape (3 load assets, 5-minute values, MW, generator sign) made up here.
        Instant start = TRAIN_FROM;
        Instant end = FROM.plus(Duration.ofDays(7L * WEEKS.get(WEEKS.size() - 1)));
        long n = 0;
        try (ArchiveWriter<Measurement> writer = ArchiveWriter.open(archive, ArchiveDataset.TELEMETRY)) {
            for (Instant t = start; t.isBefore(end); t = t.plusSeconds(300)) {
                double hour = (t.getEpochSecond() % 86_400) / 3600.0;
                for (int zone = 1; zone <= 3; zone++) {
                    double mw = 1500 + 400 * zone + 600 * Math.sin(Math.PI * (hour - 6) / 12);
                    writer.write(Measurement.of(SourceId.of("rts-gmlc"), AssetId.of("load-zone-" + zone),
                            MeasurementKind.ACTIVE_POWER, -Math.round(mw * 16) / 16.0, Unit.MEGAWATT, t, t));
                    n++;
                }
            }
        }
        return "SYNTHETIC (the shared data set with rts-gmlc/timeseries is absent): " + n + " records, 3 zones, "
                + start + " .. " + end;
    }

    /** Small day-ahead and intraday models per zone on the 10 weeks before the replayed windows. */
    private static Path train(Path archive, AssetTopology topology, Path models) throws Exception {
        Files.createDirectories(models);
        Map<ZoneId, HourlySeries> history = ArchiveHistory.hourlyConsumption(archive, topology, TRAIN_FROM, FROM);
        TrainingOptions options = TrainingOptions.defaults().withRounds(20).withEta(0.2).withThreads(2)
                .withEarlyStoppingRounds(0);
        try (ModelRegistry registry = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO)) {
            for (ZoneId zone : ZONES) {
                ZoneModelTraining training = new ZoneModelTraining(history.get(zone), null, ZoneOffset.UTC, "",
                        LocalTime.of(10, 0), 6, FROM, options);
                for (ModelMetadata.Horizon horizon : ModelMetadata.Horizon.values()) {
                    try (ModelFitter.Fitted fitted = horizon == ModelMetadata.Horizon.DAY_AHEAD
                            ? training.dayAhead(l -> { }) : training.intraday(l -> { })) {
                        registry.activate(zone, horizon, registry.publish(zone, fitted.onnx()).version());
                    }
                }
            }
        }
        return models;
    }

    /** The window's records as the replayer would send them (key, value, timestamp), serialised in memory. */
    private static List<ProducerRecord<byte[], byte[]>> preRead(Path archive, Instant from, Instant to, String topic) {
        Topic<AssetId, Measurement> shape = Topics.TELEMETRY_RAW;
        Serializer<AssetId> keys = shape.keySerde().serializer();
        Serializer<Measurement> values = shape.valueSerde().serializer();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (Stream<Measurement> s = ArchiveReader.of(archive, ArchiveDataset.TELEMETRY)
                .read(ArchiveReader.Query.between(from, to))) {
            s.forEach(m -> records.add(new ProducerRecord<>(topic, null, m.eventTime().toEpochMilli(),
                    keys.serialize(topic, m.asset()), values.serialize(topic, m))));
        }
        return records;
    }

    /** (a): records/s of a plain producer sending the pre-read records to their fresh topic, until all are acked. */
    private static double raw(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        String topic = records.get(0).topic();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
            // Until the partition has a leader: a send into a topic made a moment ago can be refused
            // (NOT_LEADER_OR_FOLLOWER), after which the idempotent producer was seen stuck on
            // OUT_OF_ORDER_SEQUENCE_NUMBER (see the README's Figures). The list-offsets call waits for the leader.
            awaitLeader(admin, topic);
        }
        try (Producer<byte[], byte[]> producer = ArchiveReplayer.producer(bootstrap, "bench-raw")) {
            long start = System.nanoTime();
            Future<?> last = null;
            for (ProducerRecord<byte[], byte[]> r : records) {
                last = producer.send(r);
            }
            producer.flush();
            last.get();
            return records.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Polls until partition 0 of a topic made a moment ago answers a list-offsets request (it has a leader). */
    private static void awaitLeader(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest())).all().get();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50); // polling the broker for a leader (a benchmark, not a test)
            }
        }
    }

    /** (b): the replayer's own rate into a fresh sandbox's telemetry.raw. */
    private static double replayerAlone(String bootstrap, Path archive, Instant from, Instant to, String sandbox)
            throws Exception {
        ReplayRequest request = new ReplayRequest(archive, SandboxId.of(sandbox), from, to, Set.of(),
                ReplayRequest.MAX_SPEED);
        SandboxTopics topics = Topics.sandbox(request.sandbox());
        try (SandboxKafka kafka = new SandboxKafka(bootstrap, topics, Duration.ofMinutes(1))) {
            kafka.recreateTopics();
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            awaitLeader(admin, topics.of(Topics.TELEMETRY_RAW).name()); // as in raw()
        }
        try (Producer<byte[], byte[]> producer = ArchiveReplayer.producer(bootstrap, "bench-replayer")) {
            return new ArchiveReplayer(request, topics.of(Topics.TELEMETRY_RAW), new ReplayControl())
                    .run(producer, progress -> { }).recordsPerSecond();
        }
    }
}
