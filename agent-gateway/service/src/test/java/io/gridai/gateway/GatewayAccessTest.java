package io.gridai.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.kafka.quarkus.TopicWriter;
import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.AuditEvent;
import io.gridai.model.Forecast;
import io.gridai.model.ForecastStep;
import io.gridai.model.Measurement;
import io.gridai.model.Proposal;
import io.gridai.model.QualityFlag;
import io.gridai.model.Setpoint;
import io.gridai.model.Severity;
import io.gridai.model.id.AlertId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.modelcontextprotocol.spec.McpError;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An agent with the official MCP Java SDK against the running gateway: the tools each tier sees, reading the live state
 * with its provenance, alerts and forecasts, scopes, refused tokens, a missing tier, the rate budget; every call and
 * refusal in the audit chain.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(AgentTokens.class)
@WithTestResource(LiveStateMember.class)
class GatewayAccessTest {

    @Test
    void eachTierSeesOnlyTheToolsItMayUse() {
        try (McpAgent observe = McpAgent.connect(AgentTokens.agent("agent:obs", "observe"));
                McpAgent study = McpAgent.connect(AgentTokens.agent("agent:stu", "study"));
                McpAgent propose = McpAgent.connect(AgentTokens.agent("agent:pro", "propose"));
                McpAgent execute = McpAgent.connect(AgentTokens.agent("agent:exe", "execute-within-envelope"))) {
            assertThat(observe.toolNames()).containsExactly("forecasts", "grid_state", "history");
            assertThat(study.toolNames()).containsExactly("forecasts", "grid_state", "history", "study");
            assertThat(propose.toolNames()).containsExactly("forecasts", "grid_state", "history",
                    "proposal_status", "propose_intervention", "study");
            assertThat(execute.toolNames()).isEqualTo(propose.toolNames());
        }
    }

    @Test
    void aToolAboveTheTierIsRefusedIfCalledAnywayAndAudited() {
        try (McpAgent observe = McpAgent.connect(AgentTokens.agent("agent:sneaky", "observe"));
                AuditTail audit = new AuditTail();
                TopicTail<ProposalId, Proposal> proposals = TopicTail.of(Topics.GRID_PROPOSALS);
                TopicTail<AssetId, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            assertThatThrownBy(() -> observe.call("propose_intervention", Map.of("title", "t", "rationale", "r",
                    "actions", List.of(Map.of("asset", "gen-2-1", "target", 170.0, "validFor", "PT15M")))))
                    .isInstanceOf(McpError.class);
            AuditEvent refused = audit.await(e -> e.action().equals(GatewayAudit.TOOL_CALL)
                    && "agent:sneaky".equals(e.actor()));
            assertThat(refused.details()).containsEntry("outcome", "refused")
                    .containsEntry("tool", "propose_intervention");
            assertThat(refused.details().get("reason")).contains("needs tier propose", "observe");
            assertThat(proposals.newValues()).isEmpty();
            assertThat(setpoints.newValues()).isEmpty();
        }
    }

