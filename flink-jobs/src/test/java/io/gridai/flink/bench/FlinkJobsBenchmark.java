package io.gridai.flink.bench;

import static org.awaitility.Awaitility.await;

import io.gridai.flink.GridStreamingJob;
import io.gridai.flink.PassThroughJob;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.io.GridTopics;
import io.gridai.flink.io.KafkaIo;
import io.gridai.kafka.ScratchKafkaBroker;
import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topic;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Throughput and latency of the streaming job, in one run on one machine (broker, Flink MiniCluster, producer and
 * consumer all in this JVM): not a test.
 *
 * <ol>
 * <li>Preloads {@code gridai.bench.records} readings of a twin-like grid (300 buses with voltage and angle, 300
 * loads, 200 branches, system frequency; a tick per second of event time) into a raw topic.</li>
 * <li>Runs the pass-through job, the job with cleaning only ({@code stages=clean}) and the full job (clean +
 * aggregates + zone load + alerts) over exactly those readings, bounded, same parallelism, exactly-once sinks;
 * records/s = readings / wall time of the job, start-up included. A pass-through run before them warms the JIT
 * and is not counted.</li>
 * <li>Runs the full job live while a producer sends {@code gridai.bench.rate} readings/s for
 * {@code gridai.bench.seconds} with event time = send time, 30 buses leaving their voltage band and coming back every
 * other second (30 buses at a time); measures alert time minus event time at the consumer, once with alerts at-least-once (visible at once) and
 * once exactly-once (visible at the next checkpoint, 1 s here).</li>
 * </ol>
 * Run: {@code ./mvnw -B -ntp -pl flink-jobs -am -Pbenchmark verify -DskipTests}.
 */
public final class FlinkJobsBenchmark {

    private static final SourceId SOURCE = SourceId.of("bench");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int BUSES = 300;
    private static final int LOADS = 300;
    private static final int BRANCHES = 200;
    private static final WireFormat<Measurement> FORMAT = WireFormat.of(Measurement.class);

