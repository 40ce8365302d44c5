package io.gridai.ingestion.field;

import static io.gridai.ingestion.field.FieldDevicesResource.INVERTER;
import static io.gridai.ingestion.field.FieldDevicesResource.NORTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.ingestion.RestartableKafkaResource;
import io.gridai.ingestion.TopicTail;
import io.gridai.ingestion.metrics.IngestionMetrics;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.openmuc.j60870.ASdu;
import org.openmuc.j60870.ASduType;
import org.openmuc.j60870.CauseOfTransmission;
import org.openmuc.j60870.ie.IeQuality;
import org.openmuc.j60870.ie.IeShortFloat;
import org.openmuc.j60870.ie.IeTime56;
import org.openmuc.j60870.ie.InformationObject;

/**
 * Kafka stops while the field devices go on sending: the feed keeps what it has (a bounded queue), retries until Kafka
 * is back, and counts what did not fit as dropped; a value sent during the outage lands once Kafka is back.
 */
@QuarkusTest
@TestProfile(FieldKafkaOutageTest.ShortTimeouts.class)
@WithTestResource(RestartableKafkaResource.class)
@WithTestResource(FieldDevicesResource.class)
class FieldKafkaOutageTest {

    /** Short Kafka waits and a small queue, so that the outage shows in seconds. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridai.ingestion.kafka.ack-timeout", "PT1S",
                    "gridai.ingestion.field.retry-backoff", "PT0.2S",
                    "gridai.ingestion.field.max-pending-batches", "8");
        }
    }

    @Inject
    MeterRegistry meters;

    /** As in {@link FieldFeedTest}: the test outstation's library may throw in its own threads. */
    private static ConditionFactory await() {
        return Awaitility.await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200));
    }

    @Test
    void valuesSentWhileKafkaIsAwayLandWhenItIsBackAndWhatDidNotFitIsCounted() {
        await().until(() -> FieldDevicesResource.north().clients() >= 1);
        Instant measured = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        double unavailableBefore = count(IngestionMetrics.BATCHES, "outcome", "unavailable", NORTH)
                + count(IngestionMetrics.BATCHES, "outcome", "unavailable", INVERTER);

        RestartableKafkaResource.stopBroker();
        try {
            FieldDevicesResource.north().send(new ASdu(ASduType.M_ME_TF_1, false, CauseOfTransmission.SPONTANEOUS,
                    false, false, 0, 1, new InformationObject(1001, new IeShortFloat(7_000f),
                            new IeQuality(false, false, false, false, false),
                            new IeTime56(measured.toEpochMilli(), TimeZone.getTimeZone("UTC"), false))));
            // Retried, not given up: at least two publications of the held batches were not acknowledged.
            await().until(() -> count(IngestionMetrics.BATCHES, "outcome", "unavailable", NORTH)
                    + count(IngestionMetrics.BATCHES, "outcome", "unavailable", INVERTER) >= unavailableBefore + 2);
            // The Modbus device polls on (4 polls a second); beyond the 8 batches held, polls are dropped and counted.
            await().until(() -> count(IngestionMetrics.FIELD_EVENTS, "event", "dropped", INVERTER) >= 1);
        } finally {
            RestartableKafkaResource.restartBroker();
        }

        List<Measurement> landed = await().until(() -> TopicTail.everything(Topics.TELEMETRY_RAW,
                RestartableKafkaResource.bootstrapServers()).stream()
                .filter(m -> m.asset().equals(AssetId.of("gen-1")) && m.kind() == MeasurementKind.ACTIVE_POWER
                        && m.eventTime().equals(measured)).toList(), l -> !l.isEmpty());
        assertThat(landed).allSatisfy(m -> {
            assertThat(m.value()).isEqualTo(7.0);
            assertThat(m.source().value()).isEqualTo(NORTH);
        });
        // At least once: a repeat would carry the same id, which the Flink cleaning job drops.
        assertThat(landed).extracting(m -> m.id()).containsOnly(landed.get(0).id());
        // And the feed goes on: polls after the outage land again.
        Instant back = Instant.now();
        await().until(() -> TopicTail.everything(Topics.TELEMETRY_RAW, RestartableKafkaResource.bootstrapServers())
                .stream().anyMatch(m -> m.source().value().equals(INVERTER) && m.eventTime().isAfter(back)));
    }

    private double count(String meter, String tag, String value, String source) {
        Counter counter = meters.find(meter).tag("source", source).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