    @Test
    void gridStateAnswersLatestValuesWithProvenanceAndAlerts() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Measurement suspect = LiveStateWriter.measurement("gen-2-1", MeasurementKind.ACTIVE_POWER, 163.5, now)
                .withFlag(QualityFlag.SUSPECT);
        LiveStateWriter.put(suspect);
        Alert alert = new Alert(AlertId.random(), AssetId.of("gen-2-1"), AlertType.VOLTAGE_HIGH, Severity.WARNING,
                AlertState.RAISED, MeasurementKind.VOLTAGE, 380.0, 379.5, now, "gen-2-1 VOLTAGE above 379.5 kV");
        TopicWriter.send(Topics.GRID_ALERTS, alert.asset(), alert);
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:reader", "observe"));
                AuditTail audit = new AuditTail()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.call("grid_state", Map.of("asset", "gen-2-1"))
                    .json().path("alerts").size() > 0);
            McpAgent.Answer answer = agent.call("grid_state", Map.of("asset", "gen-2-1"));
            assertThat(answer.error()).isFalse();
            JsonNode asset = answer.json().path("assets").get(0);
            assertThat(asset.path("asset").asText()).isEqualTo("gen-2-1");
            assertThat(asset.path("zone").asText()).isEqualTo("zone-1");
            JsonNode value = asset.path("values").get(0);
            assertThat(value.path("kind").asText()).isEqualTo("ACTIVE_POWER");
            assertThat(value.path("value").asDouble()).isEqualTo(163.5);
            assertThat(value.path("unit").asText()).isEqualTo("MW");
            assertThat(value.path("source").asText()).isEqualTo("grid-twin");
            assertThat(value.path("quality").get(0).asText()).isEqualTo("SUSPECT");
            assertThat(value.path("good").asBoolean()).isFalse();
            assertThat(value.path("eventTime").asText()).isEqualTo(now.toString());
            assertThat(answer.json().path("alerts").findValuesAsText("id")).contains(alert.id().value());
            // the audit chain has the call with the digest of exactly what the agent was given
            AuditEvent call = audit.await(e -> e.action().equals(GatewayAudit.TOOL_CALL)
                    && "agent:reader".equals(e.actor()) && "ok".equals(e.details().get("outcome")));
            assertThat(call.details()).containsEntry("tool", "grid_state")
                    .containsEntry("resultBytes", Integer.toString(answer.text().length()));
            assertThat(audit.events().stream().map(e -> e.details().get("resultDigest")))
                    .contains(GatewayAudit.digest(answer.text()));
        }
    }

    @Test
    void forecastsAnswerTheNewestOfEachZone() {
        ZoneId zone = ZoneId.of("zone-2");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Forecast older = forecast(zone, t.minus(Duration.ofHours(1)), "m-old");
        Forecast newer = forecast(zone, t, "m-new");
        TopicWriter.send(Topics.GRID_FORECASTS, zone, newer);
        TopicWriter.send(Topics.GRID_FORECASTS, zone, older);
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:forecast-reader", "observe"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.call("forecasts", Map.of("zone", "zone-2"))
                    .json().path("forecasts").size() == 1);
            JsonNode f = agent.call("forecasts", Map.of("zone", "zone-2")).json().path("forecasts").get(0);
            assertThat(f.path("modelVersion").asText()).isEqualTo("m-new");
            assertThat(f.path("issueTime").asText()).isEqualTo(t.toString());
            assertThat(f.path("steps").get(0).path("quantiles").size()).isEqualTo(3);
        }
    }

    @Test
    void aScopedAgentSeesAndTouchesOnlyItsZones() {
        Instant now = Instant.now();
        LiveStateWriter.put("gen-2-1", MeasurementKind.ACTIVE_POWER, 163.0, now);
        LiveStateWriter.put("bus-9", MeasurementKind.VOLTAGE, 345.0, now);
        String token = AgentTokens.scoped("agent:zone2", "propose", List.of("zone-2"), List.of());
        try (McpAgent agent = McpAgent.connect(token)) {
            JsonNode state = agent.call("grid_state", Map.of()).json();
            assertThat(state.path("assets").findValuesAsText("asset")).contains("bus-9").doesNotContain("gen-2-1");
            McpAgent.Answer outside = agent.call("grid_state", Map.of("asset", "gen-2-1"));
            assertThat(outside.error()).isTrue();
            assertThat(outside.text()).contains("outside this agent's scope", "zone-2");
            McpAgent.Answer propose = agent.call("propose_intervention", Map.of("title", "t", "rationale", "r",
                    "actions", List.of(Map.of("asset", "gen-2-1", "target", 170.0, "validFor", "PT15M"))));
            assertThat(propose.error()).isTrue();
            assertThat(propose.text()).contains("actions[0].asset 'gen-2-1' is outside this agent's scope");
        }
    }

    @Test
    void expiredForeignAndOperatorTokensAreRefusedAtTheDoorAndAudited() {
        try (AuditTail audit = new AuditTail()) {
            assertThat(McpAgent.initializeStatus(AgentTokens.expired("agent:late", "propose"))).isEqualTo(401);
            assertThat(McpAgent.initializeStatus(AgentTokens.foreignKey("agent:forger", "propose"))).isEqualTo(401);
            assertThat(McpAgent.initializeStatus(AgentTokens.operator("olga", "operator"))).isEqualTo(401);
            assertThat(McpAgent.initializeStatus("not-a-token")).isEqualTo(401);
            await().atMost(Duration.ofSeconds(20)).until(() -> audit.events().stream()
                    .filter(e -> e.action().equals(GatewayAudit.AUTH_REFUSED)).count() >= 4);
            assertThat(audit.events()).filteredOn(e -> e.action().equals(GatewayAudit.AUTH_REFUSED))
                    .allSatisfy(e -> assertThat(e.details().get("reason")).isNotBlank());
        }
    }

    @Test
    void aTokenWithoutAKnownTierSeesNoToolsAndIsRefused() {
        String token = AgentTokens.agent("agent:tierless", "admin");
        try (McpAgent agent = McpAgent.connect(token); AuditTail audit = new AuditTail()) {
            // no tool passes the filter, so the server does not even offer the tools capability to this agent
            assertThatThrownBy(agent::toolNames).hasMessageContaining("tools capability");
            JsonNode answer = new McpAgent.Raw(token).call(7, "grid_state", Map.of());
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32602);
            AuditEvent e = audit.await(ev -> "agent:tierless".equals(ev.actor()));
            assertThat(e.details()).containsEntry("outcome", "refused").containsEntry("tool", "grid_state");
            assertThat(e.details().get("reason")).contains("gridai_tier claim is 'admin'");
        }
    }

    @Test
    void anAgentThatSpendsItsBudgetIsRefusedUntilItRefills() {
        // %test.gridai.gateway.rate.tools.forecasts=3/0.01: three calls, then a token every 100 minutes
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:greedy", "observe"));
                AuditTail audit = new AuditTail()) {
            for (int i = 0; i < 3; i++) {
                assertThat(agent.call("forecasts", Map.of()).error()).isFalse();
            }
            McpAgent.Answer refused = agent.call("forecasts", Map.of());
            assertThat(refused.error()).isTrue();
            assertThat(refused.text()).contains("rate limit", "gridai.gateway.rate.tools.forecasts", "try again in");
            // other tools still have the overall budget
            assertThat(agent.call("grid_state", Map.of()).error()).isFalse();
            AuditEvent e = audit.await(ev -> "agent:greedy".equals(ev.actor())
                    && "refused".equals(ev.details().get("outcome")));
            assertThat(e.details().get("reason")).contains("rate limit");
        }
    }

    @Test
    void historyAnswersAnAssetsMeasurementsInTheRangeFromKafka() {
        Instant t0 = Instant.parse("2020-07-01T12:00:00Z");
        List<Measurement> ms = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ms.add(LiveStateWriter.measurement("gen-3-3", MeasurementKind.ACTIVE_POWER, 10 + i,
                    t0.plus(Duration.ofMinutes(5L * i))));
            ms.add(LiveStateWriter.measurement("gen-3-4", MeasurementKind.ACTIVE_POWER, 50 + i,
                    t0.plus(Duration.ofMinutes(5L * i))));
        }
        TopicWriter.sendAll(Topics.TELEMETRY_CLEAN, ms, Measurement::asset);
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:historian", "observe"))) {
            JsonNode h = agent.call("history", Map.of("asset", "gen-3-3", "from", "2020-07-01T12:10:00Z",
                    "to", "2020-07-01T12:30:00Z")).json();
            assertThat(h.path("count").asInt()).isEqualTo(4);
            assertThat(h.path("truncated").asBoolean()).isFalse();
            assertThat(h.path("measurements").findValuesAsText("eventTime")).containsExactly("2020-07-01T12:10:00Z",
                    "2020-07-01T12:15:00Z", "2020-07-01T12:20:00Z", "2020-07-01T12:25:00Z");
            assertThat(h.path("measurements").findValues("value")).extracting(JsonNode::asDouble)
                    .containsExactly(12.0, 13.0, 14.0, 15.0);
            assertThat(h.path("measurements").get(0).path("source").asText()).isEqualTo("grid-twin");
            McpAgent.Answer backwards = agent.call("history", Map.of("asset", "gen-3-3",
                    "from", "2020-07-01T12:30:00Z", "to", "2020-07-01T12:10:00Z"));
            assertThat(backwards.error()).isTrue();
            assertThat(backwards.text()).contains("must be after from");
        }
    }

    private static Forecast forecast(ZoneId zone, Instant t, String model) {
        return new Forecast(zone, MeasurementKind.ACTIVE_POWER, t, Duration.ofHours(1), List.of(0.1, 0.5, 0.9),
                List.of(new ForecastStep(0, t.plus(Duration.ofHours(1)), List.of(-130.0, -120.0, -110.0))), model, t);
    }

}
