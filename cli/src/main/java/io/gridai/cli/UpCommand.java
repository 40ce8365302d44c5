package io.gridai.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.gridai.cli.platform.AgentGatewayComponent;
import io.gridai.cli.platform.ComponentRecord;
import io.gridai.cli.platform.ComponentStartException;
import io.gridai.cli.platform.DispatchComponent;
import io.gridai.cli.platform.FlinkComponent;
import io.gridai.cli.platform.GridSimComponent;
import io.gridai.cli.platform.IngestionComponent;
import io.gridai.cli.platform.KafkaComponent;
import io.gridai.cli.platform.MqttComponent;
import io.gridai.cli.platform.OperatorApiComponent;
import io.gridai.cli.platform.PlatformComponent;
import io.gridai.cli.platform.PlatformLayout;
import io.gridai.cli.platform.RunFile;
import io.gridai.cli.platform.StorageComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `gridai up`: starts the embedded platform, prints what runs where, and stops everything on Ctrl-C.
 * Components start in order and stop in reverse order; if one dies, the rest are stopped too.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the embedded platform (Kafka broker in KRaft mode with the registry's topics; "
                + "services, Flink jobs and the grid twin as they are added) and keep it running until Ctrl-C.",
                "Re-running after a crash reuses the data directory."})
