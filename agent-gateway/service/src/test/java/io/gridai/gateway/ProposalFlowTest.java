package io.gridai.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.gateway.proposals.ProposalRecords;
import io.gridai.gateway.proposals.ProposalStatus;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.kafka.quarkus.TopicWriter;
import io.gridai.model.AuditEvent;
import io.gridai.model.Proposal;
import io.gridai.model.ProposalDecision;
import io.gridai.model.ProposalOutcome;
import io.gridai.model.ProposalSignoff;
import io.gridai.model.RiskLevel;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proposals through the gateway with the MCP SDK: one for operators lands on {@code grid.proposals} and, once approved
 * on {@code grid.proposal-decisions}, becomes setpoints on {@code grid.setpoints} (origin APPROVED_PROPOSAL, the
 * proposal's id, valid for the action's validFor) after the envelope's check; operators' rejection and the envelope's
 * refusal at execution publish nothing; bad values, replays and another agent's proposal id are refused or answered
 * without a second proposal, and every step is in the audit chain.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(AgentTokens.class)
@WithTestResource(LiveStateMember.class)
class ProposalFlowTest {

    static Map<String, Object> proposal(String title, Object target, String validFor, String asset) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("asset", asset);
        action.put("target", target);
        action.put("validFor", validFor);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("title", title);
        args.put("rationale", "relieve line 8-9 ahead of the evening peak");
        args.put("actions", List.of(action));
        return args;
    }

    static void decide(String proposalId, ProposalOutcome outcome, String by, String reason) {
        ProposalId id = ProposalId.of(proposalId);
        TopicWriter.send(Topics.GRID_PROPOSAL_DECISIONS, id, new ProposalDecision(id, outcome, RiskLevel.MEDIUM,
                List.of(new ProposalSignoff(by, Instant.now(), reason)), "operator-api", 1));
    }

    static JsonNode status(McpAgent agent, String id) {
        return agent.call("proposal_status", Map.of("proposalId", id)).json();
    }

    @Test
    void aProposalForOperatorsIsPublishedAndExecutedOnceApproved() {
        LiveStateWriter.put("gen-2-1", MeasurementKind.ACTIVE_POWER, 163.0, Instant.now());
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:planner", "propose"));
                AuditTail audit = new AuditTail();
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS);
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            McpAgent.Answer answer = agent.call("propose_intervention", proposal("raise gen 2", 170.0, "PT15M", "gen-2-1"));
            assertThat(answer.error()).as(answer.text()).isFalse();
            JsonNode p = answer.json();
            String id = p.path("proposalId").asText();
            assertThat(p.path("status").asText()).isEqualTo("PENDING_APPROVAL");
            assertThat(p.path("verdict").asText()).isEqualTo("NEEDS_HUMAN");
            List<Proposal> published = proposals.newValues();
            assertThat(published).hasSize(1);
            assertThat(published.get(0).id().value()).isEqualTo(id);
            assertThat(published.get(0).agent().value()).isEqualTo("agent:planner");
            assertThat(published.get(0).actions().get(0).target()).isEqualTo(170.0);
            assertThat(setpoints.newValues()).isEmpty();

            LiveStateWriter.put("gen-2-1", MeasurementKind.ACTIVE_POWER, 163.0, Instant.now());
            decide(id, ProposalOutcome.APPROVED, "olga", "looks right");
            await().atMost(Duration.ofSeconds(20)).until(() -> "EXECUTED".equals(status(agent, id).path("status").asText()));
            List<Setpoint> sent = setpoints.newValues();
            assertThat(sent).hasSize(1);
            Setpoint s = sent.get(0);
            assertThat(s.origin()).isEqualTo(SetpointOrigin.APPROVED_PROPOSAL);
            assertThat(s.proposal()).contains(ProposalId.of(id));
            assertThat(s.asset()).isEqualTo(AssetId.of("gen-2-1"));
            assertThat(s.target()).isEqualTo(170.0);
            assertThat(Duration.between(s.validFrom(), s.validUntil())).isEqualTo(Duration.ofMinutes(15));
            assertThat(status(agent, id).path("setpoints").get(0).path("id").asText()).isEqualTo(s.id().value());

            List<String> actions = audit.events().stream().filter(e -> e.subject().equals(id)).map(AuditEvent::action)
                    .toList();
            assertThat(actions).containsSubsequence(GatewayAudit.REVIEW_STEP, GatewayAudit.REVIEW_DECISION,
                    GatewayAudit.PROPOSAL_PUBLISHED, GatewayAudit.OPERATOR_DECISION, GatewayAudit.SETPOINT_PUBLISHED,
                    GatewayAudit.PROPOSAL_STATUS);
        }
    }

    @Test
    void rejectedByOperatorsOrRefusedByTheEnvelopeAtExecutionPublishesNothing() {
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:planner2", "propose"));
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            LiveStateWriter.put("gen-2-2", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
            String rejected = agent.call("propose_intervention", proposal("a", 10.0, "PT15M", "gen-2-2")).json()
                    .path("proposalId").asText();
            decide(rejected, ProposalOutcome.REJECTED, "olga", "not during the test");
            await().atMost(Duration.ofSeconds(20)).until(() -> "REJECTED".equals(status(agent, rejected).path("status").asText()));
            assertThat(status(agent, rejected).path("detail").asText()).contains("olga", "not during the test");

            // by the time operators approve, gen-3-4's output was last measured an hour ago: the envelope at
            // execution will not move it blind
            LiveStateWriter.put("gen-3-4", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
            McpAgent.Answer b = agent.call("propose_intervention", proposal("b", 10.0, "PT15M", "gen-3-4"));
            assertThat(b.json().path("status").asText()).as(b.text()).isEqualTo("PENDING_APPROVAL");
            String stale = b.json().path("proposalId").asText();
            LiveStateWriter.put("gen-3-4", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now().minus(Duration.ofHours(1)));
            decide(stale, ProposalOutcome.APPROVED, "olga", "fine");
            await().atMost(Duration.ofSeconds(20)).until(() -> "REJECTED".equals(status(agent, stale).path("status").asText()));
            assertThat(status(agent, stale).path("detail").asText()).contains("envelope refused gen-3-4",
                    "no ACTIVE_POWER of gen-3-4 measured near");
            assertThat(setpoints.newValues()).isEmpty();
        }
    }

    @Test
    void badValuesAreRefusedWithTheirReasonAndAuditedAndNothingIsPublished() {
        Map<String, String> cases = new LinkedHashMap<>();
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:fuzzer", "execute-within-envelope"));
                AuditTail audit = new AuditTail();
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS);
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            cases.put("string", refusal(agent, proposal("t", "170", "PT15M", "gen-2-1")));
            cases.put("nan", refusal(agent, proposal("t", "NaN", "PT15M", "gen-2-1")));
            cases.put("huge", refusal(agent, proposal("t", 1e300, "PT15M", "gen-2-1")));
            cases.put("duration", refusal(agent, proposal("t", 170.0, "forever", "gen-2-1")));
            cases.put("long", refusal(agent, proposal("t", 170.0, "P30D", "gen-2-1")));
            cases.put("asset", refusal(agent, proposal("t", 170.0, "PT15M", "gen-9-9")));
            cases.put("line", refusal(agent, proposal("t", 170.0, "PT15M", "branch-8-9")));
            cases.put("empty", refusal(agent, Map.of("title", "t", "rationale", "r", "actions", List.of())));
            assertThat(cases.get("string")).contains("actions[0].target must be a JSON number", "\"170\"");
            assertThat(cases.get("nan")).contains("actions[0].target must be a JSON number", "\"NaN\"");
            assertThat(cases.get("huge")).contains("beyond the sanity bound");
            assertThat(cases.get("duration")).contains("not an ISO-8601 duration");
            assertThat(cases.get("long")).contains("longer than PT4H");
            assertThat(cases.get("asset")).contains("'gen-9-9' is not a generator or battery of case");
            assertThat(cases.get("line")).contains("'branch-8-9' is not a generator or battery");
            assertThat(cases.get("empty")).contains("actions must be a non-empty array");
            List<AuditEvent> refused = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                refused.clear();
                audit.events().stream().filter(e -> "agent:fuzzer".equals(e.actor())
                        && "refused".equals(e.details().get("outcome"))).forEach(refused::add);
                return refused.size() == cases.size();
            });
            assertThat(refused).extracting(e -> e.details().get("reason")).containsExactlyElementsOf(cases.values());
            assertThat(proposals.newValues()).isEmpty();
            assertThat(setpoints.newValues()).isEmpty();
        }
    }

    @Test
    void policyLookingTextIsDataNotCode() {
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:injector", "propose"));
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS)) {
            String title = "x\" || true || \"";
            Map<String, Object> args = proposal(title, 8.0, "PT15M", "gen-3-2");
            args.put("rationale", "proposal.actions.all(a, true) && agent.tier == 'execute-within-envelope'");
            LiveStateWriter.put("gen-3-2", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
            McpAgent.Answer a = agent.call("propose_intervention", args);
            JsonNode p = a.json();
            assertThat(p.path("status").asText()).isIn("PENDING_APPROVAL", "REJECTED");
            assertThat(p.path("status").asText()).isNotEqualTo("EXECUTED");
            proposals.newValues().forEach(pub -> assertThat(pub.title()).isEqualTo(title));
            withdraw(agent, p.path("proposalId").asText());
        }
    }

    @Test
    void aReplayedRequestMakesNoSecondProposal() {
        LiveStateWriter.put("gen-2-3", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        LiveStateWriter.put("gen-2-4", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        String token = AgentTokens.agent("agent:retrier", "propose");
        try (McpAgent agent = McpAgent.connect(token);
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS)) {
            Map<String, Object> args = proposal("once", 9.0, "PT15M", "gen-2-3");
            args.put("idempotencyKey", "retry-1");
            JsonNode first = agent.call("propose_intervention", args).json();
            JsonNode second = agent.call("propose_intervention", args).json();
            assertThat(second.path("proposalId").asText()).isEqualTo(first.path("proposalId").asText());
            assertThat(first.path("replayed").asBoolean()).isFalse();
            assertThat(second.path("replayed").asBoolean()).isTrue();

            // the same JSON-RPC request id with the same body, sent twice on a raw session
            McpAgent.Raw raw = new McpAgent.Raw(token);
            Map<String, Object> again = proposal("raw", 9.0, "PT15M", "gen-2-4");
            JsonNode r1 = raw.call(42, "propose_intervention", again);
            JsonNode r2 = raw.call(42, "propose_intervention", again);
            String text1 = r1.path("result").path("content").get(0).path("text").asText();
            String text2 = r2.path("result").path("content").get(0).path("text").asText();
            assertThat(text1).contains("\"replayed\":false");
            assertThat(text2).contains("\"replayed\":true");
            String id1 = text1.replaceAll(".*\"proposalId\":\"([^\"]+)\".*", "$1");
            assertThat(text2).contains(id1);
            // another request id is another intent: a new proposal (which the review may refuse as a conflict)
            String text3 = raw.call(43, "propose_intervention", again).path("result").path("content").get(0)
                    .path("text").asText();
            assertThat(text3).contains("\"replayed\":false");
            String id3 = text3.replaceAll(".*\"proposalId\":\"([^\"]+)\".*", "$1");
            assertThat(id3).isNotEqualTo(id1);
            List<Proposal> published = proposals.newValues();
            assertThat(published).filteredOn(p -> p.id().value().equals(first.path("proposalId").asText())).hasSize(1);
            assertThat(published).filteredOn(p -> p.id().value().equals(id1)).hasSize(1);
            withdraw(agent, first.path("proposalId").asText());
            withdraw(agent, id1);
            withdraw(agent, id3);
        }
    }

    @Test
    void anotherAgentsProposalIsNotVisible() {
        LiveStateWriter.put("gen-3-3", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        try (McpAgent alice = McpAgent.connect(AgentTokens.agent("agent:alice", "propose"));
                McpAgent bob = McpAgent.connect(AgentTokens.agent("agent:bob", "propose"));
                AuditTail audit = new AuditTail()) {
            String id = alice.call("propose_intervention", proposal("mine", 9.0, "PT15M", "gen-3-3")).json()
                    .path("proposalId").asText();
            assertThat(alice.call("proposal_status", Map.of("proposalId", id)).error()).isFalse();
            McpAgent.Answer peek = bob.call("proposal_status", Map.of("proposalId", id));
            assertThat(peek.error()).isTrue();
            assertThat(peek.text()).contains("no proposal " + id + " of agent agent:bob");
            AuditEvent e = audit.await(ev -> "agent:bob".equals(ev.actor()));
            assertThat(e.details()).containsEntry("outcome", "refused").containsEntry("tool", "proposal_status");
            withdraw(alice, id);
        }
    }

    @Test
    void theGatewaysAuditChainVerifiesAfterItsWork() {
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:auditor", "propose"))) {
            agent.call("grid_state", Map.of());
            agent.call("propose_intervention", proposal("bad", "x", "PT15M", "gen-2-1"));
        }
        List<AuditEvent> chain = io.gridai.service.runtime.AuditChainReader.read(
                Map.of("bootstrap.servers", KafkaBrokerTestResource.bootstrapServers()), AuditTail.CHAIN,
                "gateway-test-audit-reader", Duration.ofSeconds(30));
        assertThat(chain).hasSizeGreaterThan(2);
        assertThat(chain.get(0).sequence()).isZero();
        assertThat(AuditEvent.verify(chain).intact()).as(AuditEvent.verify(chain).reason()).isTrue();
        assertThat(chain).extracting(AuditEvent::action).contains(GatewayAudit.TOOL_CALL);
    }

    @Test
    void aBatteryProposalIsReviewedForPowerAndEnergyAndExecutedOnceApproved() {
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:storage", "propose"));
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            // bess-1: 100 MWh, 25 MW at bus 5, half full
            LiveStateWriter.put("bess-1", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
            LiveStateWriter.put("bess-1", MeasurementKind.STATE_OF_CHARGE, 50.0, Instant.now());
            // 20 MW for 4 h is 80 MWh; the battery holds 50
            JsonNode tooLong = agent.call("propose_intervention", proposal("drain", 20.0, "PT4H", "bess-1")).json();
            assertThat(tooLong.path("status").asText()).as(tooLong.toString()).isEqualTo("REJECTED");
            assertThat(tooLong.path("reasons").toString()).contains("discharging 20.000 MW for PT4H needs 80.000 MWh",
                    "holds 50.000 MWh");

            JsonNode p = agent.call("propose_intervention", proposal("discharge", 20.0, "PT1H", "bess-1")).json();
            assertThat(p.path("status").asText()).as(p.toString()).isEqualTo("PENDING_APPROVAL");
            assertThat(p.path("review").get(0).path("detail").asText()).contains("bess-1 20.000 MW in [-25.000, 25.000] MW");
            String id = p.path("proposalId").asText();
            LiveStateWriter.put("bess-1", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
            decide(id, ProposalOutcome.APPROVED, "olga", "evening peak");
            await().atMost(Duration.ofSeconds(20)).until(() -> "EXECUTED".equals(status(agent, id).path("status").asText()));
            assertThat(setpoints.newValues()).singleElement().satisfies(s -> {
                assertThat(s.asset().value()).isEqualTo("bess-1");
                assertThat(s.target()).isEqualTo(20.0);
                assertThat(s.proposal()).contains(ProposalId.of(id));
            });
        }
    }

    @Test
    void theChainReadsBackAsTheGatewayHoldsItsProposals() {
        LiveStateWriter.put("gen-3-4", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        LiveStateWriter.put("gen-2-2", MeasurementKind.ACTIVE_POWER, 0.0, Instant.now());
        String pending;
        String executed;
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:remembered", "propose"))) {
            Map<String, Object> args = proposal("keep me", 6.0, "PT20M", "gen-3-4");
            args.put("idempotencyKey", "remember-1");
            args.put("risk", "HIGH");
            pending = agent.call("propose_intervention", args).json().path("proposalId").asText();
            executed = agent.call("propose_intervention", proposal("run me", 7.0, "PT15M", "gen-2-2")).json()
                    .path("proposalId").asText();
            LiveStateWriter.put("gen-2-2", MeasurementKind.ACTIVE_POWER, 1.0, Instant.now());
            decide(executed, ProposalOutcome.APPROVED, "olga", "fine");
            await().atMost(Duration.ofSeconds(20)).until(() -> "EXECUTED".equals(status(agent, executed).path("status").asText()));
            JsonNode setpoint = status(agent, executed).path("setpoints").get(0);

            List<AuditEvent> chain = io.gridai.service.runtime.AuditChainReader.read(
                    Map.of("bootstrap.servers", KafkaBrokerTestResource.bootstrapServers()), AuditTail.CHAIN,
                    "gateway-test-restore-reader", Duration.ofSeconds(30));
            ProposalRecords.Read read = ProposalRecords.read(chain);
            assertThat(read.unreadable()).isEmpty();
            ProposalRecords.Restored p = restored(read, pending);
            assertThat(p.standing()).isEqualTo(ProposalStatus.PENDING_APPROVAL);
            assertThat(p.interrupted()).isFalse();
            assertThat(p.proposal().title()).isEqualTo("keep me");
            assertThat(p.proposal().agent().value()).isEqualTo("agent:remembered");
            assertThat(p.proposal().risk()).isEqualTo(RiskLevel.HIGH);
            assertThat(p.proposal().actions()).singleElement().satisfies(a -> {
                assertThat(a.asset().value()).isEqualTo("gen-3-4");
                assertThat(a.target()).isEqualTo(6.0);
                assertThat(a.validFor()).isEqualTo(Duration.ofMinutes(20));
            });
            assertThat(p.tier().claim()).isEqualTo("propose");
            assertThat(p.replayKey()).contains("agent:remembered|key|remember-1");
            assertThat(p.reviewed().steps()).extracting(io.gridai.gateway.proposals.Reviewed.Step::name)
                    .containsExactly("limits", "policy", "study", "conflicts", "risk");
            ProposalRecords.Restored e = restored(read, executed);
            assertThat(e.standing()).isEqualTo(ProposalStatus.EXECUTED);
            assertThat(e.setpoints()).singleElement().satisfies(s -> {
                assertThat(s.id().value()).isEqualTo(setpoint.path("id").asText());
                assertThat(s.target()).isEqualTo(7.0);
                assertThat(Duration.between(s.validFrom(), s.validUntil())).isEqualTo(Duration.ofMinutes(15));
            });
            // 6 MW moved (from the 1 MW measured at execution to 7) for 15 minutes
            double[] today = read.moved().get("agent:remembered").values().iterator().next();
            assertThat(today[0]).isCloseTo(6.0, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(today[1]).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-9));

            // the gateway stopped after publishing the setpoint, before recording the status: executed
            List<AuditEvent> cut = new ArrayList<>(chain);
            cut.removeIf(ev -> ev.subject().equals(executed) && ev.action().equals(GatewayAudit.PROPOSAL_STATUS));
            ProposalRecords.Restored stopped = restored(ProposalRecords.read(cut), executed);
            assertThat(stopped.interrupted()).isTrue();
            assertThat(stopped.standing()).isEqualTo(ProposalStatus.EXECUTED);
            // ... or before publishing it: nothing reached the grid, so it is not executed
            cut.removeIf(ev -> ev.subject().equals(executed) && ev.action().equals(GatewayAudit.SETPOINT_PUBLISHED));
            ProposalRecords.Restored early = restored(ProposalRecords.read(cut), executed);
            assertThat(early.standing()).isEqualTo(ProposalStatus.REJECTED);
            assertThat(early.standingDetail()).contains("restarted before any setpoint was published");
            withdraw(agent, pending);
        }
    }

    private static ProposalRecords.Restored restored(ProposalRecords.Read read, String id) {
        return read.proposals().stream().filter(r -> r.proposal().id().value().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("proposal " + id + " not read back from the chain"));
    }

    /** Operators reject a proposal that is still pending, so that it does not stay in other tests' reviews. */
    static void withdraw(McpAgent agent, String id) {
        if ("PENDING_APPROVAL".equals(status(agent, id).path("status").asText())) {
            decide(id, ProposalOutcome.REJECTED, "olga", "test over");
            await().atMost(Duration.ofSeconds(20)).until(() -> "REJECTED".equals(status(agent, id).path("status").asText()));
        }
    }

    private static String refusal(McpAgent agent, Map<String, Object> args) {
        McpAgent.Answer a = agent.call("propose_intervention", args);
        assertThat(a.error()).as(a.text()).isTrue();
        return a.text();
    }
}
