package io.gridai.cli.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent gateway ({@code agent-gateway/service}, a packaged Quarkus application) as its own JVM: science agents'
 * MCP server (Streamable HTTP at {@link #MCP_PATH}) behind bearer tokens from {@code gridai token --agent NAME --tier
 * TIER}. `up` gives it:
 * <ul>
 *   <li>{@code mp.jwt.verify.publickey.location}: the installation's verification key ({@link SigningKeys}), the
 *       operator API's, whose private half {@code gridai token} signs with; {@code mp.jwt.verify.issuer}:
 *       {@link OperatorApiComponent#ISSUER}; {@code mp.jwt.verify.audiences}: {@link #AUDIENCE}, which only agents'
 *       tokens carry (a user's token for the operator API is not an agent's);</li>
 *   <li>{@code kafka.bootstrap.servers}: the platform's broker (as every service, {@code KAFKA_BOOTSTRAP_SERVERS});</li>
 *   <li>with the Flink jobs: {@code gridai.gateway.live-state.addresses} (their Hazelcast member) and
 *       {@code gridai.gateway.live-state.cluster-name}, as the operator API gets them;</li>
 *   <li>with a twin that runs a MATPOWER file: {@code gridai.gateway.grid.case-file}, {@code .generator-names}
 *       ({@code DATA/agent-gateway/generator-names.csv}), {@code .batteries}, {@code .default-ramp-per-minute}
 *       ({@link TwinGrid}), the network its studies and reviews run on;</li>
 *   <li>{@code gridai.gateway.clock=telemetry}: the grid's time, as the other services take it.</li>
 * </ul>
 * It is not started, and `up` says why, while its application is not built ({@link #whyNotStarted()}). The run file
 * records its MCP URL ({@link #MCP_URL}), its A2A JSON-RPC URL ({@link #A2A_URL}) and its agent card's URL
 * ({@link #AGENT_CARD_URL}), which {@code gridai status --json} shows as {@code mcp_url}, {@code a2a_url} and
 * {@code agent_card_url}; the gateway's card names the same JSON-RPC URL (its own host and port). Any
 * {@code gridai.gateway.*} key can still be set through the environment (e.g.
 * {@code GRIDAI_GATEWAY_CLOCK=wall}), which Quarkus reads before this run's settings file.
 */
public final class AgentGatewayComponent extends QuarkusComponent {

    public static final String NAME = "agent-gateway";
    /** Prefix of every line saying why the gateway does not run. */
    public static final String NOT_STARTED = "agent gateway not started: ";
    /** The audience ({@code aud}) of agents' tokens, which the gateway requires. */
    public static final String AUDIENCE = "gridai-agent-gateway";
    /** The claim of an agent's token naming its tier (observe, study, propose, execute-within-envelope). */
    public static final String TIER_CLAIM = "gridai_tier";
    /** The claim of an agent's token listing the only zones it may see and act on; absent: not narrowed. */
    public static final String ZONES_CLAIM = "gridai_zones";
    /** The claim of an agent's token listing the only assets it may see and act on; absent: not narrowed. */
    public static final String ASSETS_CLAIM = "gridai_assets";
    /** The MCP server's path (Streamable HTTP) under the service's base URL. */
    public static final String MCP_PATH = "/mcp";
    /** Run-file endpoint (and {@code gridai status --json} field) of the MCP server's URL. */
    public static final String MCP_URL = "mcp_url";
    /** The A2A JSON-RPC endpoint's path under the service's base URL. */
    public static final String A2A_PATH = "/";
    /** Run-file endpoint (and {@code gridai status --json} field) of the A2A JSON-RPC endpoint's URL. */
    public static final String A2A_URL = "a2a_url";
    /** The public A2A agent card's path under the service's base URL. */
    public static final String AGENT_CARD_PATH = "/.well-known/agent-card.json";
    /** Run-file endpoint (and {@code gridai status --json} field) of the A2A agent card's URL. */
    public static final String AGENT_CARD_URL = "agent_card_url";

    private final Path app;
    private final Optional<FlinkComponent> liveState;
    private final Optional<GridSimComponent> twin;

    /**
     * @param bootstrap Kafka bootstrap servers, known once the broker is up
     * @param app       the service's {@code quarkus-run.jar}
     * @param host      address its HTTP server binds to
     * @param port      its port; 0 picks a free one
     * @param heap      maximum heap, e.g. {@code 512m}
     * @param liveState the Flink jobs, whose Hazelcast member holds the live state; empty (or not started) leaves the
     *                  live-state keys out
     * @param twin      the grid twin, whose case the gateway's studies run on; empty leaves the grid keys out
     */
    public AgentGatewayComponent(Supplier<String> bootstrap, Path app, String host, int port, String heap,
            Optional<FlinkComponent> liveState, Optional<GridSimComponent> twin) {
        super(bootstrap, app, host, port, heap);
        this.app = app;
        this.liveState = liveState;
        this.twin = twin;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String title() {
        return "The agent gateway";
    }

    @Override
    protected String module() {
        return "agent-gateway/service";
    }

    @Override
    public Optional<String> whyNotStarted() {
        if (!Files.isRegularFile(app)) {
            return Optional.of(NOT_STARTED + "it is not built (" + app + " is missing); build it with ./mvnw -B -pl "
                    + module() + " -am package -DskipTests, or run without it: --no-agent-gateway");
        }
        return Optional.empty();
    }

    @Override
    protected Map<String, String> runSettings(PlatformLayout layout) {
        Path key;
        try {
            key = SigningKeys.of(layout).ensureVerificationKeyFile();
        } catch (RuntimeException e) {
            throw new ComponentStartException(title() + " has no token verification key: " + e.getMessage(), e);
        }
        Map<String, String> settings = OperatorApiComponent.settings(key);
        settings.put("mp.jwt.verify.audiences", AUDIENCE);
        settings.put("gridai.gateway.clock", "telemetry");
        liveState.flatMap(FlinkComponent::liveStateAddress).ifPresent(address -> {
            settings.put("gridai.gateway.live-state.addresses", address);
            settings.put("gridai.gateway.live-state.cluster-name", FlinkComponent.HAZELCAST_CLUSTER);
        });
        twin.ifPresent(sim -> sim.caseFile().ifPresent(caseFile -> settings.putAll(
                TwinGrid.settings("gridai.gateway.grid.", layout, NAME, sim.scenario(), caseFile))));
        return settings;
    }

    @Override
    protected List<String> urls(String base) {
        return List.of(base + MCP_PATH);
    }

    @Override
    protected Map<String, String> endpoints(PlatformLayout layout) {
        return baseUrl().map(base -> Map.of(MCP_URL, base + MCP_PATH, A2A_URL, base + A2A_PATH, AGENT_CARD_URL,
                base + AGENT_CARD_PATH)).orElse(Map.of());
    }
}
