package io.gridai.gateway;

import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.proposals.ProposalRecords;
import io.gridai.gateway.proposals.Reviewed;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.ActorType;
import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.service.runtime.AuditTrail;
import io.gridai.service.runtime.KafkaClientProperties;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What an earlier life of the gateway left in its audit chain, written to the test broker before the gateway starts
 * (after the broker: {@link #order()}), with the real {@link AuditTrail} and the details the gateway writes
 * (ProposalFlowTest checks that the gateway's own chain reads back through {@link ProposalRecords}):
 * <ul>
 *   <li>{@link #PENDING}: agent:restarted's proposal for operators (gen-2-1 to 170 MW), made with idempotency key
 *       {@code before-restart} over MCP, and over A2A as task {@link #TASK};</li>
 *   <li>{@link #INTERRUPTED}: agent:restarted's auto-approved proposal whose setpoint (gen-2-4 to 5 MW) was published
 *       when the gateway stopped, before its status was recorded;</li>
 *   <li>{@link #SPENT}: agent:budgeted's executed proposal that moved gen-3-3 by 80 MW today.</li>
 * </ul>
 */
public class EarlierGateway implements QuarkusTestResourceLifecycleManager {

    static final String CHAIN = "agent-gateway-restart";
    static final ProposalId PENDING = ProposalId.random();
    static final ProposalId INTERRUPTED = ProposalId.random();
    static final ProposalId SPENT = ProposalId.random();
    /** The A2A task and message {@link #PENDING} was proposed with. */
    static final String TASK = "task-before-restart";
    static final String MESSAGE = "message-before-restart";

    @Override
    public int order() {
        return 10; // after the broker
    }

    @Override
    public Map<String, String> start() {
        Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaBrokerTestResource.bootstrapServers());
        Instant now = Instant.now();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClientProperties.durableProducer(kafka, "earlier-gateway"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            AuditTrail trail = new AuditTrail(kafka, producer, CHAIN, Duration.ofSeconds(30), "earlier-gateway-reader");
            trail.load();
            reviewed(trail, proposal(PENDING, "agent:restarted", "gen-2-1", 170.0, now), "propose",
                    Reviewed.Verdict.NEEDS_HUMAN, Optional.of("agent:restarted|key|before-restart"));
            trail.append(ActorType.SERVICE, CHAIN, GatewayAudit.PROPOSAL_PUBLISHED, PENDING.value(),
                    Map.of("agent", "agent:restarted", "risk", "MEDIUM", "topic", "grid.proposals"));
            // it came over A2A: the answered message named its task
            Map<String, String> a2a = new LinkedHashMap<>();
            a2a.put("method", "message/send");
            a2a.put("messageId", MESSAGE);
            a2a.put("argumentsDigest", "0".repeat(64));
            a2a.put("outcome", "ok");
            a2a.put("proposalId", PENDING.value());
            a2a.put("taskId", TASK);
            a2a.put("contextId", "context-before-restart");
            a2a.put("status", "PENDING_APPROVAL");
            a2a.put("replayed", "false");
            trail.append(ActorType.AGENT, "agent:restarted", GatewayAudit.A2A_REQUEST, "message/send", a2a);
            reviewed(trail, proposal(INTERRUPTED, "agent:restarted", "gen-2-4", 5.0, now), "execute-within-envelope",
                    Reviewed.Verdict.AUTO_APPROVE, Optional.empty());
            published(trail, INTERRUPTED, "gen-2-4", 5.0, 0.0, now);
            reviewed(trail, proposal(SPENT, "agent:budgeted", "gen-3-3", 80.0, now), "execute-within-envelope",
                    Reviewed.Verdict.AUTO_APPROVE, Optional.empty());
            published(trail, SPENT, "gen-3-3", 80.0, 0.0, now);
            trail.append(ActorType.SERVICE, CHAIN, GatewayAudit.PROPOSAL_STATUS, SPENT.value(),
                    Map.of("status", "EXECUTED", "detail", "auto-approved; 1 setpoint(s) published"));
        }
        return Map.of("gridai.gateway.audit.chain", CHAIN);
    }

    private static Proposal proposal(ProposalId id, String agent, String asset, double target, Instant now) {
        return new Proposal(id, AgentId.of(agent), now, "before the restart", "written by an earlier gateway",
                List.of(new ProposedAction(AssetId.of(asset), MeasurementKind.ACTIVE_POWER, target,
                        Duration.ofMinutes(15))), RiskLevel.MEDIUM);
    }

    private static void reviewed(AuditTrail trail, Proposal p, String tier, Reviewed.Verdict verdict,
            Optional<String> replayKey) {
        for (String step : List.of("limits", "policy", "study", "conflicts", "risk")) {
            trail.append(ActorType.SERVICE, CHAIN, GatewayAudit.REVIEW_STEP, p.id().value(),
                    Map.of("step", step, "status", "PASSED", "detail", "held", "durationMicros", "10"));
        }
        Map<String, String> d = new LinkedHashMap<>();
        d.put("agent", p.agent().value());
        d.put("tier", tier);
        d.put("verdict", verdict.name());
        d.put("risk", "LOW");
        d.put("rulesVersion", "earlier");
        d.put("reasons", "");
        d.put("actions", "1");
        d.putAll(ProposalRecords.proposalDetails(p, replayKey, verdict));
        trail.append(ActorType.SERVICE, CHAIN, GatewayAudit.REVIEW_DECISION, p.id().value(), d);
    }

    private static void published(AuditTrail trail, ProposalId id, String asset, double target, double from,
            Instant now) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("setpoint", "sp-" + id.value());
        d.put("asset", asset);
        d.put("kind", "ACTIVE_POWER");
        d.put("target", Double.toString(target));
        d.put("validFrom", now.toString());
        d.put("validUntil", now.plus(Duration.ofMinutes(15)).toString());
        d.put(ProposalRecords.FROM_MW, Double.toString(from));
        d.put("approval", "auto-approved by the review");
        trail.append(ActorType.SERVICE, CHAIN, GatewayAudit.SETPOINT_PUBLISHED, id.value(), d);
    }

    @Override
    public void stop() {
    }
}
