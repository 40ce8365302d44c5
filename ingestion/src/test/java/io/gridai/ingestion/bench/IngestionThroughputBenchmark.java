package io.gridai.ingestion.bench;

import io.gridai.kafka.ScratchKafkaBroker;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load generator, not a test. One real broker (embedded in this JVM), the packaged ingestion service as its own
 * process, and, in one run, the same points written three ways, each measured as points/s until Kafka
 * acknowledged the last of them:
 * <ol>
 *   <li><b>raw producer</b>: a plain KafkaProducer writes the points as {@code Measurement} records to the raw
 *   telemetry topic, with the producer settings ingestion uses (acks=all, idempotent, same linger and batch);</li>
 *   <li><b>HTTP</b>: the same points as JSON batches of {@code gridai.bench.batch} records, POSTed by
 *   {@code gridai.bench.clients} concurrent clients, each waiting for its 200 — once with the full per-record
 *   report, once with {@code ?report=refusals};</li>
 *   <li><b>Kafka-direct</b>: the same points as JSON-array records of a batch each on the source's inbound topic;
 *   timed from the first send until ingestion has committed the inbound offsets (everything re-published and
 *   acknowledged).</li>
 * </ol>
 * Each way runs {@code gridai.bench.rounds} times on fresh ids after {@code gridai.bench.warmups} warm-up rounds
 * (the JIT needs them); the best round and the median are printed. Run: {@code ./mvnw -B -ntp -pl ingestion -am -Pbenchmark verify -DskipTests}.
 */
public final class IngestionThroughputBenchmark {

    private static final SourceId SOURCE = SourceId.of("bench-utility");
    private static final String API_KEY = "bench-key-0123456789abcdef";
    private static final String GROUP = "gridai-ingestion";

    private final int points = Integer.getInteger("gridai.bench.points", 500_000);
    private final int batch = Integer.getInteger("gridai.bench.batch", 5_000);
    private final int clients = Integer.getInteger("gridai.bench.clients", 4);
    private final int rounds = Integer.getInteger("gridai.bench.rounds", 3);
    private final int warmups = Integer.getInteger("gridai.bench.warmups", 2);
    private final Map<String, String> producerTuning = producerTuning();
    private final Instant base = Instant.now().minus(Duration.ofHours(1));
    private int run;

    public static void main(String[] args) throws Exception {
        new IngestionThroughputBenchmark().benchmark(Path.of(args.length > 0 ? args[0] : "target"));
    }

