package io.gridai.operator.proposals;

import io.gridai.model.Proposal;
import io.gridai.model.ProposalDecision;
import io.gridai.model.ProposalOutcome;
import io.gridai.model.ProposalSignoff;
import io.gridai.model.id.ProposalId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proposals of {@code grid.proposals} the operators decide on, each with its approvals and decision. Decisions
 * come from {@code grid.proposal-decisions} (final, as published) and from this service's audit chain (approvals
 * given before a restart, and decisions whose publication is still owed); either may arrive before its proposal.
 * Holds at most {@code maxCount} proposals (the oldest by creation time leave first). Thread-safe; the
 * check-then-record of an operator's action is made atomic by its caller ({@code Proposals}), which writes the audit
 * event in between.
 */
public final class ProposalBook {

    /** One approval, with whether its author held the supervisor role. */
    public record Approval(String by, Instant at, String reason, boolean supervisor) {
    }

    /** What an approval about to be given would do. */
    public record ApprovalStep(Proposal proposal, int number, int needed, boolean completes) {
    }

    private record Decision(ProposalOutcome outcome, List<ProposalSignoff> signoffs, long auditSequence) {
    }

    private static final class Entry {
        Proposal proposal;
        long arrival;
        final List<Approval> approvals = new ArrayList<>();
        Decision decision;
        boolean published;
    }

    private final int maxCount;
    private final ProposalRules rules;
    private final Map<ProposalId, Entry> entries = new HashMap<>();
    private long arrivals;
    private int held;

