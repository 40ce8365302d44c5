package io.gridai.gateway.proposals;

import io.gridai.service.runtime.AuditTrail;
import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.clock.GridClock;
import io.gridai.gateway.config.GatewayConfig;
import io.gridai.gateway.live.GridCase;
import io.gridai.gateway.live.LiveValues;
import io.gridai.gateway.security.Caller;
import io.gridai.gateway.security.Tier;
import io.gridai.gateway.service.GatewayApp;
import io.gridai.model.ActorType;
import io.gridai.model.Measurement;
import io.gridai.model.Proposal;
import io.gridai.model.ProposalDecision;
import io.gridai.model.ProposalOutcome;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.SetpointEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Agents' proposals from the {@code propose_intervention} tool to the grid. A proposal is reviewed
 * ({@link Reviewer}; every step and the decision go to the audit chain); REJECTED answers the reasons;
 * AUTO_APPROVE (only an {@code execute-within-envelope} agent's, low risk) is executed at once; NEEDS_HUMAN is
 * published on {@code grid.proposals} for the operator API's approval queue, and executed when operators' APPROVED
 * decision arrives on {@code grid.proposal-decisions}. Execution makes one {@link Setpoint} per action (origin
 * {@code APPROVED_PROPOSAL}, the proposal's id, valid from the grid's now for the action's {@code validFor}), checks
 * each once more with grid-network's {@link SetpointEnvelope} against the live state, and publishes them on
 * {@code grid.setpoints} only if all pass (each audited before it is published).
 *
 * <p>Replays: a second call by the same agent with the same idempotency key, or with the same JSON-RPC request id
 * and the same arguments, within {@code gridai.gateway.proposals.replay-window}, answers the first call's proposal
 * (marked {@code replayed}) and makes no second one. Proposals and replay keys are held in memory; every proposal, its
 * review, its setpoints, its status and the call's replay key are also in the audit chain ({@link ProposalRecords}),
 * and are read back from it at start, before any operators' decision is taken: pending
 * proposals stay pending (and are executed when approved), replays are still recognised, daily budgets still count.
 * An execution the restart interrupted is finished from what the chain says: EXECUTED if setpoints were published,
 * else REJECTED (nothing reached the grid).
 */
@Startup
@ApplicationScoped
public class ProposalDesk {

    private static final Logger LOG = Logger.getLogger(ProposalDesk.class);

    /** One proposal the gateway made, and where it stands. */
    public static final class Tracked {
        private final Proposal proposal;
        private final Tier tier;
        private final Reviewed reviewed;
        private final Reviewed.Verdict verdict;
        private final Instant madeAt;
        private volatile ProposalStatus status;
        private volatile String detail;
        private final List<Setpoint> setpoints = new ArrayList<>();

        Tracked(Proposal proposal, Tier tier, Reviewed reviewed, Reviewed.Verdict verdict, Instant madeAt,
                ProposalStatus status, String detail) {
            this.proposal = proposal;
            this.tier = tier;
            this.reviewed = reviewed;
            this.verdict = verdict;
            this.madeAt = madeAt;
            this.status = status;
            this.detail = detail;
        }

        public Proposal proposal() {
            return proposal;
        }

        public Tier tier() {
            return tier;
        }

        public Reviewed reviewed() {
            return reviewed;
        }

        /** The verdict the gateway acted on (the review's, except AUTO_APPROVE only for execute-within-envelope at LOW risk). */
        public Reviewed.Verdict verdict() {
            return verdict;
        }

        public ProposalStatus status() {
            return status;
        }

        public String detail() {
            return detail;
        }

        public Instant madeAt() {
            return madeAt;
        }

        public synchronized List<Setpoint> setpoints() {
            return List.copyOf(setpoints);
        }
    }

    /** What a proposal call answers: the proposal as tracked, and whether this call was a replay of an earlier one. */
    public record Answer(Tracked tracked, boolean replayed) {
    }

    private record ReplayEntry(ProposalId id, Instant at) {
    }

    /** What an agent's executed proposals moved on one (UTC, grid-time) day. */
    private record Used(java.time.LocalDate day, double mw, double mwh) {
    }

    private final GatewayConfig config;
    private final GatewayApp app;
    private final GridCase grid;
    private final LiveValues live;
    private final GridClock clock;
    private final Reviewer reviewer;
    private final MeterRegistry metrics;
    private final Map<ProposalId, Tracked> tracked = new LinkedHashMap<>();
    private final Map<String, ReplayEntry> replays = new LinkedHashMap<>();
    private final Map<String, Used> used = new java.util.HashMap<>();
    private final List<java.util.function.Consumer<Tracked>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean restored;

    public ProposalDesk(GatewayConfig config, GatewayApp app, GridCase grid, LiveValues live, GridClock clock,
            Reviewer reviewer, MeterRegistry metrics) {
        this.config = config;
        this.app = app;
        this.grid = grid;
        this.live = live;
        this.clock = clock;
        this.reviewer = reviewer;
        this.metrics = metrics;
        io.micrometer.core.instrument.FunctionCounter.builder("gridai.setpoints.guard.refused", app.guard(),
                io.gridai.service.runtime.SetpointGuard::refusals)
                .description("records the setpoint guard refused (a sandbox's setpoints kept off real topics)").register(metrics);
        // the chain first: a decision read before the proposals are restored would find none
        app.onAuditLoaded(this::restore);
        app.onDecision(this::decided);
    }

    /** Reads the gateway's proposals back from its audit chain (once, at start, before any decision is handled). */
    synchronized void restore(List<io.gridai.model.AuditEvent> chain) {
        ProposalRecords.Read read = ProposalRecords.read(chain);
        Instant now = Instant.now();
        Instant oldestReplay = now.minus(config.proposals().replayWindow());
        List<ProposalRecords.Restored> interrupted = new ArrayList<>();
        for (ProposalRecords.Restored r : read.proposals()) {
            Tracked t = new Tracked(r.proposal(), r.tier(), r.reviewed(), r.verdict(), r.madeAt(),
                    r.interrupted() ? ProposalStatus.PENDING_APPROVAL : r.standing(), r.standingDetail());
            t.setpoints.addAll(r.setpoints());
            tracked.put(r.proposal().id(), t);
            r.replayKey().filter(k -> r.madeAt().isAfter(oldestReplay))
                    .ifPresent(k -> replays.put(k, new ReplayEntry(r.proposal().id(), r.madeAt())));
            if (r.interrupted()) {
                interrupted.add(r);
            }
        }
        read.moved().forEach((agent, days) -> days.forEach((day, mw) -> {
            Used u = used.get(agent);
            if (u == null || day.isAfter(u.day())) {
                used.put(agent, new Used(day, mw[0], mw[1]));
            }
        }));
        read.unreadable().forEach(u -> LOG.warnf("audit event not restored: %s", u));
        for (ProposalRecords.Restored r : interrupted) {
            // the gateway stopped while executing: what reached the grid is what the chain holds
            try {
                finish(tracked.get(r.proposal().id()), r.standing(), r.standingDetail());
            } catch (RuntimeException e) {
                LOG.warnf("interrupted proposal=%s could not be finished: %s", r.proposal().id(), e.getMessage());
            }
        }
        expireOld();
        restored = true;
        long pending = tracked.values().stream().filter(t -> t.status == ProposalStatus.PENDING_APPROVAL).count();
        LOG.infof("proposals restored from the audit chain count=%d pending=%d replayKeys=%d interrupted=%d"
                + " unreadable=%d", tracked.size(), pending, replays.size(), interrupted.size(), read.unreadable().size());
    }

    /**
     * Registers a listener told of every proposal this desk tracks and of every later change of its status (executed,
     * rejected, expired), on the thread that made the change, after the change is in the audit chain. A listener must
     * not block and must not call back into the desk.
     */
    public void onStatus(java.util.function.Consumer<Tracked> listener) {
        listeners.add(listener);
    }

    /** The replay key of a call: the agent's idempotency key, else its JSON-RPC request id with the arguments' digest. */
    public static Optional<String> replayKey(Caller caller, Optional<String> idempotencyKey, Optional<String> requestId,
            String argumentsDigest) {
        if (idempotencyKey.isPresent()) {
            return Optional.of(caller.agent().value() + "|key|" + idempotencyKey.get());
        }
        return requestId.map(id -> caller.agent().value() + "|rpc|" + id + "|" + argumentsDigest);
    }

    /** The proposal an earlier call with this replay key made, if it is still within the replay window. */
    public synchronized Optional<Tracked> replayed(Optional<String> replayKey) {
        expireOld();
        return replayKey.map(replays::get).map(e -> tracked.get(e.id()));
    }

    /**
     * Reviews a proposal already checked for schema and scope, and acts on the verdict.
     *
     * @throws AuditTrail.AuditException when the audit chain cannot be written (nothing published or executed)
     */
    public synchronized Answer propose(Caller caller, Proposal proposal, Optional<String> replayKey) {
        if (!restored) {
            throw new io.gridai.gateway.mcp.Refusal("the gateway is starting: its proposals are being read back from"
                    + " the audit chain; nothing was proposed; try again in a few seconds");
        }
        Optional<Tracked> earlier = replayed(replayKey);
        if (earlier.isPresent()) {
            return new Answer(earlier.get(), true);
        }
        Instant now = Instant.now();
        List<Proposal> pending = tracked.values().stream().filter(t -> t.status == ProposalStatus.PENDING_APPROVAL)
                .map(Tracked::proposal).toList();
        List<Proposal> active = tracked.values().stream().filter(t -> t.status == ProposalStatus.EXECUTED
                && t.setpoints().stream().anyMatch(s -> clock.now().map(s::isValidAt).orElse(true)))
                .map(Tracked::proposal).toList();
        double[] used = used(caller.agent().value(), clock.now().orElse(now));
        long reviewStart = System.nanoTime();
        Reviewed reviewed = reviewer.review(proposal, caller.tier(),
                new Reviewer.Context(pending, active, used[0], used[1], clock.now().orElse(now)));
        Timer.builder("gridai.gateway.review.duration").description("a proposal's security review, all steps")
                .tag("verdict", reviewed.verdict().name()).publishPercentileHistogram().register(metrics)
                .record(System.nanoTime() - reviewStart, TimeUnit.NANOSECONDS);
        String agent = caller.agent().value();
        String subject = proposal.id().value();
        for (Reviewed.Step s : reviewed.steps()) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("step", s.name());
            d.put("status", s.status());
            d.put("detail", s.detail());
            d.put("durationMicros", Long.toString(s.duration().toNanos() / 1000));
            app.audit().append(ActorType.SERVICE, app.audit().chain(), GatewayAudit.REVIEW_STEP, subject, d);
        }
        Reviewed.Verdict verdict = reviewed.verdict();
        if (verdict == Reviewed.Verdict.AUTO_APPROVE
                && (caller.tier() != Tier.EXECUTE_WITHIN_ENVELOPE || reviewed.risk() != RiskLevel.LOW)) {
            verdict = Reviewed.Verdict.NEEDS_HUMAN; // the gateway's own rule, whatever the library says
        }
        Map<String, String> decision = new LinkedHashMap<>();
        decision.put("agent", agent);
        decision.put("tier", caller.tier().claim());
        decision.put("verdict", verdict.name());
        decision.put("risk", reviewed.risk().name());
        decision.put("rulesVersion", reviewed.rulesVersion());
        decision.put("reasons", String.join(" | ", reviewed.reasons()));
        decision.put("actions", Integer.toString(proposal.actions().size()));
        decision.putAll(ProposalRecords.proposalDetails(proposal, replayKey, reviewed.verdict()));
        app.audit().append(ActorType.SERVICE, app.audit().chain(), GatewayAudit.REVIEW_DECISION, subject, decision);
        metrics.counter("gridai.gateway.proposals", "verdict", verdict.name()).increment();
        Tracked t;
        switch (verdict) {
            case REJECTED -> t = track(proposal, caller, reviewed, verdict, now, ProposalStatus.REJECTED,
                    "rejected by the review: " + String.join("; ", reviewed.reasons()));
            case AUTO_APPROVE -> {
                t = track(proposal, caller, reviewed, verdict, now, ProposalStatus.PENDING_APPROVAL, "auto-approved; executing");
                execute(t, "auto-approved by the review (tier execute-within-envelope, risk LOW)");
            }
            default -> {
                Proposal published = new Proposal(proposal.id(), proposal.agent(), proposal.createdAt(),
                        proposal.title(), proposal.rationale(), proposal.actions(),
                        max(proposal.risk(), reviewed.risk()));
                Map<String, String> d = new LinkedHashMap<>();
                d.put("agent", agent);
                d.put("risk", published.risk().name());
                d.put("topic", Topics.GRID_PROPOSALS.name());
                app.audit().append(ActorType.SERVICE, app.audit().chain(), GatewayAudit.PROPOSAL_PUBLISHED, subject, d);
                send(Topics.GRID_PROPOSALS, published.id(), published);
                t = track(published, caller, reviewed, verdict, now, ProposalStatus.PENDING_APPROVAL,
                        "waiting for operators' approval (risk " + published.risk() + ")");
            }
        }
        replayKey.ifPresent(k -> replays.put(k, new ReplayEntry(proposal.id(), now)));
        LOG.infof("proposal reviewed id=%s agent=%s tier=%s verdict=%s risk=%s status=%s", subject, agent,
                caller.tier().claim(), verdict, reviewed.risk(), t.status);
        return new Answer(t, false);
    }

    /**
     * A proposal the desk holds, whoever made it: for the gateway's own parts (the A2A tasks read back after a restart),
     * never for answering an agent (see {@link #of}).
     */
    public synchronized Optional<Tracked> held(ProposalId id) {
        return Optional.ofNullable(tracked.get(id));
    }

    /** A proposal of this agent, or empty when there is none of that id or it is another agent's. */
    public synchronized Optional<Tracked> of(Caller caller, ProposalId id) {
        expireOld();
        return Optional.ofNullable(tracked.get(id)).filter(t -> t.proposal.agent().equals(caller.agent()));
    }


    private Tracked track(Proposal p, Caller caller, Reviewed reviewed, Reviewed.Verdict verdict, Instant now,
            ProposalStatus status, String detail) {
        Tracked t = new Tracked(p, caller.tier(), reviewed, verdict, now, status, detail);
        tracked.put(p.id(), t);
        tell(t);
        return t;
    }

    private synchronized void decided(ProposalDecision d) {
        Tracked t = tracked.get(d.proposal());
        if (t == null) {
            LOG.debugf("decision of a proposal this gateway does not hold skipped proposal=%s", d.proposal());
            return;
        }
        if (t.status != ProposalStatus.PENDING_APPROVAL) {
            return; // read twice (the follower re-reads after a reconnect), or already expired
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("outcome", d.outcome().name());
        details.put("deciders", String.join(",", d.deciders()));
        details.put("reason", d.reason());
        details.put("operatorAuditChain", d.auditChain());
        details.put("operatorAuditSequence", Long.toString(d.auditSequence()));
        try {
            app.audit().append(ActorType.SERVICE, app.audit().chain(), GatewayAudit.OPERATOR_DECISION,
                    d.proposal().value(), details);
            if (d.outcome() == ProposalOutcome.REJECTED) {
                finish(t, ProposalStatus.REJECTED, "rejected by " + String.join(", ", d.deciders()) + ": " + d.reason());
            } else if (Instant.now().isAfter(t.madeAt.plus(config.proposals().decisionTimeout()))) {
                finish(t, ProposalStatus.EXPIRED, "approved by " + String.join(", ", d.deciders()) + " after the"
                        + " decision timeout " + config.proposals().decisionTimeout() + "; not executed");
            } else {
                execute(t, "approved by " + String.join(", ", d.deciders()));
            }
        } catch (RuntimeException e) {
            LOG.errorf("decision of proposal=%s could not be acted on: %s", d.proposal(), e.getMessage());
        }
    }

    /**
     * Makes the setpoints of an approved proposal, checks every one with the envelope, audits and publishes them; all
     * or none (a refused one leaves the proposal REJECTED with the envelope's reason).
     */
    private void execute(Tracked t, String approval) {
        Optional<GridCase.Loaded> g = grid.get();
        Optional<Instant> gridNow = clock.now();
        if (g.isEmpty() || gridNow.isEmpty()) {
            finish(t, ProposalStatus.REJECTED, "not executed: " + (g.isEmpty() ? GridCase.notConfigured()
                    : "the grid's time is not known yet (gridai.gateway.clock=telemetry and no telemetry read)"));
            return;
        }
        Instant now = gridNow.get();
        GatewayConfig.Proposals pc = config.proposals();
        SetpointEnvelope envelope = new SetpointEnvelope(g.get().envelopeGrid(), this::freshActivePower,
                pc.toleranceMw(), "gridai.gateway.grid.batteries", "gridai.gateway.proposals.max-state-age");
        List<Setpoint> setpoints = new ArrayList<>();
        List<Double> fromMw = new ArrayList<>();
        double movedMw = 0;
        double movedMwh = 0;
        for (ProposedAction a : t.proposal.actions()) {
            String asset = a.asset().value();
            SetpointEnvelope.Kind kind = g.get().battery(asset).isPresent() ? SetpointEnvelope.Kind.BATTERY
                    : live.latest(a.asset(), MeasurementKind.AVAILABLE_POWER).isPresent()
                            ? SetpointEnvelope.Kind.RENEWABLE : SetpointEnvelope.Kind.GENERATOR;
            Duration within = a.validFor().compareTo(pc.reachWithin()) < 0 ? a.validFor() : pc.reachWithin();
            Optional<String> refusal = envelope.check(asset, kind, a.target(), now, within);
            if (refusal.isPresent()) {
                Map<String, String> d = new LinkedHashMap<>();
                d.put("asset", asset);
                d.put("target", Double.toString(a.target()));
                d.put("checkedAs", kind.name());
                d.put("refusal", refusal.get());
                app.audit().append(ActorType.SERVICE, app.audit().chain(), GatewayAudit.SETPOINT_REFUSED,
                        t.proposal.id().value(), d);
                finish(t, ProposalStatus.REJECTED, "not executed: the setpoint envelope refused " + asset + " at"
                        + " execution: " + refusal.get());
                return;
            }
            double from = freshActivePower(asset, now).map(SetpointEnvelope.Reading::valueMw).orElse(0.0);
            fromMw.add(from);
            movedMw += Math.abs(a.target() - from);
            movedMwh += Math.abs(a.target() - from) * a.validFor().toSeconds() / 3600.0;
            setpoints.add(app.guard().mark(new Setpoint(SetpointId.random(), a.asset(), a.kind(), a.target(), now,
                    now.plus(a.validFor()), SetpointOrigin.APPROVED_PROPOSAL, Optional.of(t.proposal.id()),
                    "agent-gateway", now)));
        }
        for (Setpoint s : setpoints) {
            Optional<String> guarded = app.guard().check(Topics.GRID_SETPOINTS, s);
            if (guarded.isPresent()) {
                // replays can never actuate: a gateway in a sandbox executes nothing on the real grid
                finish(t, ProposalStatus.REJECTED, "not executed: " + guarded.get());
                return;
            }
        }
        for (int i = 0; i < setpoints.size(); i++) {
            Setpoint s = setpoints.get(i);
            Map<String, String> d = new LinkedHashMap<>();
            d.put("setpoint", s.id().value());
            d.put("asset", s.asset().value());
            d.put("kind", s.kind().name());
            d.put("target", Double.toString(s.target()));
            d.put("validFrom", s.validFrom().toString());
            d.put("validUntil", s.validUntil().toString());
            d.put(ProposalRecords.FROM_MW, Double.toString(fromMw.get(i)));
            d.put("approval", approval);
            app.audit().append(ActorType.SERVICE, app.audit().chain(), GatewayAudit.SETPOINT_PUBLISHED,
                    t.proposal.id().value(), d);
            send(Topics.GRID_SETPOINTS, s.asset(), s);
            synchronized (t) {
                t.setpoints.add(s);
            }
        }
        metrics.counter("gridai.gateway.setpoints.published").increment(setpoints.size());
        String agent = t.proposal.agent().value();
        double[] before = used(agent, now);
        used.put(agent, new Used(day(now), before[0] + movedMw, before[1] + movedMwh));
        finish(t, ProposalStatus.EXECUTED, approval + "; " + setpoints.size() + " setpoint(s) published, valid until "
                + setpoints.get(0).validUntil());
    }

    private void finish(Tracked t, ProposalStatus status, String detail) {
        finish(t, status, detail, Map.of());
    }

    private void finish(Tracked t, ProposalStatus status, String detail, Map<String, String> extra) {
        t.status = status;
        t.detail = detail;
        Map<String, String> d = new LinkedHashMap<>();
        d.put("status", status.name());
        d.put("detail", detail);
        d.putAll(extra);
        GatewayAudit.tryAppend(app.audit(), ActorType.SERVICE, app.audit().chain(), GatewayAudit.PROPOSAL_STATUS,
                t.proposal.id().value(), d);
        LOG.infof("proposal status id=%s agent=%s status=%s detail=%s", t.proposal.id(), t.proposal.agent(), status,
                detail);
        tell(t);
    }

    private void tell(Tracked t) {
        for (java.util.function.Consumer<Tracked> l : listeners) {
            try {
                l.accept(t);
            } catch (RuntimeException e) {
                LOG.warnf("a proposal status listener failed proposal=%s: %s", t.proposal.id(), e.getMessage());
            }
        }
    }

    /** MW and MWh the agent's executed proposals moved on the (grid-time, UTC) day of {@code now}. */
    private double[] used(String agent, Instant now) {
        Used u = used.get(agent);
        return u == null || !u.day().equals(day(now)) ? new double[] {0, 0} : new double[] {u.mw(), u.mwh()};
    }

    private static java.time.LocalDate day(Instant t) {
        return ProposalRecords.gridDay(t);
    }

    private void expireOld() {
        Instant now = Instant.now();
        Duration timeout = config.proposals().decisionTimeout();
        for (Tracked t : tracked.values()) {
            if (t.status == ProposalStatus.PENDING_APPROVAL && now.isAfter(t.madeAt.plus(timeout))) {
                finish(t, ProposalStatus.EXPIRED, "operators did not decide within " + timeout);
            }
        }
        Instant oldest = now.minus(config.proposals().replayWindow());
        replays.values().removeIf(e -> e.at().isBefore(oldest));
    }

    private Optional<SetpointEnvelope.Reading> freshActivePower(String asset, Instant now) {
        Duration age = config.proposals().maxStateAge();
        return live.latest(AssetId.of(asset), MeasurementKind.ACTIVE_POWER)
                .filter(m -> !m.eventTime().isAfter(now.plus(age)) && !m.eventTime().isBefore(now.minus(age)))
                .map((Measurement m) -> new SetpointEnvelope.Reading(m.value(), m.eventTime()));
    }

    private <K, V> void send(Topic<K, V> topic, K key, V value) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
        Duration timeout = config.proposals().publishTimeout();
        try {
            app.producer().send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take the record on " + topic.name() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the record on " + topic.name() + " within "
                    + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing on " + topic.name(), e);
        }
    }

    private static RiskLevel max(RiskLevel a, RiskLevel b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
