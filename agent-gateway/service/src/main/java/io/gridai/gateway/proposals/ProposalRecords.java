package io.gridai.gateway.proposals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.security.Tier;
import io.gridai.model.AuditEvent;
import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the gateway writes about a proposal in its audit chain, and how its proposals are read back from the chain after
 * a restart. The chain is the gateway's memory: the review decision carries the whole proposal (title, rationale,
 * actions, the agent's own risk), the agent's tier and the call's replay key; each published setpoint is an event of
 * its own, with the unit's output it moved from (for the agents' daily MW and MWh budgets). Reading the chain in order gives every proposal as it stood when the gateway stopped.
 */
public final class ProposalRecords {

    /** Details of {@link GatewayAudit#REVIEW_DECISION} (besides agent, tier, verdict, risk, rulesVersion, reasons, actions). */
    static final String TITLE = "title";
    static final String RATIONALE = "rationale";
    static final String CREATED_AT = "createdAt";
    static final String PROPOSED_RISK = "proposedRisk";
    static final String ACTION_LIST = "actionList";
    static final String REPLAY_KEY = "replayKey";
    static final String REVIEW_VERDICT = "reviewVerdict";
    static final String REASONS_SEPARATOR = " | ";
    /** Detail of {@link GatewayAudit#SETPOINT_PUBLISHED}: the unit's fresh output when it was made, MW. */
    public static final String FROM_MW = "fromMw";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProposalRecords() {
    }