    private void benchmark(Path target) throws Exception {
        Path app = target.resolve("quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing; the benchmark profile runs after `package`");
        }
        try (ScratchKafkaBroker broker = ScratchKafkaBroker.start("bench-ingestion-kafka");
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers()))) {
            int port = freePort();
            Process service = startService(app, target, broker.bootstrapServers(), port);
            try {
                awaitReady(port, admin);
                System.out.printf(Locale.ROOT, "points=%d batch=%d clients=%d warmups=%d rounds=%d producer=%s"
                        + " cores=%d%n", points, batch, clients, warmups, rounds, producerTuning,
                        Runtime.getRuntime().availableProcessors());
                List<Double> raw = new ArrayList<>();
                List<Double> http = new ArrayList<>();
                List<Double> httpRefusals = new ArrayList<>();
                List<Double> direct = new ArrayList<>();
                for (int round = 1 - warmups; round <= rounds; round++) {
                    double r = rawProducer(broker.bootstrapServers());
                    double h = http(port, "");
                    double hr = http(port, "?report=refusals");
                    double d = kafkaDirect(broker.bootstrapServers(), admin);
                    System.out.printf(Locale.ROOT, "%s round=%d raw_points_per_s=%.0f http_points_per_s=%.0f"
                            + " http_report_refusals_points_per_s=%.0f kafka_direct_points_per_s=%.0f%n",
                            round <= 0 ? "warm-up" : "measured", round, r, h, hr, d);
                    if (round > 0) {
                        raw.add(r);
                        http.add(h);
                        httpRefusals.add(hr);
                        direct.add(d);
                    }
                }
                System.out.println("path,best_points_per_s,median_points_per_s,ratio_to_raw_median");
                double rawMedian = median(raw);
                print("raw-producer", raw, rawMedian);
                print("http", http, rawMedian);
                print("http-report-refusals", httpRefusals, rawMedian);
                print("kafka-direct", direct, rawMedian);
            } finally {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The producer settings both ingestion and the raw producer use: {@code gridai.bench.kafka.<key>=value}. */
    private static Map<String, String> producerTuning() {
        Map<String, String> tuning = new HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("gridai.bench.kafka."))
                .forEach(k -> tuning.put(k.substring("gridai.bench.kafka.".length()), System.getProperty(k)));
        return tuning;
    }

    private double rawProducer(String bootstrap) throws Exception {
        int round = run++;
        List<Measurement> measurements = new ArrayList<>(points);
        Instant now = Instant.now();
        for (int i = 0; i < points; i++) {
            measurements.add(new Measurement(MeasurementId.of(SOURCE + "/raw-" + round + "-" + i), SOURCE,
                    AssetId.of("gen-" + (i % 1000)), MeasurementKind.ACTIVE_POWER, i % 500, Set.of(),
                    base.plusMillis(i), now));
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putAll(producerTuning);
        Topic<AssetId, Measurement> topic = Topics.TELEMETRY_RAW;
        Serializer<AssetId> keys = topic.keySerde().serializer();
        Serializer<Measurement> values = topic.valueSerde().serializer();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor(topic.name());
            long started = System.nanoTime();
            // Like ingestion: a batch is sent, then its acknowledgements are awaited; clients batches in flight.
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    int from;
                    while ((from = next.getAndAdd(batch)) < points) {
                        List<Future<RecordMetadata>> pending = new ArrayList<>(batch);
                        for (int i = from; i < Math.min(points, from + batch); i++) {
                            Measurement m = measurements.get(i);
                            pending.add(producer.send(new ProducerRecord<>(topic.name(),
                                    keys.serialize(topic.name(), m.asset()), values.serialize(topic.name(), m))));
                        }
                        for (Future<RecordMetadata> f : pending) {
                            f.get();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            return points / ((System.nanoTime() - started) / 1e9);
        }
    }

    private double http(int port, String query) throws Exception {
        int round = run++;
        List<byte[]> bodies = jsonBatches("http-" + round);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/measurements" + query);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size()) {
                    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json").header("X-Api-Key", API_KEY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    // The counts come first in the report: check them without decoding the per-record results.
                    String head = new String(response.body(), 0, Math.min(300, response.body().length),
                            StandardCharsets.UTF_8);
                    if (response.statusCode() != 200 || !head.contains("\"refused\":0")) {
                        throw new IllegalStateException("batch " + i + " answered " + response.statusCode() + ": "
                                + head);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double rate = points / ((System.nanoTime() - started) / 1e9);
        pool.shutdown();
        return rate;
    }

    private double kafkaDirect(String bootstrap, Admin admin) throws Exception {
        int round = run++;
        List<byte[]> bodies = jsonBatches("direct-" + round);
        Topic<String, byte[]> inbound = Topics.sourceInbound(SOURCE);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        try (KafkaProducer<String, byte[]> utility = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            utility.partitionsFor(inbound.name());
            long started = System.nanoTime();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                sent.add(utility.send(new ProducerRecord<>(inbound.name(), "batch-" + i, bodies.get(i))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
            awaitCommitted(admin, inbound);
            return points / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** Until ingestion's group has committed every partition of the inbound topic up to its end. */
    private static void awaitCommitted(Admin admin, Topic<?, ?> topic) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < topic.partitions(); p++) {
            partitions.add(new TopicPartition(topic.name(), p));
        }
        Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            if (ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || (committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue()))) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling an external process's progress, not a test
        }
        throw new IllegalStateException("ingestion did not commit the inbound topic within 5 minutes");
    }

    private List<byte[]> jsonBatches(String prefix) {
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < points; from += batch) {
            StringBuilder body = new StringBuilder(batch * 120).append('[');
            for (int i = from; i < Math.min(points, from + batch); i++) {
                if (i > from) {
                    body.append(',');
                }
                body.append("{\"asset\":\"gen-").append(i % 1000).append("\",\"kind\":\"ACTIVE_POWER\",\"value\":")
                        .append(i % 500).append(",\"unit\":\"MW\",\"time\":\"").append(base.plusMillis(i))
                        .append("\",\"id\":\"").append(prefix).append('-').append(i).append("\"}");
            }
            bodies.add(body.append(']').toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private Process startService(Path app, Path target, String bootstrap, int port) throws IOException {
        Path config = target.resolve("bench-ingestion.properties");
        StringBuilder props = new StringBuilder()
                .append("gridai.ingestion.sources.").append(SOURCE).append(".utility=Benchmark Grid Co\n")
                .append("gridai.ingestion.sources.").append(SOURCE).append(".api-key=").append(API_KEY).append('\n')
                .append("gridai.ingestion.sources.").append(SOURCE).append(".allowed-assets=*\n")
                .append("gridai.ingestion.sources.").append(SOURCE).append(".allowed-kinds=ACTIVE_POWER\n")
                .append("gridai.ingestion.sources.").append(SOURCE).append(".kafka-direct=true\n")
                .append("gridai.ingestion.http.max-in-flight-per-source=").append(clients).append('\n')
                .append("gridai.ingestion.dedup.window-size=").append(points).append('\n')
                .append("gridai.ingestion.kafka-direct.max-poll-records=").append(Math.max(1, 50_000 / batch))
                .append('\n')
                .append("quarkus.log.console.json.enabled=false\n");
        producerTuning.forEach((k, v) -> props.append("kafka.").append(k).append('=').append(v).append('\n'));
        Files.writeString(config, props);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        String options = System.getProperty("gridai.bench.service-jvm-options", "");
        if (!options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", app.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(target.resolve("bench-ingestion-service.log").toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_CONFIG_LOCATIONS", config.toAbsolutePath().toString());
        return builder.start();
    }

    private static void awaitReady(int port, Admin admin) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        && admin.listTopics().names().get().contains(Topics.sourceInbound(SOURCE).name())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling an external process's start, not a test
        }
        throw new IllegalStateException("ingestion was not ready within 60 s; see target/bench-ingestion-service.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void print(String path, List<Double> rates, double rawMedian) {
        double median = median(rates);
        System.out.printf(Locale.ROOT, "%s,%.0f,%.0f,%.2f%n", path, rates.stream().mapToDouble(d -> d).max()
                .orElse(0), median, median / rawMedian);
    }
}
