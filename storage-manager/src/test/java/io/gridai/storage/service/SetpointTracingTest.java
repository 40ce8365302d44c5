package io.gridai.storage.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A setpoint continues the trace of the frequency reading it answers: a reading whose record carries a
 * {@code traceparent} (as ingestion and the Flink jobs write it) gets a {@value StorageApp#DECIDE_SPAN} span as that
 * context's child, the setpoint's {@code grid.setpoints publish} span is the decision's child, and the setpoint's
 * record carries the publish span's context. Spans are read from an in-memory exporter in the service.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class SetpointTracingTest {

    /** The service's spans, exported to memory (Quarkus picks up every SpanExporter bean). */
    @Singleton
    static final class Exporter {
        @Produces
        @Singleton
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theSetpointAnsweringATracedFrequencyReadingIsInThatReadingsTrace() throws Exception {
        String traceId = randomHex(16);
        String ingestSpanId = randomHex(8);
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            Instant now = Instant.now();
            Publish.soc("bess-2", 50, now);
            send(Topics.TELEMETRY_RAW, AssetId.of("system"), Measurement.of(Publish.PLANT, AssetId.of("system"),
                    MeasurementKind.FREQUENCY, 59.6, Unit.HERTZ, now.plusMillis(1), now.plusMillis(1)),
                    "00-" + traceId + "-" + ingestSpanId + "-01");

            List<ConsumerRecord<?, Setpoint>> traced = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (var record : setpoints.newRecords()) {
                    Header header = record.headers().lastHeader("traceparent");
                    if (record.value().asset().equals(AssetId.of("bess-2")) && header != null
                            && new String(header.value(), StandardCharsets.UTF_8).contains(traceId)) {
                        traced.add(record);
                    }
                }
                assertThat(traced).as("a bess-2 setpoint in the reading's trace").isNotEmpty();
            });
            String[] parent = new String(traced.get(0).headers().lastHeader("traceparent").value(),
                    StandardCharsets.UTF_8).split("-");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<SpanData> finished = spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getTraceId().equals(traceId)).toList();
                SpanData decide = finished.stream().filter(s -> s.getName().equals(StorageApp.DECIDE_SPAN))
                        .filter(s -> s.getParentSpanId().equals(ingestSpanId)).findFirst().orElseThrow(
                                () -> new AssertionError("no decision span child of the reading's span: " + finished));
                SpanData publish = finished.stream().filter(s -> s.getSpanId().equals(parent[2])).findFirst()
                        .orElseThrow(() -> new AssertionError("no span " + parent[2] + " among " + finished));
                assertThat(publish.getName()).isEqualTo(Topics.GRID_SETPOINTS.name() + " publish");
                assertThat(publish.getParentSpanId()).isEqualTo(decide.getSpanId());
                assertThat(publish.getAttributes().asMap().toString()).contains("bess-2").contains("STORAGE_MANAGER");
            });
            // Back to rest for the other tests of this application.
            Publish.soc("bess-2", 50, Instant.now());
            Publish.frequency(60.0, Instant.now());
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(b);
    }

    private static <K, V> void send(Topic<K, V> topic, K key, V value, String traceparent) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(p, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            ProducerRecord<K, V> record = new ProducerRecord<>(topic.name(), key, value);
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
