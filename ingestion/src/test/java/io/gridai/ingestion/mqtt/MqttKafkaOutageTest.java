package io.gridai.ingestion.mqtt;

import static io.gridai.ingestion.mqtt.MqttBrokerResource.NORTH_GRID;
import static io.gridai.ingestion.mqtt.MqttBrokerResource.PASSWORDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.ingestion.RestartableKafkaResource;
import io.gridai.ingestion.TopicTail;
import io.gridai.ingestion.metrics.IngestionMetrics;
import io.gridai.model.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Kafka stops while a device publishes: the feed does not acknowledge the MQTT messages (both stay pending, their
 * PUBACK unsent) and tries the first again (the unavailable-batch counter moves); once Kafka is back the readings
 * land, once each, in publishing order, and nothing is left unacknowledged.
 */
@QuarkusTest
@TestProfile(MqttKafkaOutageTest.ShortAckTimeout.class)
@WithTestResource(RestartableKafkaResource.class)
@WithTestResource(MqttBrokerResource.class)
class MqttKafkaOutageTest {

    /** A short ack timeout, so that each attempt while Kafka is away ends quickly. */
    public static class ShortAckTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridai.ingestion.kafka.ack-timeout", "PT1S", "gridai.ingestion.mqtt.retry-backoff",
                    "PT0.2S");
        }
    }

    @Inject
    MeterRegistry meters;

    @Inject
    MqttFeed feed;

    @Test
    void aMessageKafkaDidNotAcknowledgeIsRetriedAndLandsOnceKafkaIsBack() throws Exception {
        String id = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        MqttBrokerResource.awaitFeedSubscribed();
        MqttClient north = new MqttClient(MqttBrokerResource.broker().url(), NORTH_GRID + "-outage",
                new MemoryPersistence());
        north.setTimeToWait(10_000);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(NORTH_GRID);
        options.setPassword(PASSWORDS.get(NORTH_GRID).toCharArray());
        north.connect(options);
        double unavailableBefore = unavailable();

        RestartableKafkaResource.stopBroker();
        try {
            for (int i = 0; i < 2; i++) {
                north.publish("gridai/telemetry/north-grid/substation-7", ("{\"asset\":\"gen-1\",\"kind\":"
                        + "\"ACTIVE_POWER\",\"value\":" + i + ",\"unit\":\"MW\",\"time\":\"" + t.plusSeconds(i)
                        + "\",\"id\":\"" + id + "-" + i + "\"}").getBytes(StandardCharsets.UTF_8), 1, false);
            }
            // At least two attempts failed: the first message is being retried, not dropped, and neither message
            // has been acknowledged to the broker.
            await().atMost(Duration.ofSeconds(20)).until(() -> unavailable() >= unavailableBefore + 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.unacknowledged() == 2);
            assertThat(meters.get(IngestionMetrics.MQTT_UNACKNOWLEDGED).gauge().value()).as("the gauge operators see")
                    .isEqualTo(2.0);
        } finally {
            RestartableKafkaResource.restartBroker();
        }

        List<String> expected = List.of("utility-a/" + id + "-0", "utility-a/" + id + "-1");
        List<String> landed = await().atMost(Duration.ofSeconds(30)).until(() -> landedIds(id),
                ids -> ids.containsAll(expected));
        assertThat(landed).containsExactlyElementsOf(expected);
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.unacknowledged() == 0);
        assertThat(meters.get(IngestionMetrics.MQTT_UNACKNOWLEDGED).gauge().value()).isZero();
        north.disconnect();
        north.close();
    }

    private double unavailable() {
        Counter counter = meters.find(IngestionMetrics.BATCHES).tags("source", "utility-a", "outcome", "unavailable")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Every measurement id on the raw topic that contains the test's prefix, in order (one partition per asset). */
    private static List<String> landedIds(String prefix) {
        return TopicTail.everything(Topics.TELEMETRY_RAW, RestartableKafkaResource.bootstrapServers()).stream()
                .map(m -> m.id().value()).filter(id -> id.contains(prefix)).toList();
    }
}