    private FlinkJobsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.getLong("gridai.bench.records", 2_000_000);
        String rates = System.getProperty("gridai.bench.rates", "100000,5000"); // empty: no live runs
        int seconds = Integer.getInteger("gridai.bench.seconds", 30);
        int parallelism = Integer.getInteger("gridai.bench.parallelism", 2);
        // Each line is printed as soon as it is measured, so a run cut short still leaves its figures.
        List<String> report = new ArrayList<>() {
            @Override
            public boolean add(String line) {
                System.out.println("bench: " + line);
                return super.add(line);
            }
        };
        report.add(String.format(Locale.ROOT, "cores=%d parallelism=%d records=%d rates=%s/s seconds=%d java=%s",
                Runtime.getRuntime().availableProcessors(), parallelism, records, rates, seconds,
                System.getProperty("java.version")));
        try (ScratchKafkaBroker broker = ScratchKafkaBroker.start("gridai-flink-bench")) {
            String bootstrap = broker.bootstrapServers();
            GridTopics batch = create(bootstrap, "bench");
            long start = System.nanoTime();
            preload(bootstrap, batch.raw(), records);
            double preloadSeconds = (System.nanoTime() - start) / 1e9;
            report.add(String.format(Locale.ROOT, "preload: %d readings in %.1f s (%.0f/s)", records, preloadSeconds,
                    records / preloadSeconds));

            // The first job in a JVM runs with cold JIT-compiled code (Kafka client, Flink runtime, Avro): a run that
            // is not reported keeps that handicap off the pass-through yardstick.
            double warmUp = bounded(bootstrap, batch, parallelism, Bounded.PASS_THROUGH, records);
            report.add(String.format(Locale.ROOT, "warm-up (pass-through, not counted): %.0f records/s", warmUp));
            double pass = bounded(bootstrap, batch, parallelism, Bounded.PASS_THROUGH, records);
            report.add(String.format(Locale.ROOT, "pass-through (raw -> clean, exactly-once): %.0f records/s", pass));
            double cleanOnly = bounded(bootstrap, batch, parallelism, Bounded.CLEAN_ONLY, records);
            report.add(String.format(Locale.ROOT, "(a) cleaning only (stages=clean: late, duplicates, range, gaps,"
                    + " stuck -> telemetry.clean + telemetry.late, exactly-once): %.0f records/s", cleanOnly));
            double full = bounded(bootstrap, batch, parallelism, Bounded.FULL, records);
            report.add(String.format(Locale.ROOT, "(b) full job (clean + aggregates + zone load + alerts,"
                    + " exactly-once): %.0f records/s", full));
            report.add(String.format(Locale.ROOT, "ratio (a) cleaning only / pass-through: %.2f", cleanOnly / pass));
            report.add(String.format(Locale.ROOT, "ratio (b) full job / pass-through: %.2f", full / pass));

            for (String rateText : rates.isBlank() ? new String[0] : rates.split(",")) {
                int rate = Integer.parseInt(rateText.strip());
                report.add(live(bootstrap, create(bootstrap, "live-alo-" + rate), parallelism, rate, seconds, false));
                report.add(live(bootstrap, create(bootstrap, "live-eo-" + rate), parallelism, rate, seconds, true));
            }
        }
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "flink-benchmark.txt");
        Files.write(out, report, StandardCharsets.UTF_8);
        System.out.println("==== flink-jobs benchmark (" + out + ")");
        report.forEach(System.out::println);
        System.exit(0); // local MiniClusters of cancelled jobs leave non-daemon threads behind
    }

    static Properties settings(String namespace, int parallelism) {
        Properties p = new Properties();
        p.setProperty("parallelism", Integer.toString(parallelism));
        p.setProperty("kafka.transactional-id-prefix", namespace + "-" + System.nanoTime());
        p.setProperty("kafka.group-id", namespace + "-" + System.nanoTime());
        // Dedup and window state outgrow the job manager's 5 MB in-memory checkpoint limit: checkpoint to files.
        p.setProperty("checkpoint.dir", Path.of(System.getProperty("java.io.tmpdir"), "bench-checkpoints").toUri().toString());
        return p;
    }

    /** The bounded runs over the preloaded readings. */
    enum Bounded {
        PASS_THROUGH, CLEAN_ONLY, FULL
    }

    static double bounded(String bootstrap, GridTopics topics, int parallelism, Bounded run, long records)
            throws Exception {
        Properties p = settings("bench", parallelism);
        if (run == Bounded.CLEAN_ONLY) {
            p.setProperty("stages", "clean");
        }
        JobSettings settings = JobSettings.from(p);
        StreamExecutionEnvironment env = GridStreamingJob.environment(settings, cluster(parallelism));
        KafkaIo kafka = new KafkaIo(bootstrap, settings, true);
        if (run == Bounded.PASS_THROUGH) {
            new PassThroughJob(topics, kafka).addTo(env);
        } else {
            new GridStreamingJob(settings, topics, kafka, Optional.empty()).addTo(env);
        }
        long start = System.nanoTime();
        env.execute("bench-" + run.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return records / ((System.nanoTime() - start) / 1e9);
    }

    static Configuration cluster(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        return conf;
    }

    private static String live(String bootstrap, GridTopics topics, int parallelism, int rate, int seconds,
            boolean exactlyOnce) throws Exception {
        Properties p = settings(topics.raw().name().split("\\.")[0], parallelism);
        p.setProperty("kafka.alerts.delivery", exactlyOnce ? "exactly-once" : "at-least-once");
        p.setProperty("checkpoint.interval", exactlyOnce ? "PT1S" : "PT10S");
        p.setProperty("watermark.out-of-orderness", "PT1S");
        JobSettings settings = JobSettings.from(p);
        StreamExecutionEnvironment env = GridStreamingJob.environment(settings, cluster(parallelism));
        new GridStreamingJob(settings, topics, new KafkaIo(bootstrap, settings, false), Optional.empty()).addTo(env);
        JobClient job = env.executeAsync("bench-live");

        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        long warmUpUntil = System.currentTimeMillis() + 5_000;
        Thread consumer = new Thread(() -> consumeAlerts(bootstrap, topics.alerts(), exactlyOnce, running,
                warmUpUntil, latenciesMicros), "bench-alert-consumer");
        consumer.start();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        produceLive(bootstrap, topics.raw(), rate, seconds, sent);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        // The last alerts of the paced run are still on their way (exactly-once ones wait for a checkpoint): drain
        // until none arrived for a while, at most 15 s.
        Duration quiet = Duration.ofMillis(exactlyOnce ? 2_500 : 1_000);
        AtomicInteger lastCount = new AtomicInteger(-1);
        AtomicLong lastChange = new AtomicLong(System.nanoTime());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            int now = latenciesMicros.size();
            if (lastCount.getAndSet(now) != now) {
                lastChange.set(System.nanoTime());
            }
            return System.nanoTime() - lastChange.get() >= quiet.toNanos();
        });
        running.set(false);
        consumer.join();
        job.cancel().get();

        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        String mode = exactlyOnce ? "exactly-once alerts, checkpoint 1 s" : "at-least-once alerts";
        if (sorted.isEmpty()) {
            return "live (" + mode + ", target " + rate + "/s): no alerts arrived";
        }
        return String.format(Locale.ROOT, "live (%s, target %d/s): sent %.0f readings/s for %.1f s; %d alerts after warm-up;"
                + " event -> alert p50 %.1f ms, p99 %.1f ms, max %.1f ms", mode, rate, sent.get() / sendSeconds, sendSeconds,
                sorted.size(), percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3,
                sorted.get(sorted.size() - 1) / 1e3);
    }

    private static double percentile(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static void consumeAlerts(String bootstrap, Topic<AssetId, Alert> topic, boolean readCommitted,
            AtomicBoolean running, long warmUpUntil, List<Long> latenciesMicros) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "bench-alerts-" + System.nanoTime());
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", readCommitted ? "read_committed" : "read_uncommitted");
        props.put("fetch.max.wait.ms", "5");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic.name()));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    Instant now = Instant.now();
                    Alert alert = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                    if (alert.state() == AlertState.RAISED && now.toEpochMilli() > warmUpUntil) {
                        latenciesMicros.add(Duration.between(alert.time(), now).toNanos() / 1_000);
                    }
                }
            }
        }
    }

    /**
     * Paced by wall time in 10 ms slices; event time = now. In every even second a tenth of the buses (30) are at
     * 1.07 p.u., back inside the band the next second: 30 raises and 30 clears every two seconds.
     */
    private static void produceLive(String bootstrap, Topic<AssetId, Measurement> raw, int rate, int seconds,
            AtomicLong sent) throws InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            long perSlice = Math.max(1, rate / 100);
            long startMillis = System.currentTimeMillis();
            long series = 0;
            for (long slice = 0; slice < seconds * 100L; slice++) {
                long due = startMillis + slice * 10;
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait); // pacing the load generator, not waiting for a result
                }
                Instant now = Instant.now();
                long second = (System.currentTimeMillis() - startMillis) / 1000;
                for (long i = 0; i < perSlice; i++, series++) {
                    Measurement m = reading(series, now, second);
                    producer.send(new ProducerRecord<>(raw.name(), m.asset().value().getBytes(StandardCharsets.UTF_8),
                            FORMAT.encode(m)));
                }
                sent.addAndGet(perSlice);
            }
            producer.flush();
        }
    }

    private static Measurement reading(long series, Instant time, long excursionSecond) {
        int n = (int) (series % (BUSES * 2 + LOADS + BRANCHES + 1));
        if (n < BUSES * 2) {
            int bus = n / 2;
            String asset = "bus-" + (100 * (1 + bus / 100) + bus % 100);
            if (n % 2 == 0) {
                boolean out = excursionSecond >= 0 && excursionSecond % 2 == 0 && bus % 10 == (excursionSecond / 2) % 10;
                double v = out ? 1.07 : 1.0 + (series % 13) / 1000.0;
                return measurement(asset, MeasurementKind.VOLTAGE_PU, v, time, series);
            }
            return measurement(asset, MeasurementKind.VOLTAGE_ANGLE, (series % 360) / 4.0, time, series);
        }
        n -= BUSES * 2;
        if (n < LOADS) {
            return measurement("load-" + (100 * (1 + n / 100) + n % 100), MeasurementKind.ACTIVE_POWER,
                    -(20 + (series % 50) / 10.0), time, series);
        }
        n -= LOADS;
        if (n < BRANCHES) {
            return measurement("branch-" + n, MeasurementKind.BRANCH_LOADING, 40 + (series % 30), time, series);
        }
        return measurement("system", MeasurementKind.FREQUENCY, 60 + ((series % 21) - 10) / 1000.0, time, series);
    }

    private static Measurement measurement(String asset, MeasurementKind kind, double value, Instant time, long series) {
        // The nanosecond part keeps ids distinct when two readings of a series share a millisecond.
        Instant t = time.plusNanos(series % 1_000_000);
        return Measurement.of(SOURCE, AssetId.of(asset), kind, value, kind.unit(), t, t);
    }

    static void preload(String bootstrap, Topic<AssetId, Measurement> raw, long records) {
        int perTick = BUSES * 2 + LOADS + BRANCHES + 1;
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (long i = 0; i < records; i++) {
                Instant t = T0.plusSeconds(i / perTick);
                Measurement m = reading(i, t, -1);
                producer.send(new ProducerRecord<>(raw.name(), m.asset().value().getBytes(StandardCharsets.UTF_8),
                        FORMAT.encode(m)));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        // A load generator: acks=1 without idempotence. Idempotent, a first batch refused with NOT_LEADER_OR_FOLLOWER
        // right after topic creation was retried into OUT_OF_ORDER_SEQUENCE_NUMBER forever.
        props.put("acks", "1");
        props.put("enable.idempotence", "false");
        props.put("linger.ms", "5");
        props.put("batch.size", Integer.toString(256 * 1024));
        props.put("compression.type", "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static GridTopics create(String bootstrap, String namespace) throws Exception {
        GridTopics topics = GridTopics.registry().inNamespace(namespace);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> created = new ArrayList<>();
            for (Topic<?, ?> topic : topics.all()) {
                created.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()));
            }
            admin.createTopics(created).all().get();
        }
        return topics;
    }
}
