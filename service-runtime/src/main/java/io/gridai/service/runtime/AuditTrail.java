package io.gridai.service.runtime;

import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * A service's own audit chain on {@code grid.audit} (key = chain name, e.g. {@code operator-api}, {@code agent-gateway}). At
 * start {@link #load} reads the topic to its end and continues the chain after the last event under its name (or
 * starts one with the genesis event), so the chain stays verifiable across restarts ({@link AuditEvent#verify}); the
 * same reader as the dispatch optimiser's chain (service-runtime's {@code AuditChainReader}). An event counts
 * only once Kafka acknowledged it ({@code acks=all}); the chain advances only then. One running instance per chain
 * name: two writers would fork it.
 */
public final class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final Map<String, Object> kafka;
    private final Producer<byte[], byte[]> producer;
    private final String chain;
    private final Duration timeout;
    private volatile boolean loaded;
    private AuditEvent last;

    private final String readerClientId;

    /**
     * @param readerClientId the client id of the consumer that reads the chain at start (the service's, e.g.
     *                       {@code gridai-operator-audit-reader})
     */
    public AuditTrail(Map<String, Object> kafka, Producer<byte[], byte[]> producer, String chain, Duration timeout,
            String readerClientId) {
        this.readerClientId = readerClientId;
        this.kafka = kafka;
        this.producer = producer;
        this.chain = chain;
        this.timeout = timeout;
    }

    public String chain() {
        return chain;
    }

    /** Whether the chain's end is known, so that events can be appended. */
    public boolean loaded() {
        return loaded;
    }

    /**
     * Reads {@code grid.audit} to its end and returns this chain's events in sequence order; later appends continue
     * after the last.
     *
     * @throws AuditException when the topic cannot be read to its end within the timeout
     */
    public synchronized List<AuditEvent> load() {
        List<AuditEvent> events = readChain();
        last = events.isEmpty() ? null : events.get(events.size() - 1);
        loaded = true;
        LOG.infof("audit chain=%s continues after sequence=%s", chain, last == null ? "none (genesis)" : last.sequence());
        return events;
    }

    /**
     * Appends an event and waits for Kafka's acknowledgement.
     *
     * @throws AuditException when the chain is not loaded yet or Kafka did not take the event; the chain is unchanged
     */
    public synchronized AuditEvent append(ActorType actorType, String actor, String action, String subject,
            Map<String, String> details) {
        if (!loaded) {
            throw new AuditException("the audit chain " + chain + " is still being read; try again shortly");
        }
        AuditEvent event = AuditEvent.append(last, Instant.now(), actorType, actor, action, subject, details);
        Topic<String, AuditEvent> topic = Topics.GRID_AUDIT;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), chain),
                topic.valueSerde().serializer().serialize(topic.name(), event));
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AuditException("Kafka did not take the audit event: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AuditException("Kafka did not acknowledge the audit event within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while writing the audit event", e);
        }
        last = event;
        return event;
    }

    private List<AuditEvent> readChain() {
        try {
            return AuditChainReader.read(kafka, chain, readerClientId, timeout);
        } catch (AuditChainReader.ChainReadException e) {
            throw new AuditException(e.getMessage(), e.getCause());
        }
    }

    /** The audit chain could not be read or written. */
    public static final class AuditException extends RuntimeException {
        public AuditException(String message) {
            super(message);
        }

        public AuditException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
