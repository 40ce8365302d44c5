package io.gridai.gateway;

import static io.gridai.gateway.ProposalFlowTest.decide;
import static io.gridai.gateway.ProposalFlowTest.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.DataPart;
import io.a2a.spec.EventKind;
import io.a2a.spec.HTTPAuthSecurityScheme;
import io.a2a.spec.Message;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Proposals over A2A with the A2A Java SDK's JSON-RPC client: the public agent card; a proposal becomes a task that is
 * {@code input-required} while operators decide and {@code completed} once their approval is executed (a setpoint on
 * {@code grid.setpoints}); an observe agent, bad values and an overloading change are {@code rejected} with their
 * reasons; the same messageId makes no second proposal; another agent's task and proposal are not visible; no or an
 * expired token is refused at the door. Assets are ones {@code ProposalFlowTest} does not use (gen-2-5, gen-3-5), so
 * that pending proposals of both do not conflict.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(AgentTokens.class)
@WithTestResource(LiveStateMember.class)
class A2aFlowTest {

    @Test
    void theAgentCardIsPublicAndTheEndpointNeedsAnAgentToken() throws Exception {
        AgentCard card = A2aAgent.card();
        assertThat(card.url()).as("the service's own address (gridai.gateway.a2a.public-url not set)")
                .isEqualTo(A2aAgent.url().replace("127.0.0.1", "localhost"));
        assertThat(card.preferredTransport()).isEqualTo("JSONRPC");
        assertThat(card.capabilities().streaming()).isFalse();
        assertThat(card.capabilities().pushNotifications()).isFalse();
        assertThat(card.skills()).extracting(AgentSkill::id).containsExactly("propose-intervention",
                "proposal-status");
        assertThat(card.securitySchemes().values()).singleElement().isInstanceOfSatisfying(
                HTTPAuthSecurityScheme.class, s -> {
                    assertThat(s.getScheme()).isEqualTo("bearer");
                    assertThat(s.getBearerFormat()).isEqualTo("JWT");
                });

        try (AuditTail audit = new AuditTail()) {
            assertThat(A2aAgent.status(null)).isEqualTo(401);
            assertThat(A2aAgent.status(AgentTokens.expired("agent:late", "propose"))).isEqualTo(401);
            assertThat(A2aAgent.status(AgentTokens.operator("olga", "operator"))).isEqualTo(401);
            Map<String, Object> p = proposal("no token", 5.0, "PT15M", "gen-3-5");
            assertThatThrownBy(() -> new A2aAgent(null).send(p)).hasMessageContaining("Authentication failed");
            await().atMost(Duration.ofSeconds(20)).until(() -> audit.events().stream()
                    .filter(e -> e.action().equals(GatewayAudit.AUTH_REFUSED) && "/".equals(e.details().get("path")))
                    .count() >= 4);
            assertThat(audit.events()).filteredOn(e -> e.action().equals(GatewayAudit.AUTH_REFUSED))
                    .extracting(e -> e.details().get("reason")).anyMatch(r -> r.startsWith("no token"))
                    .anyMatch(r -> r.contains("agent:late"));
        }
    }

