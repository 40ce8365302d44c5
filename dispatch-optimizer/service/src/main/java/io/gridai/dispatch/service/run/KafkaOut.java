package io.gridai.dispatch.service.run;

import io.gridai.service.runtime.KafkaClientProperties;
import io.gridai.service.runtime.SetpointGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.gridai.model.topic.Topic;

/**
 * The service's producer (acks=all, idempotent): setpoints and audit events, each batch waited for until the broker
 * has acknowledged it. Its value serializer is the process's {@link SetpointGuard}: a record the guard forbids (in a
 * sandbox, anything outside the sandbox's topics; anywhere, a sandbox's setpoint outside its sandbox) is never sent, and
 * the batch fails with the guard's reason.
 */
public final class KafkaOut implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<byte[], byte[]> producer;
    private final SetpointGuard guard;

    public KafkaOut(Map<String, Object> kafka, SetpointGuard guard) {
        Properties p = KafkaClientProperties.durableProducer(kafka, "gridai-dispatch-optimizer");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis() / 2);
        this.guard = guard;
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), guard.valueSerializer());
    }

    /** The guard every record of this producer passes. */
    public SetpointGuard guard() {
        return guard;
    }

    /** One record to send. */
    public record Out<K, V>(Topic<K, V> topic, K key, V value) {
    }

    /**
     * Sends the records and waits for the broker's acknowledgement of each.
     *
     * @throws KafkaOutException naming the topic and the broker's error when any record was not acknowledged
     */
    public void sendAll(List<? extends Out<?, ?>> records) {
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        try {
            for (Out<?, ?> r : records) {
                futures.add(producer.send(record(r)));
            }
            producer.flush();
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            throw e;
        } catch (SetpointGuard.SetpointRefused e) {
            throw new KafkaOutException("the setpoint guard refused a record, so the batch was not completed: " + e.getMessage());
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaOutException("Kafka did not take the records: " + e.getMessage()
                    + "; check kafka.bootstrap.servers and that the broker runs");
        }
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new KafkaOutException("Kafka did not take a record for " + records.get(i).topic().name() + ": "
                        + e.getCause().getMessage() + "; check that the broker runs and the topic exists");
            } catch (TimeoutException e) {
                throw new KafkaOutException("Kafka did not acknowledge a record for " + records.get(i).topic().name() + " within "
                        + ACK_TIMEOUT + "; check kafka.bootstrap.servers and that the broker runs");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaOutException("interrupted while waiting for Kafka's acknowledgement");
            }
        }
    }

    private static <K, V> ProducerRecord<byte[], byte[]> record(Out<K, V> r) {
        Topic<K, V> t = r.topic();
        return new ProducerRecord<>(t.name(), t.keySerde().serializer().serialize(t.name(), r.key()),
                t.valueSerde().serializer().serialize(t.name(), r.value()));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A batch Kafka did not acknowledge. */
    public static final class KafkaOutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KafkaOutException(String message) {
            super(message, null, false, false);
        }
    }
}
