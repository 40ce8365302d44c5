package io.gridai.flink.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.flink.GridStreamingJob;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.io.GridTopics;
import io.gridai.flink.io.KafkaIo;
import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topic;
import io.gridai.model.unit.MeasurementKind;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming job continues the trace a raw record carries: on a MiniCluster against the real broker, with an
 * in-memory span exporter installed in this JVM, readings sent with the {@code traceparent} of an "ingest" span come
 * out of the job as a {@code "<raw topic> process"} span that is that span's child, and the clean readings and the
 * alert they raise carry the job span's context in their headers. Readings sent without context come out without.
 */
@WithKafkaBroker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingJobTracingTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SourceId SOURCE = SourceId.of("scada-test");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private GridTopics topics;
    private String bootstrap;
    private JobClient job;
    private SpanContext ingest;

    @BeforeAll
    void runTheJob(@BootstrapServers String bootstrap) throws Exception {
        JobTracing.install(sdk);
        this.bootstrap = bootstrap;
        topics = GridTopics.registry().inNamespace("traced");
        createTopics();

        Span batch = sdk.getTracer("test-ingestion").spanBuilder("ingest batch").startSpan();
        ingest = batch.getSpanContext();
        batch.end();
        List<String> traceHeader = new ArrayList<>();
        sdk.getPropagators().getTextMapPropagator().inject(Context.root().with(batch), traceHeader,
                (carrier, name, value) -> carrier.add(name + "=" + value));
        String traceparent = traceHeader.stream().filter(h -> h.startsWith("traceparent=")).findFirst().orElseThrow()
                .substring("traceparent=".length());

        // bus-201 goes above the 1.05 p.u. band at t=3 s and back at 4.5 s: one alert raised, one cleared; those two
        // readings come with the ingest span's context, the rest without.
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int tick = 0; tick < 60; tick++) {
                Instant t = T0.plusMillis(100L * tick);
                double pu = tick >= 30 && tick < 45 ? 1.0625 : 1.0;
                boolean traced = tick == 30 || tick == 45;
                send(producer, reading("bus-201", MeasurementKind.VOLTAGE_PU, pu, t), traced ? traceparent : null);
                send(producer, reading("bus-101", MeasurementKind.VOLTAGE_PU, 1.0, t), null);
            }
            producer.flush();
        }
        Properties settings = new Properties();
        settings.setProperty("kafka.group-id", "traced");
        settings.setProperty("kafka.transactional-id-prefix", "traced");
        settings.setProperty("kafka.transaction.timeout", "PT1M");
        settings.setProperty("parallelism", "2");
        settings.setProperty("checkpoint.interval", "PT0.5S");
        settings.setProperty("stages", "clean,alerts");
        JobSettings jobSettings = JobSettings.from(settings);
        StreamExecutionEnvironment env = GridStreamingJob.environment(jobSettings, new Configuration());
        new GridStreamingJob(jobSettings, topics, new KafkaIo(bootstrap, jobSettings, false), Optional.empty())
                .addTo(env);
        job = env.executeAsync("gridai-streaming-traced");
    }

    @AfterAll
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        JobTracing.install(null);
        sdk.close();
    }

    @Test
    void theJobsSpanIsAChildOfTheIngestSpanAndTheCleanReadingsCarryIt() {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(committed(topics.clean())).filteredOn(r -> r.asset.equals("bus-201")).hasSize(60));
        List<Traced> clean = committed(topics.clean());

        List<SpanData> jobSpans = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(ContinueTrace.spanName(topics.raw().name()))).toList();
        assertThat(jobSpans).as("one job span per traced reading").hasSize(2);
        assertThat(jobSpans).allSatisfy(s -> {
            assertThat(s.getTraceId()).isEqualTo(ingest.getTraceId());
            assertThat(s.getParentSpanId()).isEqualTo(ingest.getSpanId());
            assertThat(s.getAttributes().asMap().toString()).contains("bus-201").contains("VOLTAGE_PU");
        });

        List<Traced> tracedClean = clean.stream().filter(r -> r.traceparent != null).toList();
        assertThat(tracedClean).as("the two traced readings, and only those, carry a trace in telemetry.clean")
                .hasSize(2).allSatisfy(r -> assertThat(r.asset).isEqualTo("bus-201"));
        assertThat(tracedClean).extracting(r -> r.traceId()).containsOnly(ingest.getTraceId());
        assertThat(tracedClean).extracting(r -> r.spanId())
                .containsExactlyInAnyOrderElementsOf(jobSpans.stream().map(SpanData::getSpanId).toList());
    }

    @Test
    void theAlertsTheTracedReadingsRaiseAndClearContinueTheTrace() {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(committed(topics.alerts())).hasSize(2));
        List<Traced> alerts = committed(topics.alerts());
        assertThat(alerts).extracting(r -> ((Alert) r.value).state())
                .containsExactlyInAnyOrder(AlertState.RAISED, AlertState.CLEARED);
        assertThat(alerts).allSatisfy(r -> {
            assertThat(r.traceparent).as("alert %s", r.value).isNotNull();
            assertThat(r.traceId()).isEqualTo(ingest.getTraceId());
        });
        List<String> jobSpanIds = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(ContinueTrace.spanName(topics.raw().name()))).map(SpanData::getSpanId).toList();
        assertThat(alerts).extracting(Traced::spanId).allSatisfy(id -> assertThat(jobSpanIds).contains(id));
    }

    /** A record read back: its asset key, value and {@code traceparent} header. */
    private record Traced(String asset, Object value, String traceparent) {
        String traceId() {
            return traceparent.split("-")[1];
        }

        String spanId() {
            return traceparent.split("-")[2];
        }
    }

    private List<Traced> committed(Topic<?, ?> topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Traced> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header header = record.headers().lastHeader("traceparent");
                    out.add(new Traced(new String(record.key(), StandardCharsets.UTF_8),
                            topic.valueSerde().deserializer().deserialize(topic.name(), record.value()),
                            header == null ? null : new String(header.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    private void createTopics() throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> created = new ArrayList<>();
            for (Topic<?, ?> topic : topics.all()) {
                created.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()));
            }
            admin.createTopics(created).all().get();
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"); // see KafkaTestTopics: topics made just now
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return new KafkaProducer<>(props, new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private void send(KafkaProducer<byte[], byte[]> producer, Measurement m, String traceparent) {
        Topic<AssetId, Measurement> raw = topics.raw();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(raw.name(),
                raw.keySerde().serializer().serialize(raw.name(), m.asset()),
                raw.valueSerde().serializer().serialize(raw.name(), m));
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record);
    }

    private static Measurement reading(String asset, MeasurementKind kind, double value, Instant time) {
        return Measurement.of(SOURCE, AssetId.of(asset), kind, value, kind.unit(), time, time.plusMillis(20));
    }
}
