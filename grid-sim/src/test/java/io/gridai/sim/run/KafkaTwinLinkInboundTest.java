package io.gridai.sim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.sim.twin.TwinSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * With {@code --publish-to ingestion} the twin writes its telemetry as JSON batches in ingestion's record schema
 * to its source's inbound topic: every field a reader needs, in canonical units, chunked below Kafka's record limit.
 */
@WithKafkaBroker
class KafkaTwinLinkInboundTest {

    private static final SourceId TWIN = SourceId.of(TwinSettings.DEFAULT_SOURCE);
    private static final Instant T = Instant.parse("2020-07-01T12:00:00.250Z");

    @Test
    void publishesJsonArraysThatIngestionCanRead(@BootstrapServers String bootstrap) throws Exception {
        Topic<String, byte[]> inbound = Topics.sourceInbound(TWIN);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(inbound.name(), inbound.partitions(), (short) 1))).all().get();
        }
        List<Measurement> readings = new ArrayList<>();
        for (int i = 0; i < KafkaTwinLink.MAX_PER_INBOUND_RECORD + 1; i++) {
            readings.add(Measurement.of(TWIN, AssetId.of("bus-" + i), MeasurementKind.VOLTAGE_PU, 1.0 + i * 1e-7,
                    Unit.PER_UNIT, T, T));
        }
        readings.add(Measurement.of(TWIN, AssetId.of("gen-1"), MeasurementKind.ACTIVE_POWER, -12.5, Unit.MEGAWATT,
                T, T));
        try (KafkaTwinLink link = new KafkaTwinLink(bootstrap, "inbound-test", KafkaTwinLink.Feed.INGESTION)) {
            link.publish(readings);
            link.flush();
        }

        List<JsonNode> batches = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "inbound-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                inbound.keySerde().deserializer(), inbound.valueSerde().deserializer())) {
            consumer.subscribe(List.of(inbound.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    batches.add(json.readTree(record.value()));
                }
                return batches.size() == 2;
            });
        }
        assertThat(batches).allSatisfy(batch -> assertThat(batch.isArray()).isTrue());
        assertThat(batches).extracting(JsonNode::size).containsExactlyInAnyOrder(
                KafkaTwinLink.MAX_PER_INBOUND_RECORD, 2);
        List<JsonNode> records = new ArrayList<>();
        batches.forEach(batch -> batch.forEach(records::add));
        JsonNode generator = records.stream().filter(r -> r.get("asset").asText().equals("gen-1")).findFirst()
                .orElseThrow();
        assertThat(generator.get("kind").asText()).isEqualTo("ACTIVE_POWER");
        assertThat(generator.get("value").asDouble()).isEqualTo(-12.5);
        assertThat(generator.get("unit").asText()).isEqualTo(MeasurementKind.ACTIVE_POWER.unit().symbol());
        assertThat(Instant.parse(generator.get("time").asText())).isEqualTo(T);
        JsonNode bus = records.stream().filter(r -> r.get("asset").asText().equals("bus-7")).findFirst().orElseThrow();
        assertThat(bus.get("value").asDouble()).isEqualTo(1.0 + 7 * 1e-7);
        assertThat(bus.get("unit").asText()).isEqualTo("p.u.");
    }
}