    /** The review decision's details that let the proposal be read back. */
    public static Map<String, String> proposalDetails(Proposal p, Optional<String> replayKey, Reviewed.Verdict reviewVerdict) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(TITLE, p.title());
        d.put(RATIONALE, p.rationale());
        d.put(CREATED_AT, p.createdAt().toString());
        d.put(PROPOSED_RISK, p.risk().name());
        d.put(ACTION_LIST, actionsJson(p.actions()));
        d.put(REVIEW_VERDICT, reviewVerdict.name());
        replayKey.ifPresent(k -> d.put(REPLAY_KEY, k));
        return d;
    }

    static String actionsJson(List<ProposedAction> actions) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ProposedAction a : actions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asset", a.asset().value());
            m.put("kind", a.kind().name());
            m.put("target", a.target());
            m.put("validFor", a.validFor().toString());
            list.add(m);
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("actions could not be written as JSON: " + e.getMessage(), e);
        }
    }

    static List<ProposedAction> actionsOf(String json) {
        try {
            List<Map<String, Object>> list = JSON.readValue(json, new TypeReference<>() {
            });
            List<ProposedAction> out = new ArrayList<>();
            for (Map<String, Object> m : list) {
                out.add(new ProposedAction(AssetId.of((String) m.get("asset")),
                        MeasurementKind.valueOf((String) m.get("kind")), ((Number) m.get("target")).doubleValue(),
                        Duration.parse((String) m.get("validFor"))));
            }
            return out;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("actionList is not the gateway's actions JSON: " + e.getMessage(), e);
        }
    }

    /**
     * One proposal read back from the chain: {@code status} is its last recorded status, empty when none was recorded
     * (pending, or an execution the restart interrupted).
     */
    public record Restored(Proposal proposal, Tier tier, Reviewed reviewed, Reviewed.Verdict verdict, Instant madeAt,
            Optional<ProposalStatus> status, String detail, List<Setpoint> setpoints, boolean operatorsDecided,
            Optional<String> replayKey) {

        /** Whether the gateway stopped while executing it: approved (by the review or by operators), no final status. */
        public boolean interrupted() {
            return status.isEmpty() && (verdict == Reviewed.Verdict.AUTO_APPROVE || operatorsDecided);
        }

        /**
         * Where it stands after the restart: its recorded status; else REJECTED for a review's rejection; else, for an
         * interrupted execution, EXECUTED if setpoints reached {@code grid.setpoints}, REJECTED if none did; else
         * PENDING_APPROVAL.
         */
        public ProposalStatus standing() {
            if (status.isPresent()) {
                return status.get();
            }
            if (verdict == Reviewed.Verdict.REJECTED) {
                return ProposalStatus.REJECTED;
            }
            if (interrupted()) {
                return setpoints.isEmpty() ? ProposalStatus.REJECTED : ProposalStatus.EXECUTED;
            }
            return ProposalStatus.PENDING_APPROVAL;
        }

        /** The sentence that goes with {@link #standing()}. */
        public String standingDetail() {
            if (status.isPresent()) {
                return detail;
            }
            if (verdict == Reviewed.Verdict.REJECTED) {
                return "rejected by the review: " + String.join("; ", reviewed.reasons());
            }
            if (interrupted()) {
                return setpoints.isEmpty()
                        ? "not executed: the gateway restarted before any setpoint was published; propose again"
                        : "executed before a restart: " + setpoints.size() + " setpoint(s) published, valid until "
                        + setpoints.get(0).validUntil();
            }
            return "waiting for operators' approval (risk " + proposal.risk() + ")";
        }
    }

    /**
     * What the chain says, in chain order: the proposals, what each agent's executions moved per grid day ({MW, MWh}),
     * and what could not be read (a sentence per event).
     */
    public record Read(List<Restored> proposals, Map<String, Map<LocalDate, double[]>> moved, List<String> unreadable) {
    }

    /**
     * Reads the gateway's proposals back from its chain. A review decision written before the chain carried whole
     * proposals (no {@code actionList}) is listed as unreadable and skipped.
     */
    public static Read read(List<AuditEvent> chain) {
        Map<String, List<Reviewed.Step>> steps = new HashMap<>();
        Map<String, Builder> byId = new LinkedHashMap<>();
        Map<String, Map<LocalDate, double[]>> moved = new HashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (AuditEvent e : chain) {
            String id = e.subject();
            Map<String, String> d = e.details();
            try {
                switch (e.action()) {
                    case GatewayAudit.REVIEW_STEP -> steps.computeIfAbsent(id, k -> new ArrayList<>()).add(
                            new Reviewed.Step(d.get("step"), d.get("status"), d.getOrDefault("detail", ""),
                                    Duration.ofNanos(Long.parseLong(d.getOrDefault("durationMicros", "0")) * 1000)));
                    case GatewayAudit.REVIEW_DECISION -> {
                        if (!d.containsKey(ACTION_LIST)) {
                            unreadable.add("sequence " + e.sequence() + ": the review decision of " + id
                                    + " carries no actionList (written before the chain carried whole proposals)");
                            steps.remove(id);
                            continue;
                        }
                        byId.put(id, Builder.of(e, steps.getOrDefault(id, List.of())));
                        steps.remove(id);
                    }
                    case GatewayAudit.OPERATOR_DECISION -> {
                        Builder b = byId.get(id);
                        if (b != null) {
                            b.operatorsDecided = true;
                        }
                    }
                    case GatewayAudit.SETPOINT_PUBLISHED -> {
                        Builder b = byId.get(id);
                        if (b != null) {
                            Instant from = Instant.parse(d.get("validFrom"));
                            Setpoint s = new Setpoint(SetpointId.of(d.get("setpoint")), AssetId.of(d.get("asset")),
                                    MeasurementKind.valueOf(d.get("kind")), Double.parseDouble(d.get("target")), from,
                                    Instant.parse(d.get("validUntil")), SetpointOrigin.APPROVED_PROPOSAL,
                                    Optional.of(ProposalId.of(id)), "agent-gateway", from);
                            b.setpoints.add(s);
                            if (d.containsKey(FROM_MW)) {
                                double delta = Math.abs(s.target() - Double.parseDouble(d.get(FROM_MW)));
                                double[] day = moved.computeIfAbsent(b.proposal.agent().value(), k -> new HashMap<>())
                                        .computeIfAbsent(gridDay(from), k -> new double[2]);
                                day[0] += delta;
                                day[1] += delta * Duration.between(from, s.validUntil()).toSeconds() / 3600.0;
                            }
                        }
                    }
                    case GatewayAudit.PROPOSAL_STATUS -> {
                        Builder b = byId.get(id);
                        if (b != null) {
                            ProposalStatus s = ProposalStatus.valueOf(d.get("status"));
                            b.status = Optional.of(s);
                            b.detail = d.getOrDefault("detail", "");
                        }
                    }
                    default -> {
                        // tool calls, refusals: nothing to restore
                    }
                }
            } catch (RuntimeException ex) {
                unreadable.add("sequence " + e.sequence() + " (" + e.action() + " of " + id + "): " + ex.getMessage());
            }
        }
        return new Read(byId.values().stream().map(Builder::build).toList(), moved, unreadable);
    }

    /** The grid day (UTC) of an instant, as the agents' daily budgets count. */
    static LocalDate gridDay(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static final class Builder {
        private Proposal proposal;
        private Tier tier;
        private Reviewed reviewed;
        private Reviewed.Verdict verdict;
        private Instant madeAt;
        private Optional<ProposalStatus> status = Optional.empty();
        private String detail = "";
        private final List<Setpoint> setpoints = new ArrayList<>();
        private boolean operatorsDecided;
        private Optional<String> replayKey;

        static Builder of(AuditEvent e, List<Reviewed.Step> steps) {
            Map<String, String> d = e.details();
            Builder b = new Builder();
            b.verdict = Reviewed.Verdict.valueOf(d.get("verdict"));
            RiskLevel reviewRisk = RiskLevel.valueOf(d.get("risk"));
            RiskLevel proposed = RiskLevel.valueOf(d.get(PROPOSED_RISK));
            // a proposal for operators was published with the higher of the two risks
            RiskLevel risk = b.verdict == Reviewed.Verdict.NEEDS_HUMAN && reviewRisk.ordinal() > proposed.ordinal()
                    ? reviewRisk : proposed;
            b.proposal = new Proposal(ProposalId.of(e.subject()), AgentId.of(d.get("agent")),
                    Instant.parse(d.get(CREATED_AT)), d.get(TITLE), d.get(RATIONALE), actionsOf(d.get(ACTION_LIST)), risk);
            b.tier = Tier.ofClaim(d.get("tier")).orElseThrow(() -> new IllegalArgumentException("tier '" + d.get("tier")
                    + "' is not a tier"));
            String reasons = d.getOrDefault("reasons", "");
            Duration duration = steps.stream().map(Reviewed.Step::duration).reduce(Duration.ZERO, Duration::plus);
            b.reviewed = new Reviewed(Reviewed.Verdict.valueOf(d.getOrDefault(REVIEW_VERDICT, d.get("verdict"))),
                    reviewRisk, steps, reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(" \\| ")),
                    d.getOrDefault("rulesVersion", "-"), duration);
            b.madeAt = e.time();
            b.replayKey = Optional.ofNullable(d.get(REPLAY_KEY));
            return b;
        }

        Restored build() {
            return new Restored(proposal, tier, reviewed, verdict, madeAt, status, detail, List.copyOf(setpoints),
                    operatorsDecided, replayKey);
        }
    }
}