    @Test
    void aProposalIsATaskThatWaitsForOperatorsAndCompletesWhenExecuted() throws Exception {
        LiveStateWriter.put("gen-3-5", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        A2aAgent agent = new A2aAgent(AgentTokens.agent("agent:a2a-planner", "propose"));
        try (AuditTail audit = new AuditTail();
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS);
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            Task task = agent.propose(proposal("raise gen 3-5", 10.0, "PT15M", "gen-3-5"));
            assertThat(task.getStatus().state()).as(A2aAgent.statusText(task)).isEqualTo(TaskState.INPUT_REQUIRED);
            String id = (String) task.getMetadata().get("proposalId");
            assertThat(A2aAgent.statusText(task)).contains("in review by operators", id);
            Map<String, Object> view = A2aAgent.artifact(task, "proposal");
            assertThat(view).containsEntry("proposalId", id).containsEntry("status", "PENDING_APPROVAL")
                    .containsEntry("verdict", "NEEDS_HUMAN");
            assertThat(view.get("review").toString()).contains("limits", "policy", "study", "conflicts", "risk");
            List<Proposal> published = proposals.newValues();
            assertThat(published).singleElement().satisfies(p -> {
                assertThat(p.id().value()).isEqualTo(id);
                assertThat(p.agent().value()).isEqualTo("agent:a2a-planner");
                assertThat(p.actions().get(0).target()).isEqualTo(10.0);
            });
            AuditEvent sent = audit.await(e -> e.action().equals(GatewayAudit.A2A_REQUEST)
                    && "agent:a2a-planner".equals(e.actor()));
            assertThat(sent.details()).containsEntry("method", "message/send").containsEntry("outcome", "ok")
                    .containsEntry("proposalId", id).containsKeys("messageId", "argumentsDigest", "resultDigest");

            // the skill proposal-status answers the same
            EventKind status = agent.send(Map.of("proposalId", id));
            assertThat(status).isInstanceOfSatisfying(Message.class, m -> assertThat(m.getParts())
                    .filteredOn(DataPart.class::isInstance).singleElement()
                    .satisfies(d -> assertThat(((DataPart) d).getData()).containsEntry("status", "PENDING_APPROVAL")));

            LiveStateWriter.put("gen-3-5", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
            decide(id, ProposalOutcome.APPROVED, "olga", "fine by me");
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.get(task.getId()).getStatus().state()
                    == TaskState.COMPLETED);
            Task done = agent.get(task.getId());
            assertThat(done.getMetadata()).containsEntry("proposalStatus", "EXECUTED");
            assertThat(A2aAgent.statusText(done)).contains("approved by olga", "setpoint(s) published");
            List<Setpoint> out = setpoints.newValues();
            assertThat(out).singleElement().satisfies(s -> {
                assertThat(s.origin()).isEqualTo(SetpointOrigin.APPROVED_PROPOSAL);
                assertThat(s.proposal()).contains(ProposalId.of(id));
                assertThat(s.target()).isEqualTo(10.0);
            });
            assertThat(A2aAgent.artifact(done, "setpoints").get("setpoints").toString())
                    .contains(out.get(0).id().value());
            assertThatThrownBy(() -> agent.cancel(task.getId())).hasMessageContaining("tasks/cancel is not supported");
        }
    }

