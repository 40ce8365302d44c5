package io.gridai.gateway.a2a;

import io.a2a.server.PublicAgentCard;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentInterface;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.HTTPAuthSecurityScheme;
import io.a2a.spec.TransportProtocol;
import io.gridai.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway's public agent card ({@code GET /.well-known/agent-card.json}): JSON-RPC at
 * {@code gridai.gateway.a2a.public-url} (else the service's own address), a bearer JWT (the agent tokens of MCP), the skills
 * {@code propose-intervention} and {@code proposal-status}; no streaming, no push notifications (agents follow a task
 * with {@code tasks/get}).
 */
@ApplicationScoped
public class GatewayAgentCard {

    /** The security scheme's name in the card. */
    public static final String BEARER = "gridaiAgentToken";

    private final GatewayConfig config;
    private final String version;
    private final String host;
    private final int port;

    public GatewayAgentCard(GatewayConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0") String version,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8086") int port) {
        this.config = config;
        this.version = version;
        this.host = host;
        this.port = port;
    }

    /** The JSON-RPC endpoint's URL the card announces ({@code gridai.gateway.a2a.public-url}, else the service's own). */
    String publicUrl() {
        return config.a2a().publicUrl().map(u -> u.endsWith("/") ? u : u + "/").orElseGet(() -> "http://"
                + (host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host) + ":" + port + "/");
    }

    @Produces
    @PublicAgentCard
    @Singleton
    AgentCard card() {
        String url = publicUrl();
        return new AgentCard.Builder()
                .name("GridAI agent gateway")
                .description("Proposes grid interventions (setpoints) on behalf of science agents. Nothing reaches the"
                        + " grid before the security review (limits, CEL policy, AC power flow and N-1, conflicts, risk)"
                        + " and, unless the agent may execute within the envelope at low risk, operators' approval."
                        + " A task follows its proposal: input-required while operators decide, rejected with the"
                        + " review's reasons, completed once its setpoints are published, canceled when it expired.")
                .url(url)
                .version(version)
                .protocolVersion("0.3.0")
                .preferredTransport(TransportProtocol.JSONRPC.asString())
                .additionalInterfaces(List.of(new AgentInterface(TransportProtocol.JSONRPC.asString(), url)))
                .capabilities(new AgentCapabilities.Builder().streaming(false).pushNotifications(false)
                        .stateTransitionHistory(false).build())
                .securitySchemes(Map.of(BEARER, new HTTPAuthSecurityScheme.Builder().scheme("bearer")
                        .bearerFormat("JWT").description("An agent token (`gridai token --agent NAME --tier TIER`):"
                                + " audience gridai-agent-gateway, sub = agent id, gridai_tier (propose or above for"
                                + " this endpoint), optional gridai_zones and gridai_assets scopes").build()))
                .security(List.of(Map.of(BEARER, List.of())))
                .defaultInputModes(List.of("application/json", "text/plain"))
                .defaultOutputModes(List.of("application/json", "text/plain"))
                .supportsAuthenticatedExtendedCard(false)
                .skills(List.of(
                        new AgentSkill.Builder().id(A2aInput.SKILL_PROPOSE).name("Propose an intervention")
                                .description("A data part {title, rationale, actions:[{asset, target, validFor}], risk?}"
                                        + " (or a text part holding that JSON): asset a generator or battery of the"
                                        + " grid, target a JSON number in MW (generator sign), validFor an ISO-8601"
                                        + " duration; risk your own estimate LOW, MEDIUM (default), HIGH or CRITICAL."
                                        + " The messageId makes retries safe: the same messageId answers the first"
                                        + " task and makes no second proposal. Tier propose and above.")
                                .tags(List.of("grid", "setpoints", "proposal", "review"))
                                .examples(List.of("{\"title\":\"raise gen 2\",\"rationale\":\"relieve line 8-9\","
                                        + "\"actions\":[{\"asset\":\"gen-2-1\",\"target\":120.0,\"validFor\":\"PT15M\"}]}"))
                                .inputModes(List.of("application/json", "text/plain"))
                                .outputModes(List.of("application/json", "text/plain")).build(),
                        new AgentSkill.Builder().id(A2aInput.SKILL_STATUS).name("Where a proposal stands")
                                .description("A data part {proposalId}: the answer is a message with the proposal"
                                        + " (status, reasons, review steps, setpoints). Only your own proposals;"
                                        + " tasks/get of the proposal's task says the same.")
                                .tags(List.of("proposal", "status"))
                                .examples(List.of("{\"proposalId\":\"...\"}"))
                                .inputModes(List.of("application/json"))
                                .outputModes(List.of("application/json", "text/plain")).build()))
                .build();
    }
}
