package io.gridai.dispatch.service.run;

import io.gridai.service.runtime.KafkaClientProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;

/**
 * This service's audit chain on {@code grid.audit} (key = chain name). Before the first event it reads the topic to
 * its end and continues the chain from the last event under its name (or starts one with the genesis event), so the
 * chain stays verifiable across restarts ({@link AuditEvent#verify}). One instance of the service per chain name:
 * two writers would fork it. Used from the solve thread only.
 */
public final class AuditChain {

    private static final Logger LOG = Logger.getLogger(AuditChain.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final KafkaOut out;
    private final String chain;
    private boolean loaded;
    private AuditEvent last;

    public AuditChain(Map<String, Object> kafka, KafkaOut out, String chain) {
        this.kafka = kafka;
        this.out = out;
        this.chain = chain;
    }

    /** Appends an event by this service and waits for Kafka's acknowledgement; the chain advances only then. */
    public AuditEvent append(Instant time, String action, String subject, Map<String, String> details) {
        if (!loaded) {
            last = readLast();
            loaded = true;
            LOG.infof("audit chain=%s continues after sequence=%s", chain, last == null ? "none (genesis)" : last.sequence());
        }
        AuditEvent event = AuditEvent.append(last, time, ActorType.SERVICE, "dispatch-optimizer", action, subject, details);
        out.sendAll(List.of(new KafkaOut.Out<>(Topics.GRID_AUDIT, chain, event)));
        last = event;
        return event;
    }

    private AuditEvent readLast() {
        Topic<String, AuditEvent> topic = Topics.GRID_AUDIT;
        Properties p = KafkaClientProperties.assigningConsumer(kafka, "gridai-dispatch-audit-reader");
        AuditEvent found = null;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic.name(), READ_TIMEOUT).stream()
                    .map(i -> new TopicPartition(topic.name(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaOut.KafkaOutException("could not read " + topic.name() + " to its end within " + READ_TIMEOUT
                            + " to continue the audit chain " + chain);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !chain.equals(topic.keySerde().deserializer().deserialize(topic.name(), r.key()))) {
                        continue;
                    }
                    AuditEvent e = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
                    if (found == null || e.sequence() > found.sequence()) {
                        found = e;
                    }
                }
            }
        }
        return found;
    }
}
