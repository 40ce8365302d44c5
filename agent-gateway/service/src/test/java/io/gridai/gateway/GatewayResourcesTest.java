package io.gridai.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.gateway.audit.GatewayAudit;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicWriter;
import io.gridai.model.AuditEvent;
import io.gridai.model.Forecast;
import io.gridai.model.ForecastStep;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * An agent with the official MCP Java SDK reading the gateway's resources: what each token is listed, the live state
 * with its provenance, one asset, a zone's forecast, the network, scopes, the rate budget shared with the tools; every
 * read and refusal in the audit chain with the digest of what the agent was given.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(AgentTokens.class)
@WithTestResource(LiveStateMember.class)
class GatewayResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anObserveAgentIsListedTheResourcesAndTemplates() {
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:res-lister", "observe"))) {
            List<McpSchema.Resource> resources = agent.resources();
            assertThat(resources).extracting(McpSchema.Resource::uri).containsExactlyInAnyOrder(
                    "gridai://grid/state", "gridai://grid/alerts", "gridai://grid/network");
            assertThat(resources).allSatisfy(r -> {
                assertThat(r.mimeType()).isEqualTo("application/json");
                assertThat(r.description()).contains("Tier observe");
            });
            assertThat(resources).extracting(McpSchema.Resource::name).containsExactlyInAnyOrder("grid-state",
                    "grid-alerts", "grid-network");
            assertThat(agent.resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                    .containsExactlyInAnyOrder("gridai://assets/{asset}", "gridai://forecasts/{zone}");
            assertThat(agent.resourceTemplates()).extracting(McpSchema.ResourceTemplate::mimeType)
                    .containsOnly("application/json");
        }
    }

    @Test
    void aTokenWithoutAKnownTierIsOfferedNoResourcesAndItsReadIsRefusedAndAudited() {
        String token = AgentTokens.agent("agent:res-tierless", "admin");
        try (McpAgent agent = McpAgent.connect(token); AuditTail audit = new AuditTail()) {
            // nothing passes the filter, so the server does not even offer the resources capability to this agent
            assertThatThrownBy(agent::resources).hasMessageContaining("resources capability");
            JsonNode answer = new McpAgent.Raw(token).request(8, "resources/read", Map.of("uri", "gridai://grid/state"));
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32002);
            AuditEvent e = audit.await(ev -> "agent:res-tierless".equals(ev.actor()));
            assertThat(e.action()).isEqualTo(GatewayAudit.RESOURCE_READ);
            assertThat(e.details()).containsEntry("outcome", "refused").containsEntry("uri", "gridai://grid/state")
                    .containsEntry("resource", "grid-state");
            assertThat(e.details().get("reason")).contains("gridai_tier claim is 'admin'");
        }
    }

    // Voltages only: the live state is shared with the other tests of this app, and the proposals' review studies
    // the live ACTIVE_POWER values.

    @Test
    void theGridStateGivesValuesWithProvenanceAndTheAuditHasTheDigestOfWhatWasRead() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Measurement suspect = LiveStateWriter.measurement("bus-4", MeasurementKind.VOLTAGE, 231.5, now)
                .withFlag(QualityFlag.SUSPECT);
        LiveStateWriter.put(suspect);
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:res-reader", "observe"));
                AuditTail audit = new AuditTail()) {
            McpSchema.TextResourceContents read = agent.read("gridai://grid/state");
            assertThat(read.uri()).isEqualTo("gridai://grid/state");
            assertThat(read.mimeType()).isEqualTo("application/json");
            JsonNode state = json(read.text());
            assertThat(state.path("scope").asText()).isEqualTo("unrestricted");
            JsonNode asset = asset(state, "bus-4");
            assertThat(asset.path("zone").asText()).isEqualTo("zone-1");
            JsonNode value = asset.path("values").get(0);
            assertThat(value.path("kind").asText()).isEqualTo("VOLTAGE");
            assertThat(value.path("value").asDouble()).isEqualTo(231.5);
            assertThat(value.path("unit").asText()).isEqualTo(MeasurementKind.VOLTAGE.unit().symbol());
            assertThat(value.path("source").asText()).isEqualTo("grid-twin");
            assertThat(value.path("quality").get(0).asText()).isEqualTo("SUSPECT");
            assertThat(value.path("good").asBoolean()).isFalse();
            assertThat(value.path("eventTime").asText()).isEqualTo(now.toString());
            assertThat(state.path("provenance").asText()).contains("live state");
            // the read is in the chain with the digest of exactly the text the agent was given
            AuditEvent e = audit.await(ev -> ev.action().equals(GatewayAudit.RESOURCE_READ)
                    && "agent:res-reader".equals(ev.actor()));
            assertThat(e.subject()).isEqualTo("gridai://grid/state");
            assertThat(e.details()).containsEntry("outcome", "ok").containsEntry("resource", "grid-state")
                    .containsEntry("resultDigest", GatewayAudit.digest(read.text()))
                    .containsEntry("resultBytes", Integer.toString(read.text().length()));
            assertThat(e.details().get("requestId")).isNotBlank();
        }
    }

    @Test
    void anAssetTemplateAnswersThatAssetOnlyAndAnUnknownAssetIsNotFound() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LiveStateWriter.put("bus-6", MeasurementKind.VOLTAGE, 229.0, now);
        LiveStateWriter.put("bus-8", MeasurementKind.VOLTAGE, 230.0, now);
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:res-asset", "observe"))) {
            McpSchema.TextResourceContents read = agent.read("gridai://assets/bus-6");
            assertThat(read.uri()).isEqualTo("gridai://assets/bus-6");
            JsonNode state = json(read.text());
            assertThat(state.path("assetCount").asInt()).isEqualTo(1);
            JsonNode asset = state.path("assets").get(0);
            assertThat(asset.path("asset").asText()).isEqualTo("bus-6");
            assertThat(asset.path("values").get(0).path("value").asDouble()).isEqualTo(229.0);
            assertThat(asset.path("values").get(0).path("source").asText()).isEqualTo("grid-twin");
            assertThat(asset.path("values").get(0).path("quality").isArray()).isTrue();
            assertRefused(() -> agent.read("gridai://assets/gen-77-1"), -32002, "no asset 'gen-77-1'",
                    "gridai://grid/network");
        }
    }

    @Test
    void anOutOfScopeAssetOrZoneIsRefusedSayingTheScopeAndAudited() {
        Instant now = Instant.now();
        LiveStateWriter.put("bus-5", MeasurementKind.VOLTAGE, 228.0, now);
        LiveStateWriter.put("bus-9", MeasurementKind.VOLTAGE, 345.0, now);
        String token = AgentTokens.scoped("agent:res-zone2", "observe", List.of("zone-2"), List.of());
        try (McpAgent agent = McpAgent.connect(token); AuditTail audit = new AuditTail()) {
            JsonNode state = json(agent.read("gridai://grid/state").text());
            assertThat(state.path("assets").findValuesAsText("asset")).contains("bus-9").doesNotContain("bus-5");
            assertRefused(() -> agent.read("gridai://assets/gen-2-1"), -32002,
                    "asset 'gen-2-1' is outside this agent's scope", "zones [zone-2]");
            assertRefused(() -> agent.read("gridai://forecasts/zone-1"), -32002,
                    "zone 'zone-1' is outside this agent's scope", "zones [zone-2]");
            JsonNode network = json(agent.read("gridai://grid/network").text());
            assertThat(network.path("buses").findValuesAsText("asset")).containsExactly("bus-9");
            AuditEvent e = audit.await(ev -> "agent:res-zone2".equals(ev.actor())
                    && "refused".equals(ev.details().get("outcome")));
            assertThat(e.action()).isEqualTo(GatewayAudit.RESOURCE_READ);
            assertThat(e.subject()).isEqualTo("gridai://assets/gen-2-1");
            assertThat(e.details()).containsEntry("resource", "asset");
            assertThat(e.details().get("reason")).contains("outside this agent's scope (zones [zone-2]");
        }
    }

    @Test
    void aZoneForecastTemplateAnswersTheNewestIssue() {
        ZoneId zone = ZoneId.of("zone-1");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        TopicWriter.send(Topics.GRID_FORECASTS, zone, forecast(zone, t, "r-new"));
        TopicWriter.send(Topics.GRID_FORECASTS, zone, forecast(zone, t.minus(Duration.ofHours(1)), "r-old"));
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:res-forecasts", "observe"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> json(agent.read("gridai://forecasts/zone-1").text())
                    .path("forecasts").findValuesAsText("modelVersion").contains("r-new"));
            JsonNode f = json(agent.read("gridai://forecasts/zone-1").text()).path("forecasts");
            assertThat(f.size()).isEqualTo(1);
            assertThat(f.get(0).path("zone").asText()).isEqualTo("zone-1");
            assertThat(f.get(0).path("issueTime").asText()).isEqualTo(t.toString());
            assertRefused(() -> agent.read("gridai://forecasts/Zone%201"), -32602, "zone");
        }
    }

    @Test
    void theNetworkNamesTheCasesAssets() {
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:res-network", "observe"))) {
            JsonNode network = json(agent.read("gridai://grid/network").text());
            assertThat(network.path("caseName").asText()).isNotBlank();
            assertThat(network.path("buses").size()).isEqualTo(9);
            assertThat(network.path("branches").findValuesAsText("asset")).contains("branch-8-9");
            assertThat(network.path("generators").findValuesAsText("asset")).contains("gen-2-1", "gen-3-1");
            assertThat(network.path("batteries").findValuesAsText("asset")).containsExactly("bess-1");
        }
    }

    @Test
    void aResourceReadTakesFromTheSameRateBudgetAsItsTool() {
        // %test.gridai.gateway.rate.tools.forecasts=3/0.01: three forecasts reads or calls, then one every 100 minutes
        try (McpAgent agent = McpAgent.connect(AgentTokens.agent("agent:res-greedy", "observe"));
                AuditTail audit = new AuditTail()) {
            for (int i = 0; i < 3; i++) {
                agent.read("gridai://forecasts/zone-2");
            }
            assertRefused(() -> agent.read("gridai://forecasts/zone-2"), -32000, "rate limit",
                    "gridai.gateway.rate.tools.forecasts", "try again in");
            assertThat(agent.call("forecasts", Map.of()).text()).contains("rate limit");
            assertThat(agent.read("gridai://grid/alerts").text()).contains("\"alerts\"");
            AuditEvent e = audit.await(ev -> "agent:res-greedy".equals(ev.actor())
                    && "refused".equals(ev.details().get("outcome")));
            assertThat(e.action()).isEqualTo(GatewayAudit.RESOURCE_READ);
            assertThat(e.details().get("reason")).contains("rate limit");
        }
    }

    private static void assertRefused(ThrowingCallable read, int code, String... sentence) {
        assertThatThrownBy(read).isInstanceOfSatisfying(McpError.class, e -> {
            assertThat(e.getJsonRpcError().code()).isEqualTo(code);
            assertThat(e.getJsonRpcError().message()).contains(sentence);
        });
    }

    private static JsonNode asset(JsonNode state, String id) {
        for (JsonNode a : state.path("assets")) {
            if (a.path("asset").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no asset " + id + " in " + state);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Forecast forecast(ZoneId zone, Instant t, String model) {
        return new Forecast(zone, MeasurementKind.ACTIVE_POWER, t, Duration.ofHours(1), List.of(0.1, 0.5, 0.9),
                List.of(new ForecastStep(0, t.plus(Duration.ofHours(1)), List.of(-130.0, -120.0, -110.0))), model, t);
    }
}