    @Test
    void anObserveAgentBadValuesAndAnOverloadAreRejectedWithTheirReasons() throws Exception {
        try (AuditTail audit = new AuditTail();
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS)) {
            Task observer = new A2aAgent(AgentTokens.agent("agent:a2a-watcher", "observe"))
                    .propose(proposal("let me", 10.0, "PT15M", "gen-2-5"));
            assertThat(observer.getStatus().state()).isEqualTo(TaskState.REJECTED);
            assertThat(A2aAgent.statusText(observer)).contains("needs tier propose", "has observe");
            AuditEvent refused = audit.await(e -> "agent:a2a-watcher".equals(e.actor()));
            assertThat(refused.details()).containsEntry("outcome", "refused").containsEntry("method", "message/send");

            A2aAgent fuzzer = new A2aAgent(AgentTokens.agent("agent:a2a-fuzzer", "propose"));
            Task text = fuzzer.propose(proposal("t", "170", "PT15M", "gen-2-5"));
            assertThat(text.getStatus().state()).isEqualTo(TaskState.REJECTED);
            assertThat(A2aAgent.statusText(text)).contains("actions[0].target must be a JSON number", "\"170\"");
            EventKind nan = fuzzer.sendText("{\"title\":\"t\",\"rationale\":\"r\",\"actions\":[{\"asset\":\"gen-2-5\","
                    + "\"target\":\"NaN\",\"validFor\":\"PT15M\"}]}");
            assertThat(nan).isInstanceOfSatisfying(Task.class, t -> {
                assertThat(t.getStatus().state()).isEqualTo(TaskState.REJECTED);
                assertThat(A2aAgent.statusText(t)).contains("actions[0].target must be a JSON number", "\"NaN\"");
            });
            Task garbage = (Task) fuzzer.sendText("raise gen 2-5 please");
            assertThat(A2aAgent.statusText(garbage)).contains("not JSON", "a message needs a data part");

            // case9_gateway: gen-3-1 60 MW up overloads branch 5-6 after the outage of 8-9
            LiveStateWriter.put("gen-3-1", MeasurementKind.ACTIVE_POWER, 85.0, Instant.now());
            Task bold = fuzzer.propose(proposal("push gen 3", 145.0, "PT15M", "gen-3-1"));
            assertThat(bold.getStatus().state()).as(A2aAgent.statusText(bold)).isEqualTo(TaskState.REJECTED);
            assertThat(A2aAgent.statusText(bold)).contains("rejected by the review", "branch-5-6",
                    "outage of branch-8-9");
            assertThat(bold.getMetadata()).containsEntry("proposalStatus", "REJECTED");
            assertThat(A2aAgent.artifact(bold, "proposal").get("review").toString()).contains("REFUSED");
            assertThat(proposals.newValues()).isEmpty();
        }
    }

    @Test
    void theSameMessageIdMakesNoSecondProposalAndOthersSeeNothing() throws Exception {
        LiveStateWriter.put("gen-2-5", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        A2aAgent alice = new A2aAgent(AgentTokens.agent("agent:a2a-alice", "propose"));
        A2aAgent bob = new A2aAgent(AgentTokens.agent("agent:a2a-bob", "propose"));
        try (AuditTail audit = new AuditTail();
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS)) {
            String messageId = UUID.randomUUID().toString();
            Map<String, Object> args = proposal("once", 9.0, "PT15M", "gen-2-5");
            Task first = (Task) alice.send(args, messageId);
            Task second = (Task) alice.send(args, messageId);
            assertThat(first.getStatus().state()).as(A2aAgent.statusText(first)).isEqualTo(TaskState.INPUT_REQUIRED);
            assertThat(second.getId()).isEqualTo(first.getId());
            String id = (String) first.getMetadata().get("proposalId");
            assertThat(second.getMetadata()).containsEntry("proposalId", id);
            assertThat(proposals.newValues()).filteredOn(p -> p.agent().value().equals("agent:a2a-alice"))
                    .singleElement().satisfies(p -> assertThat(p.id().value()).isEqualTo(id));
            assertThat(audit.await(e -> "agent:a2a-alice".equals(e.actor()) && "true".equals(e.details()
                    .get("replayed"))).details()).containsEntry("proposalId", id);

            assertThatThrownBy(() -> bob.get(first.getId())).hasMessageContaining("no task " + first.getId()
                    + " of agent agent:a2a-bob");
            assertThatThrownBy(() -> bob.send(Map.of("proposalId", id))).hasMessageContaining("no proposal " + id
                    + " of agent agent:a2a-bob");
            assertThatThrownBy(() -> bob.cancel(first.getId())).hasMessageContaining("no task");
            assertThat(audit.await(e -> "agent:a2a-bob".equals(e.actor()) && "tasks/get".equals(e.details()
                    .get("method"))).details()).containsEntry("outcome", "refused");
            assertThat(alice.get(first.getId()).getStatus().state()).isEqualTo(TaskState.INPUT_REQUIRED);

            // streaming is not offered: the SDK answers with an error, and the request is in the chain all the same
            String stream = A2aAgent.post(AgentTokens.agent("agent:a2a-alice", "propose"), "{\"jsonrpc\":\"2.0\","
                    + "\"id\":5,\"method\":\"tasks/resubscribe\",\"params\":{\"id\":\"" + first.getId() + "\"}}").body();
            assertThat(stream).contains("error");
            assertThat(audit.await(e -> "agent:a2a-alice".equals(e.actor()) && "tasks/resubscribe".equals(e.details()
                    .get("method"))).details()).containsEntry("outcome", "refused").containsEntry("taskId",
                            first.getId());

            decide(id, ProposalOutcome.REJECTED, "olga", "test over");
            await().atMost(Duration.ofSeconds(20)).until(() -> alice.get(first.getId()).getStatus().state()
                    == TaskState.REJECTED);
            assertThat(A2aAgent.statusText(alice.get(first.getId()))).contains("rejected by olga", "test over");
        }
    }
}
