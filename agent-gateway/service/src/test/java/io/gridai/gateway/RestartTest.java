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
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.service.runtime.AuditChainReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gateway that starts on the audit chain of an earlier life ({@link EarlierGateway}) holds its proposals as they
 * stood: a pending one is still pending, answers its replay and is executed once operators approve it; an execution
 * the stop interrupted is finished from what the chain says; what an agent moved today still counts in its budget.
 */
@QuarkusTest
@TestProfile(RestartTest.Restarted.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(AgentTokens.class)
@WithTestResource(LiveStateMember.class)
@WithTestResource(EarlierGateway.class)
class RestartTest {

    /** A gateway of its own, on the chain {@link EarlierGateway} wrote. */
    public static class Restarted implements QuarkusTestProfile {
    }

    @Test
    void aPendingProposalIsStillPendingAnswersItsReplayAndIsExecutedWhenApproved() throws Exception {
        String id = EarlierGateway.PENDING.value();
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:restarted", "propose"));
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS);
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            JsonNode before = status(agent, id);
            assertThat(before.path("status").asText()).as(before.toString()).isEqualTo("PENDING_APPROVAL");
            assertThat(before.path("review").size()).isEqualTo(5);

            // its A2A task is back too, for its owner only, and the same message id answers it
            A2aAgent a2a = new A2aAgent(AgentTokens.agent("agent:restarted", "propose"));
            io.a2a.spec.Task task = a2a.get(EarlierGateway.TASK);
            assertThat(task.getStatus().state()).isEqualTo(io.a2a.spec.TaskState.INPUT_REQUIRED);
            assertThat(task.getMetadata()).containsEntry("proposalId", id);
            assertThat(task.getContextId()).isEqualTo("context-before-restart");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new A2aAgent(AgentTokens.agent("agent:other",
                    "propose")).get(EarlierGateway.TASK)).hasMessageContaining("no task " + EarlierGateway.TASK);
            io.a2a.spec.EventKind resent = a2a.send(proposal("resent", 170.0, "PT15M", "gen-2-1"), EarlierGateway.MESSAGE);
            assertThat(((io.a2a.spec.Task) resent).getId()).isEqualTo(EarlierGateway.TASK);

            Map<String, Object> again = proposal("retried after the restart", 170.0, "PT15M", "gen-2-1");
            again.put("idempotencyKey", "before-restart");
            JsonNode replay = agent.call("propose_intervention", again).json();
            assertThat(replay.path("replayed").asBoolean()).as(replay.toString()).isTrue();
            assertThat(replay.path("proposalId").asText()).isEqualTo(id);
            assertThat(proposals.newValues()).isEmpty();

            LiveStateWriter.put("gen-2-1", MeasurementKind.ACTIVE_POWER, 163.0, Instant.now());
            decide(id, ProposalOutcome.APPROVED, "olga", "approved across the restart");
            await().atMost(Duration.ofSeconds(20)).until(() -> "EXECUTED".equals(status(agent, id).path("status").asText()));
            await().atMost(Duration.ofSeconds(20)).until(() -> a2a.get(EarlierGateway.TASK).getStatus().state()
                    == io.a2a.spec.TaskState.COMPLETED);
            List<Setpoint> sent = setpoints.newValues();
            assertThat(sent).singleElement().satisfies(s -> {
                assertThat(s.proposal()).contains(EarlierGateway.PENDING);
                assertThat(s.asset().value()).isEqualTo("gen-2-1");
                assertThat(s.target()).isEqualTo(170.0);
            });
        }
    }

    @Test
    void anExecutionTheStopInterruptedIsFinishedFromTheChain() {
        String id = EarlierGateway.INTERRUPTED.value();
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:restarted", "propose"))) {
            JsonNode s = status(agent, id);
            assertThat(s.path("status").asText()).as(s.toString()).isEqualTo("EXECUTED");
            assertThat(s.path("detail").asText()).contains("executed before a restart");
            assertThat(s.path("setpoints").get(0).path("asset").asText()).isEqualTo("gen-2-4");
        }
        List<AuditEvent> chain = AuditChainReader.read(Map.of("bootstrap.servers",
                KafkaBrokerTestResource.bootstrapServers()), EarlierGateway.CHAIN, "restart-test-reader",
                Duration.ofSeconds(30));
        assertThat(chain).filteredOn(e -> e.subject().equals(id) && e.action().equals(GatewayAudit.PROPOSAL_STATUS))
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("status", "EXECUTED"));
        assertThat(AuditEvent.verify(chain).intact()).as(AuditEvent.verify(chain).reason()).isTrue();
    }

    @Test
    void whatAnAgentMovedBeforeTheRestartStillCountsInItsDailyBudget() {
        // 80 MW moved today before the restart; 30 more would make 110 of the 100 MW a day the rule allows
        LiveStateWriter.put("gen-3-5", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:budgeted", "execute-within-envelope"));
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            JsonNode over = agent.call("propose_intervention", proposal("use 30", 30.0, "PT15M", "gen-3-5")).json();
            assertThat(over.path("status").asText()).as(over.toString()).isEqualTo("REJECTED");
            assertThat(over.path("reasons").toString()).contains("daily-budget");
            assertThat(setpoints.newValues()).isEmpty();
        }
    }
}
