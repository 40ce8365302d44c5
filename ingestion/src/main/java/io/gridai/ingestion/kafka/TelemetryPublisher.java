package io.gridai.ingestion.kafka;

import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.model.Measurement;
import io.gridai.model.RejectedRecord;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.jboss.logging.Logger;

/**
 * Writes accepted measurements to {@link Topics#TELEMETRY_RAW} (key: asset id) and refusals to
 * {@link Topics#TELEMETRY_DEAD_LETTER} (key: source id, null when unknown) with the registry's serdes, through
 * one idempotent producer with {@code acks=all}, and waits until the broker acknowledged every record.
 *
 * <p>Every {@code kafka.*} configuration key is passed to the producer (e.g. {@code kafka.bootstrap.servers},
 * {@code kafka.security.protocol}); the keys that guard durability and the serializers are set here and
 * cannot be overridden.
 */
@Startup
@ApplicationScoped
public class TelemetryPublisher {

    private static final Logger LOG = Logger.getLogger(TelemetryPublisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Duration ackTimeout;
    private final TextMapPropagator propagator;
    private final Destination<AssetId, Measurement> raw = Destination.of(Topics.TELEMETRY_RAW);
    private final Destination<SourceId, RejectedRecord> deadLetters = Destination.of(Topics.TELEMETRY_DEAD_LETTER);

    public TelemetryPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, IngestionConfig config,
            OpenTelemetry openTelemetry) {
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.ackTimeout = config.kafka().ackTimeout();
        if (ackTimeout.toMillis() < 1000) {
            throw new ConfigurationException("gridai.ingestion.kafka.ack-timeout is " + ackTimeout
                    + "; give at least PT1S so that a healthy broker can answer");
        }
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        int timeoutMs = (int) ackTimeout.toMillis();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeoutMs - 5 - lingerMs(props)));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "gridai-ingestion");
        this.producer = new KafkaProducer<>(props);
        LOG.infof("kafka producer ready bootstrap=%s acks=all idempotence=true ackTimeout=%s",
                props.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG), ackTimeout);
    }

    /**
     * Sends all records and waits, at most the configured ack timeout in total, until the broker acknowledged
     * each of them. Never throws for a Kafka failure: that is a {@link PublishOutcome.NotAcknowledged}.
     */
    public PublishOutcome publish(List<Measurement> accepted, List<RejectedRecord> refused) {
        long started = System.nanoTime();
        long deadline = started + ackTimeout.toNanos();
        List<Header> trace = traceHeaders();
        List<Future<RecordMetadata>> pending = new ArrayList<>(accepted.size() + refused.size());
        try {
            for (Measurement m : accepted) {
                pending.add(raw.send(producer, m.asset(), m, trace));
                if (failedEarly(pending, deadline)) {
                    break;
                }
            }
            for (RejectedRecord r : refused) {
                pending.add(deadLetters.send(producer, r.source().orElse(null), r, trace));
                if (failedEarly(pending, deadline)) {
                    break;
                }
            }
        } catch (KafkaException e) {
            return notAcknowledged("Kafka refused to take the batch: " + e.getMessage());
        }
        for (Future<RecordMetadata> future : pending) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return notAcknowledged("Kafka did not acknowledge the batch within " + ackTimeout);
            } catch (ExecutionException e) {
                return notAcknowledged("Kafka did not acknowledge the batch: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return notAcknowledged("interrupted while waiting for Kafka's acknowledgement");
            }
        }
        return new PublishOutcome.Acknowledged(pending.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The current trace context (W3C {@code traceparent}, {@code tracestate}) as Kafka headers, so that the
     * stages reading these records can continue the trace; empty when there is no sampled span.
     */
    private List<Header> traceHeaders() {
        List<Header> headers = new ArrayList<>(2);
        propagator.inject(Context.current(), headers, (carrier, name, value) ->
                carrier.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return headers;
    }

    /** Sends one dead letter and waits for its acknowledgement. */
    public PublishOutcome deadLetter(RejectedRecord refused) {
        return publish(List.of(), List.of(refused));
    }

    @PreDestroy
    void close() {
        producer.close(ackTimeout);
    }

    /**
     * True when sending more is pointless: the deadline passed, or the last send already failed (e.g. no
     * metadata within {@code max.block.ms} while the broker is down); the wait below then reports it.
     */
    private static boolean failedEarly(List<Future<RecordMetadata>> pending, long deadline) {
        Future<RecordMetadata> last = pending.get(pending.size() - 1);
        if (last.isDone()) {
            try {
                last.get();
            } catch (ExecutionException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return System.nanoTime() > deadline;
    }

    /** A registry topic with its serializers, made once. */
    private record Destination<K, V>(String topic, Serializer<K> keys, Serializer<V> values) {

        static <K, V> Destination<K, V> of(Topic<K, V> topic) {
            return new Destination<>(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
        }

        Future<RecordMetadata> send(KafkaProducer<byte[], byte[]> producer, K key, V value, List<Header> headers) {
            byte[] keyBytes = key == null ? null : keys.serialize(topic, key);
            return producer.send(new ProducerRecord<>(topic, null, keyBytes, values.serialize(topic, value),
                    headers.isEmpty() ? null : new RecordHeaders(headers)));
        }
    }

    private static PublishOutcome notAcknowledged(String detail) {
        return new PublishOutcome.NotAcknowledged(detail);
    }

    private static int lingerMs(Map<String, Object> props) {
        return Integer.parseInt(String.valueOf(props.get(ProducerConfig.LINGER_MS_CONFIG)));
    }
}
