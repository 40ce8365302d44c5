package io.gridai.operator.proposals;

import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import io.gridai.model.Proposal;
import io.gridai.model.ProposalDecision;
import io.gridai.model.ProposalSignoff;
import io.gridai.model.id.ProposalId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.operator.config.OperatorConfig;
import io.gridai.operator.service.OperatorApp;
import io.gridai.service.runtime.TopicFollower;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * The proposals awaiting the operators' decision. One thread ({@link TopicFollower}) reads {@code grid.proposals} and
 * {@code grid.proposal-decisions} from {@code proposals.lookback} on into the {@link ProposalBook}; once the service's
 * audit chain has been read ({@link OperatorApp#restoredChain()}) the approvals and decisions it records are put back,
 * so that a partial four-eyes approval survives a restart. An approval or rejection is written to the audit chain
 * first (it holds once Kafka has it), then recorded; a final decision is then published to
 * {@code grid.proposal-decisions} (waiting for the acknowledgement). A decision Kafka did not take, or one recorded
 * in the chain but not found on the topic after a restart, is published again every {@code republish-every}.
 * Decisions are serialised: of two concurrent approvals only one can be the first.
 */
@Startup
@ApplicationScoped
public class Proposals {

    /** The audit action of an approval; subject = the proposal id. */
    public static final String ACTION_APPROVE = "proposal.approve";
    /** The audit action of a rejection; subject = the proposal id. */
    public static final String ACTION_REJECT = "proposal.reject";

    private static final Logger LOG = Logger.getLogger(Proposals.class);

    private final OperatorApp app;
    private final Duration timeout;
    private final Duration republishEvery;
    private final ProposalRules rules;
    private final ProposalBook book;
    private final TopicFollower follower;
    private final Counter decided;
    private volatile boolean restored;
    private long nextRepublish;

    public Proposals(OperatorApp app, ProposalsConfig config, OperatorConfig operator,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry metrics) {
        this.app = app;
        this.timeout = operator.audit().timeout();
        this.republishEvery = config.republishEvery();
        this.rules = ProposalRules.of(config);
        try {
            this.book = new ProposalBook(config.maxCount(), rules);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        this.decided = Counter.builder("gridai.operator.proposals.decided")
                .description("proposals approved or rejected by operators").register(metrics);
        Gauge.builder("gridai.operator.proposals.held", book, ProposalBook::size)
                .description("proposals held in memory").register(metrics);
        this.follower = new TopicFollower("operator-proposals", kafka,
                List.of(Topics.GRID_PROPOSALS.name(), Topics.GRID_PROPOSAL_DECISIONS.name()), config.lookback(),
                this::file, this::afterPoll).start();
        LOG.infof("proposals fourEyesFrom=%s supervisorFrom=%s lookback=%s maxCount=%d", config.fourEyesFrom(),
                config.supervisorFrom(), config.lookback(), config.maxCount());
    }

    public ProposalBook book() {
        return book;
    }

    public ProposalRules rules() {
        return rules;
    }

    /** Whether the approvals are rebuilt from the audit chain and the consumer has its partitions. */
    public boolean ready() {
        return restored && follower.assigned();
    }

    /**
     * Approves a proposal for {@code by} ({@code supervisor}: whether the caller holds the supervisor role).
     *
     * @throws ProposalRefusal                 when the rules refuse it
     * @throws io.gridai.operator.audit.AuditTrail.AuditException when the audit event could not be written (nothing
     *                                         changed)
     * @throws NotPublished                    when the decision holds but Kafka did not take it yet
     */
    public synchronized ProposalView approve(ProposalId id, String by, boolean supervisor, String reason) {
        requireRestored();
        ProposalBook.ApprovalStep step = book.checkApproval(id, by, supervisor);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("risk", step.proposal().risk().name());
        details.put("approval", step.number() + "/" + step.needed());
        details.put("supervisor", Boolean.toString(supervisor));
        details.put("completes", Boolean.toString(step.completes()));
        details.put("agent", step.proposal().agent().value());
        AuditEvent event = app.audit().append(ActorType.OPERATOR, by, ACTION_APPROVE, id.value(), details);
        Optional<ProposalDecision> decision = book.approve(id,
                new ProposalBook.Approval(by, event.time(), reason, supervisor), step.completes(), app.auditChain(),
                event.sequence());
        LOG.infof("proposal approval id=%s by=%s approval=%d/%d risk=%s auditSequence=%d", id, by, step.number(),
                step.needed(), step.proposal().risk(), event.sequence());
        decision.ifPresent(this::publishNow);
        return book.get(id).orElseThrow();
    }

    /**
     * Rejects a proposal for {@code by}.
     *
     * @throws ProposalRefusal when it is unknown or decided
     * @throws io.gridai.operator.audit.AuditTrail.AuditException when the audit event could not be written
     * @throws NotPublished    when the decision holds but Kafka did not take it yet
     */
    public synchronized ProposalView reject(ProposalId id, String by, String reason) {
        requireRestored();
        Proposal p = book.checkRejection(id);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("risk", p.risk().name());
        details.put("agent", p.agent().value());
        AuditEvent event = app.audit().append(ActorType.OPERATOR, by, ACTION_REJECT, id.value(), details);
        Optional<ProposalDecision> decision = book.reject(id, new ProposalSignoff(by, event.time(), reason),
                app.auditChain(), event.sequence());
        LOG.infof("proposal rejected id=%s by=%s risk=%s auditSequence=%d", id, by, p.risk(), event.sequence());
        decision.ifPresent(this::publishNow);
        return book.get(id).orElseThrow();
    }

    private void requireRestored() {
        if (!restored) {
            throw new ProposalRefusal(ProposalRefusal.Why.NOT_READY, "the approvals given so far are still being"
                    + " read back from the audit chain " + app.auditChain() + "; try again shortly", Map.of());
        }
    }

    private void publishNow(ProposalDecision d) {
        decided.increment();
        try {
            publish(d);
        } catch (NotPublished e) {
            LOG.warnf("decision not published id=%s (%s); retrying every %s", d.proposal(), e.getMessage(),
                    republishEvery);
            throw e;
        }
    }

    private void publish(ProposalDecision d) {
        Topic<ProposalId, ProposalDecision> topic = Topics.GRID_PROPOSAL_DECISIONS;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), d.proposal()),
                topic.valueSerde().serializer().serialize(topic.name(), d));
        try {
            app.producer().send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new NotPublished("Kafka did not take the decision: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new NotPublished("Kafka did not acknowledge the decision within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublished("interrupted while publishing the decision");
        } catch (KafkaException | IllegalStateException e) {
            throw new NotPublished("the producer refused the decision: " + e.getMessage());
        }
        book.published(d.proposal());
        LOG.infof("decision published id=%s outcome=%s deciders=%s auditSequence=%d", d.proposal(), d.outcome(),
                d.deciders(), d.auditSequence());
    }

    private void file(ConsumerRecord<byte[], byte[]> r) {
        try {
            if (r.topic().equals(Topics.GRID_PROPOSALS.name())) {
                book.add(Topics.GRID_PROPOSALS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            } else {
                book.decided(Topics.GRID_PROPOSAL_DECISIONS.valueSerde().deserializer().deserialize(r.topic(),
                        r.value()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("undecodable record skipped topic=%s partition=%d offset=%d: %s", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
        }
    }

    /** On the follower's thread after each poll: restore once the chain is read, then publish what is owed. */
    private void afterPoll() {
        if (!restored) {
            app.restoredChain().ifPresent(this::restore);
        }
        if (restored && follower.caughtUp() && System.nanoTime() - nextRepublish >= 0) {
            nextRepublish = System.nanoTime() + republishEvery.toNanos();
            republish();
        }
    }

    private synchronized void republish() {
        for (ProposalDecision d : book.unpublished(app.auditChain())) {
            try {
                publish(d);
            } catch (NotPublished e) {
                LOG.warnf("decision still not published id=%s: %s", d.proposal(), e.getMessage());
                return;
            }
        }
    }

    private synchronized void restore(List<AuditEvent> chain) {
        ProposalBook.Restored r = book.restore(chain, ACTION_APPROVE, ACTION_REJECT, app.auditChain());
        restored = true;
        LOG.infof("proposals restored approvals=%d rejections=%d skipped=%d chain=%s", r.approvals(),
                r.rejections(), r.skipped(), app.auditChain());
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    /** A decision that holds (it is in the audit chain) but is not yet on {@code grid.proposal-decisions}. */
    public static final class NotPublished extends RuntimeException {
        NotPublished(String message) {
            super(message, null, false, false);
        }
    }
}