public final class UpCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int ALREADY_RUNNING = 2;

    @Mixin
    DataDirOption data;

    @Option(names = "--host", defaultValue = "${env:GRIDAI_HOST:-127.0.0.1}",
            description = "Address every component binds to (env GRIDAI_HOST; default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--kafka-port", defaultValue = "${env:GRIDAI_KAFKA_PORT:-9092}",
            description = "Kafka client port; 0 picks a free one (env GRIDAI_KAFKA_PORT; default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "${env:GRIDAI_KAFKA_CONTROLLER_PORT:-9093}",
            description = "Kafka KRaft controller port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kafkaControllerPort;

    @Option(names = "--kafka-heap", defaultValue = "${env:GRIDAI_KAFKA_HEAP:-512m}",
            description = "Maximum heap of the broker JVM (default: ${DEFAULT-VALUE}).")
    String kafkaHeap;

    @Option(names = "--kafka-retention-bytes", defaultValue = "${env:GRIDAI_KAFKA_RETENTION_BYTES:-536870912}",
            description = "Most bytes each topic partition keeps before the oldest segments go (the registry's"
                    + " retention times still apply); bounds the disk the embedded platform uses (default: ${DEFAULT-VALUE}).")
    long kafkaRetentionBytes;

    @Option(names = "--ingestion", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the ingestion service (default: on). With it the twin feeds through ingestion's"
                    + " Kafka-direct feed; without it, straight to the raw telemetry topic.")
    boolean ingestion;

    @Option(names = "--ingestion-port", defaultValue = "${env:GRIDAI_INGESTION_PORT:-8081}",
            description = "HTTP port of the ingestion service (env GRIDAI_INGESTION_PORT; default: ${DEFAULT-VALUE}).")
    int ingestionPort;

    @Option(names = "--ingestion-app", paramLabel = "quarkus-run.jar",
            description = "The packaged ingestion service (default: ingestion/target/quarkus-app/quarkus-run.jar"
                    + " of this repository).")
    Path ingestionApp;

    @Option(names = "--mqtt", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run an MQTT broker for the MQTT feed (default: on, with ingestion).")
    boolean mqtt;

    @Option(names = "--mqtt-port", defaultValue = "${env:GRIDAI_MQTT_PORT:-1883}",
            description = "MQTT port; 0 picks a free one (env GRIDAI_MQTT_PORT; default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--flink", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the Flink jobs (cleaning, aggregates, alerts, live state) on a MiniCluster (default: on).")
    boolean flink;

    @Option(names = "--archive", negatable = true, defaultValue = "${env:GRIDAI_ARCHIVE:-true}", fallbackValue = "true",
            description = "With the Flink jobs, archive clean telemetry, forecasts, setpoints and alerts as Avro files"
                    + " under <data dir>/archive (env GRIDAI_ARCHIVE; default: on; --no-archive switches it off).")
    boolean archive;

    @Option(names = "--hazelcast-port", defaultValue = "${env:GRIDAI_HAZELCAST_PORT:-5701}",
            description = "Port of the Hazelcast member holding the live state, in the Flink JVM; the next free one"
                    + " if taken (env GRIDAI_HAZELCAST_PORT; default: ${DEFAULT-VALUE}).")
    int hazelcastPort;

    @Option(names = "--sim", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the grid twin (default: on; --no-sim for the broker alone).")
    boolean sim;

    @Option(names = "--sim-speed", defaultValue = "${env:GRIDAI_SIM_SPEED:-1}",
            description = "Grid seconds per wall second, 1..1000 (env GRIDAI_SIM_SPEED; default: ${DEFAULT-VALUE}).")
    double simSpeed;

    @Option(names = "--sim-tick", paramLabel = "DURATION", defaultValue = "PT1S",
            description = "Grid time between two power flow solves (default: ${DEFAULT-VALUE}).")
    Duration simTick;

    @Option(names = "--sim-case", paramLabel = "FILE.m",
            description = "Run the twin on this MATPOWER case with the built-in profile instead of RTS-GMLC.")
    Path simCase;

    @Option(names = "--sim-imperfections", defaultValue = "realistic", paramLabel = "none|realistic[,key=value...]",
            description = {"Telemetry imperfections: none, realistic, or either followed by key=value overrides, e.g.",
                    "realistic,noise=0.01,late=0.01. Keys: seed, noise, drop, stuck, stuck-ticks, spike, spike-factor,",
                    "duplicate, late, late-ticks (default: ${DEFAULT-VALUE})."})
    String simImperfections;

    @Option(names = "--sim-load-profile", defaultValue = "builtin", paramLabel = "builtin|opsd-fr",
            description = "Demand profile for --sim-case or IEEE 118: the built-in daily shape, or OPSD France's hourly"
                    + " load scaled to the case by bus share (needs the shared data; default: ${DEFAULT-VALUE}).")
    String simLoadProfile;

    @Option(names = "--sim-batteries", paramLabel = "ASSET@BUS:MWH:MW[:SOC],...",
            description = "More batteries for the twin, e.g. bess-a@69:200:50 (capacity MWh, power MW, initial SoC 0..1).")
    String simBatteries;

    @Option(names = "--dispatch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Run the dispatch optimiser on the twin's case (default: on, with the twin): rolling-horizon DC OPF,"
                    + " generator setpoints to the twin on grid.setpoints, battery targets to the storage manager on"
                    + " grid.storage-schedules. Needs generator costs: not started on IEEE 118 from"
                    + " PowSyBl's CDF (no shared data and no --sim-case).",
                    "Any gridai.dispatch.* key can be set in the environment, e.g. GRIDAI_DISPATCH_TRIGGERS_EVERY=PT1M."})
    boolean dispatch;

    @Option(names = "--dispatch-port", defaultValue = "${env:GRIDAI_DISPATCH_PORT:-8083}",
            description = "HTTP port of the dispatch optimiser; 0 picks a free one (env GRIDAI_DISPATCH_PORT; default: ${DEFAULT-VALUE}).")
    int dispatchPort;

    @Option(names = "--dispatch-app", paramLabel = "quarkus-run.jar",
            description = "The packaged dispatch optimiser (default: dispatch-optimizer/service/target/quarkus-app/quarkus-run.jar"
                    + " of this repository).")
    Path dispatchApp;

    @Option(names = "--storage", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Run the storage manager on the twin's batteries (default: on, with a twin that has batteries):"
                    + " the optimiser's battery schedules from grid.storage-schedules, fast frequency response and"
                    + " reserve holding, one setpoint per battery on grid.setpoints. Without it the twin's batteries get"
                    + " no setpoints.",
                    "Any gridai.storage.* key can be set in the environment, e.g. GRIDAI_STORAGE_RESPONSE_ENABLED=false."})
    boolean storage;

    @Option(names = "--storage-port", defaultValue = "${env:GRIDAI_STORAGE_PORT:-8084}",
            description = "HTTP port of the storage manager; 0 picks a free one (env GRIDAI_STORAGE_PORT; default: ${DEFAULT-VALUE}).")
    int storagePort;

    @Option(names = "--storage-app", paramLabel = "quarkus-run.jar",
            description = "The packaged storage manager (default: storage-manager/target/quarkus-app/quarkus-run.jar"
                    + " of this repository).")
    Path storageApp;

    @Option(names = "--operator-api", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Run the operator API and its console (default: on; the console at http://HOST:PORT/console/):"
                    + " alerts, proposals, setpoints and the grid behind JWT bearer tokens"
                    + " verified with this installation's key (generated under the data folder on first need); get a"
                    + " token with ./gridai token --user NAME --role viewer|operator|supervisor|admin.",
                    "Any gridai.operator.* key can be set in the environment, e.g. GRIDAI_OPERATOR_ALERTS_LOOKBACK=PT1H."})
    boolean operatorApi;

    @Option(names = "--operator-api-port", defaultValue = "${env:GRIDAI_OPERATOR_API_PORT:-8085}",
            description = "HTTP port of the operator API; 0 picks a free one (env GRIDAI_OPERATOR_API_PORT; default: ${DEFAULT-VALUE}).")
    int operatorApiPort;

    @Option(names = "--operator-api-app", paramLabel = "quarkus-run.jar",
            description = "The packaged operator API (default: operator-api/target/quarkus-app/quarkus-run.jar"
                    + " of this repository).")
    Path operatorApiApp;

    @Option(names = "--agent-gateway", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Run the agent gateway (default: on, once built): science agents' MCP server at"
                    + " http://HOST:PORT/mcp (Streamable HTTP), proposals through security review, audited on grid.audit;"
                    + " agents' tokens from ./gridai token --agent NAME --tier observe|study|propose|execute-within-envelope."
                    + " Not started, and up says why, while agent-gateway/service is not built.",
                    "Any gridai.gateway.* key can be set in the environment, e.g. GRIDAI_GATEWAY_CLOCK=wall."})
    boolean agentGateway;

    @Option(names = "--agent-gateway-port", defaultValue = "${env:GRIDAI_AGENT_GATEWAY_PORT:-8086}",
            description = "HTTP port of the agent gateway; 0 picks a free one (env GRIDAI_AGENT_GATEWAY_PORT; default: ${DEFAULT-VALUE}).")
    int agentGatewayPort;

    @Option(names = "--agent-gateway-app", paramLabel = "quarkus-run.jar",
            description = "The packaged agent gateway (default: agent-gateway/service/target/quarkus-app/quarkus-run.jar"
                    + " of this repository).")
    Path agentGatewayApp;

    @Option(names = "--battery-degradation-cost", paramLabel = "$/MWh", defaultValue = "0.5",
            description = "Battery wear cost per MWh discharged, given to both the dispatch optimiser (its battery cycling"
                    + " cost) and the storage manager (its degradation cost), so that the optimiser plans with the wear the"
                    + " storage manager accounts (default: ${DEFAULT-VALUE}).")
    double batteryDegradationCost;

    @Option(names = "--shared-data", paramLabel = "DIR", defaultValue = "${env:GRIDAI_SHARED_DATA}",
            description = "Folder of public data sets (RTS-GMLC, MATPOWER cases); default: env GRIDAI_SHARED_DATA or ../shared/data.")
    Path sharedData;

    @Option(names = "--ready-timeout", paramLabel = "DURATION", defaultValue = "PT60S",
            description = "How long each component may take to become ready, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration readyTimeout;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "How long each component may take to stop before it is killed (default: ${DEFAULT-VALUE}).")
    Duration stopTimeout;

    @Spec
    CommandSpec spec;

    private final List<PlatformComponent> started = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stoppedAll = new CountDownLatch(1);
    private PlatformLayout layout;
    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        List<PlatformComponent> plan = components();
        layout = data.layout();
        layout.create();
        try (FileChannel lockChannel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                String pid = RunFile.read(layout.runFile()).map(r -> " (pid " + r.launcherPid() + ")").orElse("");
                spec.commandLine().getErr().println("GridAI is already running from " + layout.dataDir() + pid
                        + ". Check it with ./gridai status, or stop it with Ctrl-C in its terminal.");
                return ALREADY_RUNNING;
            }
            return runPlatform(plan);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + layout.lockFile(), e);
        }
    }

    private int runPlatform(List<PlatformComponent> plan) {
        Instant begin = Instant.now();
        out.printf("Starting GridAI (data: %s)%n", layout.dataDir());
        out.flush();
        RunFile run = new RunFile(ProcessHandle.current().pid(), begin, layout.dataDir().toString(), RunFile.State.STARTING,
                List.of());
        run.write(layout.runFile());
        Thread hook = new Thread(this::stopAll, "gridai-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        try {
            for (PlatformComponent component : plan) {
                java.util.Optional<String> notStarted = component.whyNotStarted();
                if (notStarted.isPresent()) {
                    out.printf("  %s%n", notStarted.get());
                    out.flush();
                    continue;
                }
                out.printf("  starting %-13s ...%n", component.name());
                out.flush();
                Instant t0 = Instant.now();
                synchronized (started) {
                    if (stopping.get()) {
                        return FAILED;
                    }
                    started.add(component);
                }
                ComponentRecord record = component.start(layout, readyTimeout);
                run = run.with(record);
                run.write(layout.runFile());
                out.printf("  %-13s ready in %.1f s: %s%n", component.name(),
                        Duration.between(t0, Instant.now()).toMillis() / 1000.0,
                        record.urls().isEmpty() ? record.endpoints().getOrDefault("scenario", "") : String.join(" ", record.urls()));
                out.flush();
            }
        } catch (ComponentStartException e) {
            spec.commandLine().getErr().println("GridAI did not start: " + e.getMessage());
            stopAll();
            return FAILED;
        }

        run = run.with(RunFile.State.RUNNING);
        run.write(layout.runFile());
        out.println();
        out.printf("GridAI is up in %.1f s. Components:%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        for (ComponentRecord c : run.components()) {
            out.printf("  %-13s pid %-8d %s%n", c.name(), c.pid(),
                    c.urls().isEmpty() ? c.endpoints().getOrDefault("scenario", "") : String.join(" ", c.urls()));
        }
        run.components().stream().filter(c -> c.endpoints().containsKey("models")).findFirst().ifPresent(c ->
                out.printf("Forecast models: %s (add one: ./gridai forecast train --models %s --zone-id zone-1 ...)%n",
                        c.endpoints().get("models"), c.endpoints().get("models")));
        run.components().stream().filter(c -> c.name().equals(OperatorApiComponent.NAME)).findFirst().ifPresent(c -> {
            c.urls().stream().filter(u -> u.endsWith(OperatorApiComponent.CONSOLE_PATH)).findFirst().ifPresent(console ->
                    out.printf("Operator console: %s (sign in with a token)%n", console));
            out.printf("Operator API tokens: ./gridai token --user NAME --role viewer|operator|supervisor|admin%s%n",
                    layout.equals(new PlatformLayout(Path.of(System.getProperty("gridai.home", ".")).resolve(".gridai")))
                            ? "" : " --data-dir " + layout.dataDir());
        });
        run.components().stream().filter(c -> c.name().equals(AgentGatewayComponent.NAME)).findFirst().ifPresent(c ->
                out.printf("Agent gateway (MCP, Streamable HTTP): %s; A2A (JSON-RPC): %s, agent card %s; agents' tokens:"
                        + " ./gridai token --agent NAME --tier observe|study|propose|execute-within-envelope%s%n",
                        c.endpoints().get(AgentGatewayComponent.MCP_URL), c.endpoints().get(AgentGatewayComponent.A2A_URL),
                        c.endpoints().get(AgentGatewayComponent.AGENT_CARD_URL),
                        layout.equals(new PlatformLayout(Path.of(System.getProperty("gridai.home", ".")).resolve(".gridai")))
                                ? "" : " --data-dir " + layout.dataDir()));
        out.printf("Logs: %s%nCheck health: ./gridai status    Stop: Ctrl-C%n", layout.logsDir());
        out.flush();

        // Run until Ctrl-C (the hook stops everything) or until a component dies on its own.
        while (!stopping.get()) {
            for (PlatformComponent component : List.copyOf(started)) {
                if (!component.isAlive() && !stopping.get()) {
                    spec.commandLine().getErr().printf("Component %s stopped unexpectedly; stopping GridAI. See %s%n",
                            component.name(), layout.logsDir());
                    stopAll();
                    return FAILED;
                }
            }
            awaitStopped(Duration.ofSeconds(1));
        }
        awaitStopped(stopTimeout.multipliedBy(started.size() + 1L));
        return 0;
    }

    /** The embedded platform's components, in start order. Later issues add theirs here. */
    private List<PlatformComponent> components() {
        KafkaComponent kafka = new KafkaComponent(host, kafkaPort, kafkaControllerPort, kafkaHeap, kafkaRetentionBytes);
        List<PlatformComponent> plan = new ArrayList<>(List.of(kafka));
        List<PlatformComponent> services = new ArrayList<>();
        if (ingestion) {
            Path app = ingestionApp != null ? ingestionApp : builtApp("ingestion");
            MqttComponent broker = mqtt ? new MqttComponent(host, mqttPort) : null;
            if (broker != null) {
                plan.add(broker);
            }
            IngestionComponent service = new IngestionComponent(kafka::bootstrapServers, app, host, ingestionPort, "512m",
                    layout -> broker == null ? java.util.Map.of() : broker.ingestionSettings(layout));
            plan.add(service);
            services.add(service);
        }
        java.util.Optional<FlinkComponent> flinkJobs = flink ? java.util.Optional.of(new FlinkComponent(
                kafka::bootstrapServers, Path.of(System.getProperty("gridai.home", ".")).resolve("flink-jobs"),
                hazelcastPort, archive)) : java.util.Optional.empty();
        flinkJobs.ifPresent(plan::add);
        java.util.Optional<GridSimComponent> twin = sim ? java.util.Optional.of(twin(kafka)) : java.util.Optional.empty();
        twin.ifPresent(plan::add);
        java.util.Optional<DispatchComponent> optimiser = java.util.Optional.empty();
        if (dispatch) {
            // after the twin: it dispatches the twin's case and follows the twin's measurements
            optimiser = java.util.Optional.of(new DispatchComponent(kafka::bootstrapServers,
                    dispatchApp != null ? dispatchApp : builtApp("dispatch-optimizer/service"), host, dispatchPort, "512m",
                    twin, (flink ? io.gridai.model.topic.Topics.TELEMETRY_CLEAN : io.gridai.model.topic.Topics.TELEMETRY_RAW)
                            .name(), batteryDegradationCost));
            plan.add(optimiser.get());
            services.add(optimiser.get());
        }
        if (storage) {
            // after the twin (it runs the twin's batteries) and the optimiser (whose battery schedules it follows)
            StorageComponent service = new StorageComponent(kafka::bootstrapServers,
                    storageApp != null ? storageApp : builtApp("storage-manager"), host, storagePort, "384m", twin,
                    batteryDegradationCost);
            plan.add(service);
            services.add(service);
        }
        if (agentGateway) {
            // after the Flink jobs (live state) and the twin (its case), before the operator API, which reports its health
            AgentGatewayComponent gateway = new AgentGatewayComponent(kafka::bootstrapServers,
                    agentGatewayApp != null ? agentGatewayApp : builtApp("agent-gateway/service"), host, agentGatewayPort,
                    "512m", flinkJobs, twin);
            plan.add(gateway);
            services.add(gateway);
        }
        if (operatorApi) {
            // last: it reads the live state, the twin's case, the optimiser and every service's health, all running by then
            plan.add(new OperatorApiComponent(kafka::bootstrapServers,
                    operatorApiApp != null ? operatorApiApp : builtApp("operator-api"), host, operatorApiPort, "256m",
                    new OperatorApiComponent.Peers(flinkJobs, twin, optimiser, services)));
        }
        return plan;
    }

    /** The packaged Quarkus service of {@code module} in the repository the gridai script runs from. */
    private static Path builtApp(String module) {
        return Path.of(System.getProperty("gridai.home", ".")).resolve(module).resolve("target").resolve("quarkus-app")
                .resolve("quarkus-run.jar");
    }

    private GridSimComponent twin(KafkaComponent kafka) {
        try {
            io.gridai.sim.twin.ImperfectionSettings.parse(simImperfections);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sim-imperfections: " + e.getMessage());
        }
        SimClockCheck.speed(spec, simSpeed);
        java.util.Optional<Path> shared = java.util.Optional.ofNullable(sharedData)
                .or(io.gridai.sim.series.SharedData::locate)
                .or(UpCommand::besideTheRepository);
        java.util.Map<String, String> extra = new java.util.LinkedHashMap<>();
        extra.put("--load-profile", simLoadProfile);
        if (simBatteries != null) {
            extra.put("--batteries", simBatteries);
        }
        extra.put("--publish-to", ingestion ? "ingestion" : "raw");
        return new GridSimComponent(kafka::bootstrapServers, shared, java.util.Optional.ofNullable(simCase), simSpeed, simTick,
                simImperfections, extra);
    }

    /** {@code ../shared/data} next to the repository the gridai script runs from, wherever the user's shell is. */
    private static java.util.Optional<Path> besideTheRepository() {
        return java.util.Optional.ofNullable(System.getProperty("gridai.home"))
                .map(home -> Path.of(home).toAbsolutePath().resolveSibling("shared").resolve("data"))
                .filter(Files::isDirectory);
    }

    private void stopAll() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped(stopTimeout.multipliedBy(started.size() + 1L));
            return;
        }
        try {
            List<PlatformComponent> reverse;
            synchronized (started) {
                reverse = new ArrayList<>(started);
            }
            java.util.Collections.reverse(reverse);
            RunFile.read(layout.runFile()).ifPresent(r -> r.with(RunFile.State.STOPPING).write(layout.runFile()));
            if (!reverse.isEmpty()) {
                out.println("Stopping GridAI ...");
                out.flush();
            }
            for (PlatformComponent component : reverse) {
                component.stop(stopTimeout);
                out.printf("  %-13s stopped%n", component.name());
                out.flush();
            }
            Files.deleteIfExists(layout.runFile());
            out.println("GridAI stopped.");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + layout.runFile(), e);
        } finally {
            stoppedAll.countDown();
        }
    }

    private void awaitStopped(Duration timeout) {
        try {
            stoppedAll.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