    public ProposalBook(int maxCount, ProposalRules rules) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("gridai.operator.proposals.max-count must be at least 1 but was "
                    + maxCount);
        }
        this.maxCount = maxCount;
        this.rules = rules;
    }

    /** Files a proposal read from {@code grid.proposals}; a proposal id read again keeps its first proposal. */
    public synchronized void add(Proposal proposal) {
        Entry e = entries.computeIfAbsent(proposal.id(), id -> new Entry());
        if (e.proposal != null) {
            return;
        }
        e.proposal = proposal;
        e.arrival = arrivals++;
        held++;
        evict();
    }

    /** Files a decision read from {@code grid.proposal-decisions}: final, and published. */
    public synchronized void decided(ProposalDecision d) {
        Entry e = entries.computeIfAbsent(d.proposal(), id -> new Entry());
        if (d.outcome() == ProposalOutcome.APPROVED) {
            Map<String, Boolean> supervisors = new HashMap<>();
            e.approvals.forEach(a -> supervisors.put(a.by(), a.supervisor()));
            e.approvals.clear();
            d.signoffs().forEach(s -> e.approvals.add(new Approval(s.by(), s.at(), s.reason(),
                    supervisors.getOrDefault(s.by(), false))));
        }
        e.decision = new Decision(d.outcome(), d.signoffs(), d.auditSequence());
        e.published = true;
        evictOrphans();
    }

    /**
     * Checks that {@code by} may approve now and says what the approval would do.
     *
     * @throws ProposalRefusal when the proposal is unknown or decided, {@code by} approved it already, or the
     *                         approval would complete it without the supervisor its risk needs
     */
    public synchronized ApprovalStep checkApproval(ProposalId id, String by, boolean supervisor) {
        Entry e = pending(id);
        Proposal p = e.proposal;
        int needed = rules.approvalsNeeded(p.risk());
        for (Approval a : e.approvals) {
            if (a.by().equals(by)) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("risk", p.risk().name());
                facts.put("approvalsNeeded", needed);
                facts.put("approvedBy", a.by());
                facts.put("approvedAt", a.at().toString());
                throw new ProposalRefusal(ProposalRefusal.Why.SAME_PERSON, "proposal " + id + " (risk " + p.risk()
                        + ") needs approvals from " + needed + " different people; " + by + " approved it at " + a.at()
                        + ", so a second, different person must approve it", facts);
            }
        }
        int number = e.approvals.size() + 1;
        boolean completes = number >= needed;
        if (completes && rules.needsSupervisor(p.risk()) && !supervisor
                && e.approvals.stream().noneMatch(Approval::supervisor)) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("risk", p.risk().name());
            facts.put("requiredRole", "supervisor");
            facts.put("approvedBy", e.approvals.stream().map(Approval::by).toList());
            throw new ProposalRefusal(ProposalRefusal.Why.SUPERVISOR_REQUIRED, "proposal " + id + " is "
                    + p.risk() + " risk: one of its approvers must be a supervisor, and "
                    + (e.approvals.isEmpty() ? "" : String.join(", ", e.approvals.stream().map(Approval::by).toList())
                    + " and ") + by + " are not; a supervisor must give this approval", facts);
        }
        return new ApprovalStep(p, number, needed, completes);
    }

    /**
     * Checks that the proposal may be rejected (it is held and not decided).
     *
     * @throws ProposalRefusal when it is unknown or decided
     */
    public synchronized Proposal checkRejection(ProposalId id) {
        return pending(id).proposal;
    }

    /**
     * Records an approval (checked with {@link #checkApproval}, written to the audit chain at {@code auditSequence});
     * when it completes the proposal, records the approval decision (not yet published) and returns it.
     */
    public synchronized Optional<ProposalDecision> approve(ProposalId id, Approval approval, boolean completes,
            String auditChain, long auditSequence) {
        Entry e = entries.computeIfAbsent(id, k -> new Entry());
        if (e.decision != null || e.approvals.stream().anyMatch(a -> a.by().equals(approval.by()))) {
            return Optional.empty();
        }
        e.approvals.add(approval);
        if (!completes) {
            return Optional.empty();
        }
        List<ProposalSignoff> signoffs = e.approvals.stream()
                .map(a -> new ProposalSignoff(a.by(), a.at(), a.reason())).toList();
        e.decision = new Decision(ProposalOutcome.APPROVED, signoffs, auditSequence);
        evictOrphans();
        return Optional.ofNullable(e.proposal).map(p -> decision(p, e.decision, auditChain));
    }

    /** Records a rejection (checked, written to the audit chain at {@code auditSequence}), not yet published. */
    public synchronized Optional<ProposalDecision> reject(ProposalId id, ProposalSignoff signoff, String auditChain,
            long auditSequence) {
        Entry e = entries.computeIfAbsent(id, k -> new Entry());
        if (e.decision != null) {
            return Optional.empty();
        }
        e.decision = new Decision(ProposalOutcome.REJECTED, List.of(signoff), auditSequence);
        evictOrphans();
        return Optional.ofNullable(e.proposal).map(p -> decision(p, e.decision, auditChain));
    }

    /** What {@link #restore} put back. */
    public record Restored(int approvals, int rejections, int skipped) {
    }

    /**
     * Puts back the approvals and rejections an audit chain records ({@code approveAction}, {@code rejectAction};
     * subject = proposal id; details {@code reason}, {@code supervisor}, {@code completes}), in chain order. A
     * proposal decided on the topic already keeps that decision; a decision the chain records but the topic does
     * not show is {@link #unpublished owed}.
     */
    public synchronized Restored restore(List<io.gridai.model.AuditEvent> chain, String approveAction,
            String rejectAction, String auditChain) {
        int approvals = 0;
        int rejections = 0;
        int skipped = 0;
        for (io.gridai.model.AuditEvent e : chain) {
            boolean approve = approveAction.equals(e.action());
            if (!approve && !rejectAction.equals(e.action())) {
                continue;
            }
            ProposalId id;
            try {
                id = ProposalId.of(e.subject());
            } catch (IllegalArgumentException bad) {
                skipped++;
                continue;
            }
            String reason = e.details().getOrDefault("reason", "");
            reason = reason.isBlank() ? "(no reason recorded)" : reason;
            if (approve) {
                approve(id, new Approval(e.actor(), e.time(), reason, "true".equals(e.details().get("supervisor"))),
                        "true".equals(e.details().get("completes")), auditChain, e.sequence());
                approvals++;
            } else {
                reject(id, new ProposalSignoff(e.actor(), e.time(), reason), auditChain, e.sequence());
                rejections++;
            }
        }
        return new Restored(approvals, rejections, skipped);
    }

    /** Marks a decision as on {@code grid.proposal-decisions}. */
    public synchronized void published(ProposalId id) {
        Entry e = entries.get(id);
        if (e != null) {
            e.published = true;
        }
    }

    /** The decisions taken (by this service's audit chain) that are not known to be on the topic, of held proposals. */
    public synchronized List<ProposalDecision> unpublished(String auditChain) {
        List<ProposalDecision> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.decision != null && !e.published && e.proposal != null) {
                out.add(decision(e.proposal, e.decision, auditChain));
            }
        }
        return out;
    }

    /** The proposals held, newest first (creation time), filtered by state when given. */
    public synchronized List<ProposalView> list(Optional<ProposalState> state) {
        return entries.values().stream().filter(e -> e.proposal != null)
                .sorted(Comparator.<Entry, Instant>comparing(e -> e.proposal.createdAt())
                        .thenComparingLong(e -> e.arrival).reversed())
                .map(this::view).filter(v -> state.isEmpty() || v.state() == state.get()).toList();
    }

    /** One proposal held. */
    public synchronized Optional<ProposalView> get(ProposalId id) {
        Entry e = entries.get(id);
        return e == null || e.proposal == null ? Optional.empty() : Optional.of(view(e));
    }

    /** How many proposals are held. */
    public synchronized int size() {
        return held;
    }

    private Entry pending(ProposalId id) {
        Entry e = entries.get(id);
        if (e == null || e.proposal == null) {
            throw new ProposalRefusal(ProposalRefusal.Why.NOT_FOUND, "no proposal " + id
                    + " among the proposals held (grid.proposals since gridai.operator.proposals.lookback)", Map.of());
        }
        if (e.decision != null) {
            ProposalSignoff last = e.decision.signoffs().get(e.decision.signoffs().size() - 1);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("outcome", e.decision.outcome().name());
            facts.put("decidedBy", last.by());
            facts.put("decidedAt", last.at().toString());
            throw new ProposalRefusal(ProposalRefusal.Why.ALREADY_DECIDED, "proposal " + id + " was "
                    + e.decision.outcome().name().toLowerCase(java.util.Locale.ROOT) + " by " + last.by() + " at "
                    + last.at() + "; it cannot be decided again", facts);
        }
        return e;
    }

    private ProposalView view(Entry e) {
        Proposal p = e.proposal;
        ProposalView.DecisionView decision = null;
        if (e.decision != null) {
            ProposalSignoff last = e.decision.signoffs().get(e.decision.signoffs().size() - 1);
            decision = new ProposalView.DecisionView(e.decision.outcome().name(), last.by(), last.at(),
                    last.reason());
        }
        ProposalState state = e.decision == null ? ProposalState.PENDING
                : e.decision.outcome() == ProposalOutcome.APPROVED ? ProposalState.APPROVED : ProposalState.REJECTED;
        return new ProposalView(p.id().value(), p.agent().value(), p.createdAt(), p.title(), p.rationale(),
                p.risk().name(), ProposalView.actions(p), state, rules.approvalsNeeded(p.risk()),
                e.approvals.stream().map(a -> new ProposalView.ApprovalView(a.by(), a.at(), a.reason())).toList(),
                decision);
    }

    private static ProposalDecision decision(Proposal p, Decision d, String auditChain) {
        return new ProposalDecision(p.id(), d.outcome(), p.risk(), d.signoffs(), auditChain, d.auditSequence());
    }

    private void evict() {
        while (held > maxCount) {
            Entry oldest = null;
            ProposalId oldestId = null;
            for (Map.Entry<ProposalId, Entry> m : entries.entrySet()) {
                Entry e = m.getValue();
                if (e.proposal != null && (oldest == null || e.proposal.createdAt().isBefore(oldest.proposal.createdAt())
                        || (e.proposal.createdAt().equals(oldest.proposal.createdAt()) && e.arrival < oldest.arrival))) {
                    oldest = e;
                    oldestId = m.getKey();
                }
            }
            entries.remove(oldestId);
            held--;
        }
        evictOrphans();
    }

    /** Approvals and decisions of proposals not (or not yet) read are bounded by {@code maxCount} too. */
    private void evictOrphans() {
        int orphans = entries.size() - held;
        if (orphans <= maxCount) {
            return;
        }
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext() && orphans > maxCount) {
            if (it.next().proposal == null) {
                it.remove();
                orphans--;
            }
        }
    }
}
