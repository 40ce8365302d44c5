package io.gridai.cli.platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator API ({@code operator-api}, a packaged Quarkus application) as its own JVM: the operators' API and
 * console behind JWT bearer tokens. `up` gives it:
 * <ul>
 *   <li>{@code mp.jwt.verify.publickey.location}: the installation's verification key ({@link SigningKeys}, generated
 *       under {@code DATA/operator-api/keys/} on first need), whose private half {@code gridai token} signs with;</li>
 *   <li>{@code mp.jwt.verify.issuer}: {@link #ISSUER}, the {@code iss} of {@code gridai token}'s tokens;</li>
 *   <li>with the Flink jobs: {@code gridai.operator.live-state.addresses} (their Hazelcast member, as the Flink JVM
 *       reports it) and {@code gridai.operator.live-state.cluster-name};</li>
 *   <li>with a twin that runs a MATPOWER file: {@code gridai.operator.grid.case-file}, {@code .generator-names}
 *       ({@code DATA/operator-api/generator-names.csv}), {@code .batteries}, {@code .default-ramp-per-minute}, as the
 *       dispatch optimiser gets them ({@link TwinGrid});</li>
 *   <li>with the dispatch optimiser: {@code gridai.operator.dispatch.url};</li>
 *   <li>{@code gridai.operator.health.services."NAME"}: the readiness URL of each service that runs (ingestion,
 *       dispatch, storage).</li>
 * </ul>
 * It starts last, so every part it is told about has started (or was not started) by then. Any
 * {@code gridai.operator.*} key can still be set through the environment (e.g.
 * {@code GRIDAI_OPERATOR_ALERTS_LOOKBACK=PT1H}), which Quarkus reads before this run's settings file.
 */
public final class OperatorApiComponent extends QuarkusComponent {

    public static final String NAME = "operator-api";
    /** The issuer of the embedded platform's tokens: {@code gridai token} signs it, the operator API requires it. */
    public static final String ISSUER = "gridai-embedded";
    /** The console's path under the service's base URL. */
    public static final String CONSOLE_PATH = "/console/";

    /**
     * The parts of the platform the operator API reads, each as `up` plans it; those that do not run are empty or
     * not started when the operator API starts, and are then left out of its settings.
     *
     * @param liveState the Flink jobs, whose Hazelcast member holds the live state
     * @param twin      the grid twin, whose case the network view shows
     * @param dispatch  the dispatch optimiser
     * @param services  the services whose readiness the operator API reports (ingestion, dispatch, storage)
     */
    public record Peers(Optional<FlinkComponent> liveState, Optional<GridSimComponent> twin,
            Optional<DispatchComponent> dispatch, List<PlatformComponent> services) {

        /** None: the operator API alone on the broker. */
        public static Peers none() {
            return new Peers(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        }
    }

    private final Peers peers;

    /**
     * @param bootstrap Kafka bootstrap servers, known once the broker is up
     * @param app       the service's {@code quarkus-run.jar}
     * @param host      address its HTTP server binds to
     * @param port      its port; 0 picks a free one
     * @param heap      maximum heap, e.g. {@code 256m}
     * @param peers     the other parts it reads
     */
    public OperatorApiComponent(Supplier<String> bootstrap, Path app, String host, int port, String heap, Peers peers) {
        super(bootstrap, app, host, port, heap);
        this.peers = peers;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String title() {
        return "The operator API";
    }

    @Override
    protected String module() {
        return "operator-api";
    }

    @Override
    protected Map<String, String> runSettings(PlatformLayout layout) {
        Path key;
        try {
            key = SigningKeys.of(layout).ensureVerificationKeyFile();
        } catch (RuntimeException e) {
            throw new ComponentStartException(title() + " has no token verification key: " + e.getMessage(), e);
        }
        Map<String, String> settings = settings(key);
        // The grid's time, as the optimiser and the storage manager take it: the twin replays a past year.
        settings.put("gridai.operator.clock", "telemetry");
        peers.liveState().flatMap(FlinkComponent::liveStateAddress).ifPresent(address -> {
            settings.put("gridai.operator.live-state.addresses", address);
            settings.put("gridai.operator.live-state.cluster-name", FlinkComponent.HAZELCAST_CLUSTER);
        });
        peers.twin().ifPresent(twin -> twin.caseFile().ifPresent(caseFile -> settings.putAll(
                TwinGrid.settings("gridai.operator.grid.", layout, NAME, twin.scenario(), caseFile))));
        peers.dispatch().flatMap(QuarkusComponent::baseUrl)
                .ifPresent(url -> settings.put("gridai.operator.dispatch.url", url));
        settings.putAll(replaySettings(layout, ReplayModule.builtClassPath(ReplayModule.home())));
        for (PlatformComponent service : peers.services()) {
            if (service instanceof QuarkusComponent quarkus) {
                quarkus.readinessUrl().ifPresent(url ->
                        settings.put("gridai.operator.health.services.\"" + service.name() + "\"", url));
            }
        }
        return settings;
    }

    /**
     * Replays through {@code /api/v1/replays} as {@code gridai replay} runs them: the replay module's class path (left
     * out when it is not built: the API then answers 503), the platform's archive and model registry, per-sandbox
     * folders under {@code DATA/replay}, control and status files in {@code DATA/run} ({@link ReplayModule}), logs in
     * {@code DATA/logs}. The broker is the service's own.
     */
    static Map<String, String> replaySettings(PlatformLayout layout, Optional<String> classPath) {
        Map<String, String> settings = new LinkedHashMap<>();
        classPath.ifPresent(cp -> settings.put("gridai.operator.replay.class-path", cp));
        Path models = layout.dataDir().resolve("models");
        settings.put("gridai.operator.replay.archive", layout.archiveDir().toString());
        settings.put("gridai.operator.replay.models", models.toString());
        settings.put("gridai.operator.replay.production-models", models.toString());
        settings.put("gridai.operator.replay.dir", ReplayModule.dir(layout).toString());
        settings.put("gridai.operator.replay.run-dir", layout.runDir().toString());
        settings.put("gridai.operator.replay.logs-dir", layout.logsDir().toString());
        if (classPath.isPresent()) {
            settings.put("gridai.operator.replay.log-config", FlinkComponent.logConfig(layout).toString());
        }
        return settings;
    }

    /** The service's settings for tokens verified with the key in {@code verificationKey}. */
    static Map<String, String> settings(Path verificationKey) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mp.jwt.verify.publickey.location", verificationKey.toAbsolutePath().toUri().toString());
        settings.put("mp.jwt.verify.issuer", ISSUER);
        return settings;
    }

    @Override
    protected List<String> urls(String base) {
        return List.of(base + "/api/v1/alerts", base + "/q/openapi", base + CONSOLE_PATH);
    }
}
