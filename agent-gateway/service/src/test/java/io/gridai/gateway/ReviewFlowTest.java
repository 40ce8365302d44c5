package io.gridai.gateway;

import static io.gridai.gateway.ProposalFlowTest.decide;
import static io.gridai.gateway.ProposalFlowTest.proposal;
import static io.gridai.gateway.ProposalFlowTest.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.AuditEvent;
import io.gridai.model.Proposal;
import io.gridai.model.ProposalOutcome;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The review library behind the gateway (test case case9_gateway: the review's case9 whose branch 5-6 overloads
 * after the outage of 8-9 when gen-3-1 rises by 60 MW, not by 10 or 30): a study with nothing published, an
 * overloading proposal rejected with the study's reason, a low-risk proposal of an execute-within-envelope agent
 * executed at once, a proposal safe alone but unsafe with another pending one, a spent daily MW budget (policy rule
 * of src/test/resources/review/policy.yaml).
 */
@QuarkusTest
@TestProfile(ReviewFlowTest.OwnGateway.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(AgentTokens.class)
@WithTestResource(LiveStateMember.class)
class ReviewFlowTest {

    /**
     * A gateway of its own (a restart): the other test classes' pending and active proposals would be applied in
     * these studies. The tests run in order, because each executed proposal stays active and in later studies.
     */
    public static class OwnGateway implements QuarkusTestProfile {
    }

    private static JsonNode study(McpAgent agent, String asset, double target) {
        McpAgent.Answer a = agent.call("study", Map.of("actions", List.of(Map.of("asset", asset, "target", target,
                "validFor", "PT15M"))));
        assertThat(a.error()).as(a.text()).isFalse();
        return a.json();
    }

    @Test
    @Order(1)
    void aStudyAnswersTheNetworkWithTheChangeAndPublishesNothing() {
        LiveStateWriter.put("gen-3-1", MeasurementKind.ACTIVE_POWER, 85.0, Instant.now());
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:student", "study"));
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS);
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            JsonNode small = study(agent, "gen-3-1", 95.0);
            assertThat(small.path("converged").asBoolean()).isTrue();
            assertThat(small.path("newViolations").size()).isZero();
            assertThat(small.path("contingencies").asInt()).isPositive();
            JsonNode big = study(agent, "gen-3-1", 145.0);
            assertThat(big.path("newViolations").toString()).contains("branch-5-6", "outage of branch-8-9");
            assertThat(big.path("worstLoadingPct").asDouble()).isGreaterThan(100.0);
            assertThat(proposals.newValues()).isEmpty();
            assertThat(setpoints.newValues()).isEmpty();
        }
    }

    @Test
    @Order(2)
    void anOverloadingProposalIsRejectedWithTheStudysReason() {
        LiveStateWriter.put("gen-3-1", MeasurementKind.ACTIVE_POWER, 85.0, Instant.now());
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:bold", "execute-within-envelope"));
                AuditTail audit = new AuditTail();
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS);
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            McpAgent.Answer a = agent.call("propose_intervention", proposal("push gen 3", 145.0, "PT15M", "gen-3-1"));
            JsonNode p = a.json();
            assertThat(p.path("status").asText()).as(a.text()).isEqualTo("REJECTED");
            assertThat(p.path("verdict").asText()).isEqualTo("REJECTED");
            assertThat(p.path("reasons").toString()).contains("branch-5-6", "outage of branch-8-9");
            assertThat(p.path("review").findValuesAsText("name")).containsExactly("limits", "policy", "study",
                    "conflicts", "risk");
            assertThat(p.path("review").findValuesAsText("status")).containsExactly("PASSED", "PASSED", "REFUSED",
                    "SKIPPED", "SKIPPED");
            assertThat(proposals.newValues()).isEmpty();
            assertThat(setpoints.newValues()).isEmpty();
            String id = p.path("proposalId").asText();
            List<AuditEvent> events = audit.events().stream().filter(e -> e.subject().equals(id)).toList();
            assertThat(events).extracting(AuditEvent::action).contains(GatewayAudit.REVIEW_STEP,
                    GatewayAudit.REVIEW_DECISION);
            assertThat(events).filteredOn(e -> "study".equals(e.details().get("step"))).singleElement()
                    .satisfies(e -> assertThat(e.details().get("status")).isEqualTo("REFUSED"));
            assertThat(events).filteredOn(e -> e.action().equals(GatewayAudit.REVIEW_DECISION)).singleElement()
                    .satisfies(e -> assertThat(e.details().get("reasons")).contains("branch-5-6"));
        }
    }

    @Test
    @Order(4)
    void aLowRiskProposalOfAnExecuteWithinEnvelopeAgentIsExecutedAtOnce() {
        LiveStateWriter.put("gen-3-1", MeasurementKind.ACTIVE_POWER, 85.0, Instant.now());
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:trusted", "execute-within-envelope"));
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS);
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            Map<String, Object> args = proposal("nudge gen 3", 95.0, "PT10M", "gen-3-1");
            args.put("risk", "LOW"); // the agent's own estimate; the default MEDIUM would keep it for people
            McpAgent.Answer a = agent.call("propose_intervention", args);
            JsonNode p = a.json();
            assertThat(p.path("verdict").asText()).as(a.text()).isEqualTo("AUTO_APPROVE");
            assertThat(p.path("risk").asText()).isEqualTo("LOW");
            assertThat(p.path("status").asText()).isEqualTo("EXECUTED");
            List<Setpoint> sent = setpoints.newValues();
            assertThat(sent).singleElement().satisfies(s -> {
                assertThat(s.origin()).isEqualTo(SetpointOrigin.APPROVED_PROPOSAL);
                assertThat(s.proposal()).contains(ProposalId.of(p.path("proposalId").asText()));
                assertThat(s.target()).isEqualTo(95.0);
                assertThat(Duration.between(s.validFrom(), s.validUntil())).isEqualTo(Duration.ofMinutes(10));
            });
            assertThat(proposals.newValues()).as("an auto-approved proposal does not go to operators").isEmpty();
        }
    }

    @Test
    @Order(3)
    void aProposalSafeAloneIsRejectedWhenAnotherPendingOneMakesItUnsafe() {
        LiveStateWriter.put("gen-3-1", MeasurementKind.ACTIVE_POWER, 85.0, Instant.now());
        LiveStateWriter.put("gen-2-5", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        try (McpAgent first = McpAgent.connect(AgentTokens.agent("agent:first", "propose"));
                McpAgent second = McpAgent.connect(AgentTokens.agent("agent:second", "propose"));
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            assertThat(study(second, "gen-3-1", 115.0).path("newViolations").size()).as("safe alone").isZero();
            JsonNode pending = first.call("propose_intervention", proposal("bus 2 up", 30.0, "PT15M", "gen-2-5")).json();
            assertThat(pending.path("status").asText()).as(pending.toString()).isEqualTo("PENDING_APPROVAL");
            JsonNode p = second.call("propose_intervention", proposal("bus 3 up", 115.0, "PT15M", "gen-3-1")).json();
            assertThat(p.path("status").asText()).as(p.toString()).isEqualTo("REJECTED");
            assertThat(p.path("reasons").toString()).contains("branch-5-6");
            ProposalFlowTest.withdraw(first, pending.path("proposalId").asText());
            assertThat(setpoints.newValues()).isEmpty();
        }
    }

    @Test
    @Order(5)
    void anAgentThatSpentItsDailyBudgetIsRefusedByThePolicy() {
        LiveStateWriter.put("gen-3-5", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:spender", "execute-within-envelope"));
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            JsonNode p = agent.call("propose_intervention", proposal("use 30", 30.0, "PT15M", "gen-3-5")).json();
            String id = p.path("proposalId").asText();
            if ("PENDING_APPROVAL".equals(p.path("status").asText())) {
                LiveStateWriter.put("gen-3-5", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
                decide(id, ProposalOutcome.APPROVED, "olga", "fine");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> "EXECUTED".equals(status(agent, id).path("status").asText()));
            // 30 MW moved today; 75 more would make 105 of the 100 MW a day the rule allows
            LiveStateWriter.put("gen-2-1", MeasurementKind.ACTIVE_POWER, 163.0, Instant.now());
            JsonNode over = agent.call("propose_intervention", proposal("use 75", 238.0, "PT15M", "gen-2-1")).json();
            assertThat(over.path("status").asText()).isEqualTo("REJECTED");
            assertThat(over.path("reasons").toString()).contains("daily-budget");
            assertThat(setpoints.newValues()).extracting(s -> s.proposal().orElseThrow().value()).containsExactly(id);
        }
    }
}
