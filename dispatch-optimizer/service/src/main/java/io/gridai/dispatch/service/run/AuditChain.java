package io.gridai.dispatch.service.run;

import io.gridai.service.runtime.AuditChainReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
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
        try {
            List<AuditEvent> events = AuditChainReader.read(kafka, chain, "gridai-dispatch-audit-reader", READ_TIMEOUT);
            return events.isEmpty() ? null : events.get(events.size() - 1);
        } catch (AuditChainReader.ChainReadException e) {
            throw new KafkaOut.KafkaOutException(e.getMessage());
        }
    }
}
