package io.gridai.ingestion.metrics;

import io.gridai.ingestion.ingest.RecordStatus;
import io.gridai.model.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import io.gridai.model.Measurement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.Locale;

/**
 * Ingestion's meters (Prometheus at {@code /q/metrics}):
 * <ul>
 *   <li>{@code gridai.ingestion.records} (counter) tagged {@code source} (the source id, {@code unknown} when
 *   the sender could not be identified), {@code outcome} ({@code accepted}, {@code refused}, {@code duplicate})
 *   and {@code reason} (a {@code RejectionReason}, {@code none} otherwise). A body refused as a whole
 *   (unknown or revoked source, unreadable) counts as one refused record.</li>
 *   <li>{@code gridai.ingestion.batches} (counter) tagged {@code source} and {@code outcome}
 *   ({@code processed}, {@code unauthenticated}, {@code revoked}, {@code unreadable}, {@code too-large},
 *   {@code unavailable}).</li>
 *   <li>{@code gridai.ingestion.kafka.ack} (timer): from the first send of a batch to Kafka's last
 *   acknowledgement.</li>
 *   <li>{@code gridai.ingestion.event.to.ack} (timer, tag {@code channel}): per accepted record, from its event
 *   time to Kafka's acknowledgement — the end-to-end ingest latency, sender's delay included.</li>
 *   <li>{@code gridai.ingestion.receive.to.ack} (timer, tag {@code channel}): per batch, from receipt to
 *   Kafka's acknowledgement of all of it.</li>
 *   <li>{@code gridai.ingestion.mqtt.unacknowledged} (gauge): MQTT messages taken and not yet acknowledged; it
 *   grows while Kafka is away.</li>
 *   <li>{@code gridai.ingestion.field.events} (counter) tagged {@code source}, {@code protocol} ({@code iec104},
 *   {@code modbus}) and {@code event}: what happened on field connections besides values.</li>
 *   <li>{@code gridai.ingestion.field.connected} (gauge) tagged {@code source} and {@code protocol}: 1 while
 *   connected.</li>
 * </ul>
 */
@ApplicationScoped
public class IngestionMetrics {

    /** Tag value for a sender that could not be identified. */
    public static final String UNKNOWN_SOURCE = "unknown";
    public static final String RECORDS = "gridai.ingestion.records";
    public static final String BATCHES = "gridai.ingestion.batches";
    public static final String KAFKA_ACK = "gridai.ingestion.kafka.ack";
    public static final String EVENT_TO_ACK = "gridai.ingestion.event.to.ack";
    public static final String MQTT_UNACKNOWLEDGED = "gridai.ingestion.mqtt.unacknowledged";
    public static final String RECEIVE_TO_ACK = "gridai.ingestion.receive.to.ack";
    public static final String FIELD_EVENTS = "gridai.ingestion.field.events";
    public static final String FIELD_CONNECTED = "gridai.ingestion.field.connected";

    private final MeterRegistry registry;
    private final Timer kafkaAck;
    private final Map<String, Timer> eventToAck = new ConcurrentHashMap<>();
    private final Map<String, Timer> receiveToAck = new ConcurrentHashMap<>();

    public IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.kafkaAck = Timer.builder(KAFKA_ACK)
                .description("Time from the first send of a batch to Kafka's last acknowledgement")
                .register(registry);
    }

    public void records(String source, RecordStatus status, RejectionReason reason, int count) {
        if (count > 0) {
            Counter.builder(RECORDS)
                    .description("Records received, by source, outcome and refusal reason")
                    .tag("source", source)
                    .tag("outcome", status.name().toLowerCase(Locale.ROOT))
                    .tag("reason", reason == null ? "none" : reason.name())
                    .register(registry)
                    .increment(count);
        }
    }

    public void batch(String source, String outcome) {
        Counter.builder(BATCHES)
                .description("Batches received, by source and outcome")
                .tag("source", source)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /**
     * Per accepted record, from its event time to Kafka's acknowledgement (includes the sender's own delay);
     * per batch, from receipt to acknowledgement.
     */
    public void latency(String channel, List<Measurement> accepted, Instant receivedAt, Instant acknowledgedAt) {
        Timer perRecord = eventToAck.computeIfAbsent(channel, c -> Timer.builder(EVENT_TO_ACK)
                .description("From a record's event time to Kafka's acknowledgement of it, by feed")
                .tag("channel", c)
                .register(registry));
        long ackMillis = acknowledgedAt.toEpochMilli();
        for (Measurement m : accepted) {
            perRecord.record(Math.max(0, ackMillis - m.eventTime().toEpochMilli()), TimeUnit.MILLISECONDS);
        }
        receiveToAck.computeIfAbsent(channel, c -> Timer.builder(RECEIVE_TO_ACK)
                .description("From receiving a batch to Kafka's acknowledgement of all of it, by feed")
                .tag("channel", c)
                .publishPercentiles(0.5, 0.99)
                .register(registry)).record(Duration.between(receivedAt, acknowledgedAt));
    }

    /** A gauge of the MQTT messages taken from the broker and not yet acknowledged (waiting for Kafka). */
    public void mqttUnacknowledged(java.util.function.IntSupplier count) {
        io.micrometer.core.instrument.Gauge.builder(MQTT_UNACKNOWLEDGED, count::getAsInt)
                .description("MQTT messages taken from the broker and not yet acknowledged (waiting for Kafka)")
                .register(registry);
    }

    /**
     * Counts something that happened on a field connection (IEC 104, Modbus) besides values: {@code connected},
     * {@code disconnected}, {@code connect-failed}, {@code interrogation}, {@code exception-response},
     * {@code timeout}, {@code unmapped-point}, {@code unsupported-type}, {@code indeterminate}, {@code dropped}.
     */
    public void fieldEvent(String source, String protocol, String event) {
        Counter.builder(FIELD_EVENTS)
                .description("Field protocol events (connections, interrogations, exception responses, timeouts,"
                        + " unmapped points, readings dropped while Kafka was away), by source, protocol and event")
                .tag("source", source)
                .tag("protocol", protocol)
                .tag("event", event)
                .register(registry)
                .increment();
    }

    /** A gauge that is 1 while the field station or device is connected, else 0. */
    public void fieldConnected(String source, String protocol, java.util.function.BooleanSupplier connected) {
        io.micrometer.core.instrument.Gauge.builder(FIELD_CONNECTED, () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while the field station or device is connected (IEC 104: data transfer started)")
                .tag("source", source)
                .tag("protocol", protocol)
                .register(registry);
    }

    public void kafkaAck(Duration took) {
        kafkaAck.record(took);
    }
}
