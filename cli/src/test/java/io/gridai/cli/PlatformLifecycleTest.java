package io.gridai.cli;

import io.gridai.cli.platform.AgentGatewayComponent;
import io.gridai.cli.platform.DispatchComponent;
import io.gridai.cli.platform.IngestionComponent;
import io.gridai.cli.platform.PlatformLayout;
import io.gridai.cli.platform.OperatorApiComponent;
import io.gridai.cli.platform.StorageComponent;
import io.gridai.model.Measurement;
import io.gridai.model.SetpointAck;
import io.gridai.model.SetpointAckStatus;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.sim.series.RtsGmlcSystem;
import io.gridai.model.topic.Topics;
import java.util.Map;
import java.util.Properties;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * `gridai up` as users run it: its own JVM starting a real broker JVM. Status turns healthy, SIGINT stops
 * everything and leaves no process behind, a second `up` on the same data is refused, a relaunch after a
 * hard kill works, and a killed launcher takes its broker with it. With the shared data (RTS-GMLC) the dispatch
 * optimiser dispatches the twin; without generator costs it is not started and `up` says why. The storage manager
 * runs the twin's batteries (RTS-GMLC's own, else one given with --sim-batteries) and the twin takes its setpoints;
 * without batteries or without a twin it is not started and `up` says why. The operator API runs with the installation's
 * verification key: a token from `gridai token` on the same data folder is accepted, no token is refused. The agent
 * gateway runs when its application is built (it is listed with its MCP URL, and an agent's token from `gridai token
 * --agent` on the same data folder is not refused as unauthenticated); while it is not built, `up` runs without it and
 * says why.
 */
class PlatformLifecycleTest {

    /**
     * How long nine JVMs (broker, MQTT, ingestion, Flink, twin, optimiser, storage, gateway, operator API) may take to
     * become healthy on a 2-core machine; a deadline, not a wait (measured: 176 s at load average 18-30).
     */
    private static final Duration START_BUDGET = Duration.ofSeconds(240);
    /** This checkout: where `up` finds the modules it runs as processes, as the gridai script tells it. */
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** The packaged ingestion service, built by the reactor before this module (cli depends on it for order). */
    private static final Path INGESTION_APP = REPOSITORY.resolve("ingestion/target/quarkus-app/quarkus-run.jar");
    /** The packaged dispatch optimiser, built by the reactor before this module. */
    private static final Path DISPATCH_APP = REPOSITORY.resolve("dispatch-optimizer/service/target/quarkus-app/quarkus-run.jar");
    /** The packaged storage manager, built by the reactor before this module. */
    private static final Path STORAGE_APP = REPOSITORY.resolve("storage-manager/target/quarkus-app/quarkus-run.jar");
    /** The packaged operator API, built by the reactor before this module. */
    private static final Path OPERATOR_API_APP = REPOSITORY.resolve("operator-api/target/quarkus-app/quarkus-run.jar");
    /**
     * The packaged agent gateway. Built by the reactor before this module once agent-gateway/service is a Quarkus
     * application; until then (and in a build of this module alone) `up` runs without it, which the test checks instead.
     */
    private static final Path AGENT_GATEWAY_APP = REPOSITORY.resolve("agent-gateway/service/target/quarkus-app/quarkus-run.jar");
    /** The shared data `up` finds as the gridai script runs it (env, else beside the repository), when it has RTS-GMLC. */
    private static final Optional<Path> SHARED_DATA = Optional.ofNullable(System.getenv("GRIDAI_SHARED_DATA")).map(Path::of)
            .or(() -> Optional.of(REPOSITORY.resolveSibling("shared").resolve("data")))
            .filter(d -> Files.exists(d.resolve("rts-gmlc/source/gen.csv")));

    @TempDir
    Path dataDir;

    private final List<Process> launched = new ArrayList<>();
    /** Where every process of the platforms launched here exports its spans (OTLP/HTTP on loopback, kept in memory). */
    private OtlpReceiver collector;

    @AfterEach
    void closeCollector() {
        if (collector != null) {
            collector.close();
        }
    }

    @AfterEach
    void killLeftovers() {
        for (Process p : launched) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void upBecomesHealthyAndSigintLeavesNoProcessBehind() throws Exception {
        // RTS-GMLC has its own battery; IEEE 118 (no shared data) gets one, so that the storage manager runs either way
        Process up = SHARED_DATA.isPresent() ? launchUp("--battery-degradation-cost", "0.75")
                : launchUp("--battery-degradation-cost", "0.75", "--sim-batteries", LIFECYCLE_BATTERY + "@12:100:25");
        awaitHealthy();

        boolean gatewayBuilt = Files.isRegularFile(AGENT_GATEWAY_APP);
        List<ProcessHandle> children = up.descendants().toList();
        assertThat(children).as("the brokers, ingestion, the Flink jobs, the twin, the storage manager, the operator API (and"
                + " with RTS-GMLC the dispatch optimiser, once built the agent gateway) run as their own processes")
                .hasSize((SHARED_DATA.isPresent() ? 8 : 7) + (gatewayBuilt ? 1 : 0));

        Result json = run("status", "--json");
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("healthy").asBoolean()).isTrue();
        JsonNode kafka = find(doc.get("components"), "kafka");
        assertThat(kafka.get("health").asText()).isEqualTo("UP");
        assertThat(kafka.get("urls").get(0).asText()).startsWith("kafka://127.0.0.1:");
        JsonNode twin = find(doc.get("components"), "grid-sim");
        assertThat(twin.get("health").asText()).isEqualTo("UP");
        assertThat(twin.get("detail").asText()).contains("ticks").contains("0 non-converged");
        JsonNode flinkJobs = find(doc.get("components"), "flink-jobs");
        assertThat(flinkJobs.get("health").asText()).isEqualTo("UP");
        assertThat(flinkJobs.get("detail").asText()).contains("RUNNING");
        JsonNode ingestion = find(doc.get("components"), "ingestion");
        assertThat(ingestion.get("health").asText()).isEqualTo("UP");
        assertThat(ingestion.get("urls").get(0).asText()).startsWith("http://127.0.0.1:").endsWith("/v1/measurements");

        String bootstrap = kafka.get("urls").get(0).asText().substring("kafka://".length());
        // Before the MQTT reading below: its 2026 event time would move the optimiser's telemetry clock past the twin's
        // grid time (2020), and every measurement of the twin would then look stale to it.
        if (SHARED_DATA.isPresent()) {
            assertTheOptimiserDispatchesTheTwin(doc, bootstrap);
        } else {
            assertThat(output(up)).contains(DispatchComponent.NOT_STARTED + "the twin's case has no generator costs");
        }
        assertTheStorageManagerRunsTheTwinsBattery(doc, bootstrap);
        assertOneTraceLinksTheIngestTheFlinkJobAndTheSetpointPublish(doc, bootstrap);
        assertTheOperatorApiTakesTheInstallationsTokens(doc);
        if (gatewayBuilt) {
            assertTheAgentGatewayRunsWithItsMcpUrl(doc);
        } else {
            assertThat(output(up)).contains(AgentGatewayComponent.NOT_STARTED + "it is not built (" + AGENT_GATEWAY_APP
                    + " is missing)");
            assertThat(names(doc)).doesNotContain(AgentGatewayComponent.NAME);
        }

        // The twin's telemetry reaches the raw topic through ingestion's Kafka-direct feed, verified as grid-sim.
        try (KafkaConsumer<AssetId, Measurement> raw = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "lifecycle-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.TELEMETRY_RAW.keySerde().deserializer(), Topics.TELEMETRY_RAW.valueSerde().deserializer())) {
            raw.subscribe(List.of(Topics.TELEMETRY_RAW.name()));
            List<Measurement> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                raw.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
                return !seen.isEmpty();
            });
            assertThat(seen).allSatisfy(m -> assertThat(m.source().value()).isEqualTo("grid-sim"));

            // Skip the twin's backlog (RTS-GMLC at x10: about 10 000 readings a second) so that the device's reading is
            // read as soon as it arrives: the end offsets are fixed (position) before it is published.
            raw.seekToEnd(raw.assignment());
            raw.assignment().forEach(raw::position);

            // A device of the local test utility publishes over MQTT with its password from the users file.
            JsonNode mqtt = find(doc.get("components"), "mqtt");
            assertThat(mqtt.get("health").asText()).isEqualTo("UP");
            Properties users = new Properties();
            try (var in = Files.newInputStream(dataDir.resolve("mqtt").resolve("users.properties"))) {
                users.load(in);
            }
            String broker = mqtt.get("urls").get(0).asText().replace("mqtt://", "tcp://");
            MqttClient device = new MqttClient(broker, "lifecycle-device", new MemoryPersistence());
            MqttConnectOptions login = new MqttConnectOptions();
            login.setUserName("local-utility");
            login.setPassword(users.getProperty("local-utility").toCharArray());
            device.connect(login);
            device.publish("gridai/telemetry/local-utility/substation-1", ("{\"asset\":\"gen-9\",\"kind\":"
                    + "\"ACTIVE_POWER\",\"value\":42,\"unit\":\"MW\",\"time\":\"2026-01-01T00:00:00Z\","
                    + "\"id\":\"mqtt-1\"}").getBytes(StandardCharsets.UTF_8), 1, false);
            device.disconnect();
            device.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                raw.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
                return seen.stream().anyMatch(m -> m.id().value().equals("local-utility/mqtt-1"));
            });
        }
        // ... and the Flink cleaning job passes it on to the clean topic.
        try (KafkaConsumer<AssetId, Measurement> clean = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "lifecycle-clean",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
                Topics.TELEMETRY_CLEAN.keySerde().deserializer(), Topics.TELEMETRY_CLEAN.valueSerde().deserializer())) {
            clean.subscribe(List.of(Topics.TELEMETRY_CLEAN.name()));
            List<Measurement> cleaned = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                clean.poll(Duration.ofMillis(500)).forEach(r -> cleaned.add(r.value()));
                return !cleaned.isEmpty();
            });
        }

        assertThat(run("up").exit()).as("a second up on the same data directory").isEqualTo(UpCommand.ALREADY_RUNNING);

        sigint(up);
        assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("up ends after SIGINT").isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(Files.exists(dataDir.resolve("run/platform.json"))).as("run file removed").isFalse();
        assertThat(run("status").exit()).isEqualTo(StatusCommand.UNHEALTHY);
        assertThat(output(up)).contains("GridAI is up").contains("GridAI stopped.");
    }

    /**
     * Tracing end to end (issue 12): a system-frequency dip posted to ingestion's HTTP feed with a sampled
     * {@code traceparent} is followed by one trace that holds ingestion's batch span, the Flink job's span for that
     * reading (its parent an ingestion span), and the storage manager's {@code grid.setpoints publish} span for the
     * battery's response (its parent the decision, whose parent is an ingestion span): the spans come from three
     * processes, exported over OTLP to this test's collector. The reading is stamped ahead of the twin's grid time,
     * so that it is the newest frequency the storage manager has when it decides.
     */
    private void assertOneTraceLinksTheIngestTheFlinkJobAndTheSetpointPublish(JsonNode status, String bootstrap)
            throws Exception {
        Properties sources = new Properties();
        try (var in = Files.newInputStream(IngestionComponent.sourcesFile(new PlatformLayout(dataDir)))) {
            sources.load(in);
        }
        String apiKey = sources.getProperty("gridai.ingestion.sources." + IngestionComponent.LOCAL_SOURCE + ".api-key");
        String feed = find(status.get("components"), "ingestion").get("urls").get(0).asText();
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String callerSpan = HexFormat.of().formatHex(randomBytes(8));
        HttpResponse<String> posted;
        try (KafkaConsumer<AssetId, Measurement> raw = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "lifecycle-trace",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                Topics.TELEMETRY_RAW.keySerde().deserializer(), Topics.TELEMETRY_RAW.valueSerde().deserializer())) {
            raw.subscribe(List.of(Topics.TELEMETRY_RAW.name()));
            List<Instant> frequencies = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                raw.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value().kind() == MeasurementKind.FREQUENCY && r.value().asset().value().equals("system")) {
                        frequencies.add(r.value().eventTime());
                    }
                });
                return !frequencies.isEmpty();
            });
            // The twin's grid time runs 10 s per wall second here, and the storage manager decides on the newest
            // frequency it has: 20 grid seconds ahead (2 s of wall time to reach the manager) keeps the dip the newest,
            // and stays within the manager's 30 s before it would hold the battery safe for old telemetry.
            Instant gridTime = frequencies.stream().max(Instant::compareTo).orElseThrow();
            String body = "[{\"asset\":\"system\",\"kind\":\"FREQUENCY\",\"value\":59.5,\"unit\":\"Hz\","
                    + "\"time\":\"" + gridTime.plusSeconds(20) + "\",\"id\":\"trace-dip-" + traceId.substring(0, 8)
                    + "\"}]";
            posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(feed))
                    .header("Content-Type", "application/json").header("X-Api-Key", apiKey)
                    .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(posted.statusCode()).as("ingestion's answer: %s", posted.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<OtlpReceiver.ReceivedSpan> trace = collector.spans().stream().filter(s -> s.traceId().equals(traceId))
                    .toList();
            java.util.Set<String> ingestSpans = trace.stream().filter(s -> s.service().equals("gridai-ingestion"))
                    .map(OtlpReceiver.ReceivedSpan::spanId).collect(java.util.stream.Collectors.toSet());
            assertThat(ingestSpans).as("ingestion's spans in the trace (%s): %s", collector.counts(), trace).isNotEmpty();
            assertThat(trace).as("the Flink job's span for the reading, child of ingestion's").anySatisfy(s -> {
                assertThat(s.service()).isEqualTo("gridai-flink-jobs");
                assertThat(s.name()).isEqualTo(Topics.TELEMETRY_RAW.name() + " process");
                assertThat(ingestSpans).contains(s.parentSpanId());
            });
            java.util.Set<String> decisions = trace.stream().filter(s -> s.service().equals("gridai-storage-manager")
                    && s.name().equals("storage decide") && ingestSpans.contains(s.parentSpanId()))
                    .map(OtlpReceiver.ReceivedSpan::spanId).collect(java.util.stream.Collectors.toSet());
            assertThat(decisions).as("the storage manager's decision on the reading, child of ingestion's span; the"
                    + " trace: %s", trace).isNotEmpty();
            assertThat(trace).as("the battery's setpoint published in that decision").anySatisfy(s -> {
                assertThat(s.service()).isEqualTo("gridai-storage-manager");
                assertThat(s.name()).isEqualTo(Topics.GRID_SETPOINTS.name() + " publish");
                assertThat(decisions).contains(s.parentSpanId());
            });
        });
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        b[0] |= 1; // an all-zero id is invalid
        return b;
    }

    /**
     * The optimiser runs the twin's case with the twin's names: its solves count measured units (the twin's telemetry
     * names assets it knows), and the twin takes its setpoints (acknowledged, none rejected as unknown or not its own).
     */
    private void assertTheOptimiserDispatchesTheTwin(JsonNode status, String bootstrap) throws Exception {
        JsonNode dispatch = find(status.get("components"), DispatchComponent.NAME);
        assertThat(dispatch.get("health").asText()).isEqualTo("UP");
        String solves = dispatch.get("urls").get(0).asText();
        assertThat(solves).startsWith("http://127.0.0.1:").endsWith("/dispatch/solves");

        // the naming file: the twin's GEN UIDs, the battery's generator row left out
        RtsGmlcSystem rts = RtsGmlcSystem.load(SHARED_DATA.get().resolve("rts-gmlc/source"));
        List<String> names = Files.readAllLines(dataDir.resolve("dispatch/generator-names.csv"));
        assertThat(names).contains("1,gen-" + rts.generators().get(0).uid());
        for (RtsGmlcSystem.RtsBattery battery : rts.batteries()) {
            int row = rts.generators().indexOf(rts.generator(battery.genUid())) + 1;
            assertThat(names).contains(row + ",-").doesNotContain(row + ",gen-" + battery.genUid());
        }

        HttpClient http = HttpClient.newHttpClient();
        JsonNode[] latest = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(solves + "/latest")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("a solve on the periodic trigger: %s", answer.body()).isEqualTo(200);
            latest[0] = new ObjectMapper().readTree(answer.body());
            assertThat(latest[0].get("status").asText()).isEqualTo("OPTIMAL");
            assertThat(latest[0].get("inputs").get("measuredUnits").asInt()).as("units with a measured output").isPositive();
            assertThat(latest[0].get("setpoints").get("published").asInt()).isPositive();
        });
        assertThat(latest[0].get("inputs").get("caseName").asText()).isEqualTo("case_RTS_GMLC");

        try (KafkaConsumer<AssetId, SetpointAck> acks = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "lifecycle-acks",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.GRID_SETPOINT_ACKS.keySerde().deserializer(), Topics.GRID_SETPOINT_ACKS.valueSerde().deserializer())) {
            acks.subscribe(List.of(Topics.GRID_SETPOINT_ACKS.name()));
            List<SetpointAck> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                acks.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
                return seen.stream().anyMatch(a -> a.status() == SetpointAckStatus.ACCEPTED
                        && a.asset().value().startsWith("gen-") && rts.generators().stream()
                                .anyMatch(g -> a.asset().value().equals("gen-" + g.uid())));
            });
            assertThat(seen).as("setpoints the twin refused").noneMatch(a -> a.status() == SetpointAckStatus.REJECTED);
        }
    }

    /**
     * The operator API verifies tokens with the key `gridai token` signs with (the same data folder): a viewer's token
     * reads {@code /api/v1/me} as that user, a request without one is a 401.
     */
    private void assertTheOperatorApiTakesTheInstallationsTokens(JsonNode status) throws Exception {
        JsonNode api = find(status.get("components"), OperatorApiComponent.NAME);
        assertThat(api.get("health").asText()).isEqualTo("UP");
        String alerts = api.get("urls").get(0).asText();
        assertThat(alerts).startsWith("http://127.0.0.1:").endsWith("/api/v1/alerts");
        assertThat(api.get("urls").get(1).asText()).endsWith("/q/openapi");
        URI me = URI.create(alerts.replace("/api/v1/alerts", "/api/v1/me"));
        assertThat(run("status").out()).as("gridai status lists it").containsPattern("operator-api +UP +\\d+ +" + alerts);

        Result token = run("token", "--user", "lifecycle-viewer", "--role", "viewer");
        assertThat(token.exit()).as(token.out()).isZero();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(me)
                .header("Authorization", "Bearer " + token.out().strip()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode who = new ObjectMapper().readTree(answer.body());
        assertThat(who.get("subject").asText()).isEqualTo("lifecycle-viewer");
        assertThat(who.get("issuer").asText()).isEqualTo(OperatorApiComponent.ISSUER);
        assertThat(who.get("grantedRoles")).extracting(JsonNode::asText).containsExactly("viewer");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(me).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Files.readString(dataDir.resolve("run/operator-api.properties")))
                .contains("mp.jwt.verify.issuer=" + OperatorApiComponent.ISSUER)
                .contains("verification-key.pem");
    }

    /**
     * The agent gateway is listed with its MCP URL, ready, and takes an agent's token from `gridai token --agent` on the
     * same data folder (its MCP endpoint does not answer 401 to it, as it does without a token).
     */
    private void assertTheAgentGatewayRunsWithItsMcpUrl(JsonNode status) throws Exception {
        JsonNode gateway = find(status.get("components"), AgentGatewayComponent.NAME);
        assertThat(gateway.get("health").asText()).isEqualTo("UP");
        String mcp = gateway.get("mcp_url").asText();
        assertThat(mcp).startsWith("http://127.0.0.1:").endsWith("/mcp");
        assertThat(gateway.get("urls").get(0).asText()).isEqualTo(mcp);
        Result token = run("token", "--agent", "lifecycle-agent", "--tier", "observe");
        assertThat(token.exit()).as(token.out()).isZero();
        HttpClient http = HttpClient.newHttpClient();
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"lifecycle\",\"version\":\"1\"}}}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(mcp)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(initialize));
        HttpResponse<String> anonymous = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("no token: %s", anonymous.body()).isEqualTo(401);
        HttpResponse<String> agent = http.send(request.header("Authorization", "Bearer " + token.out().strip()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(agent.statusCode()).as("an agent's token: %s", agent.body()).isEqualTo(200);
        assertThat(Files.readString(dataDir.resolve("run/agent-gateway.properties")))
                .contains("mp.jwt.verify.audiences=" + AgentGatewayComponent.AUDIENCE)
                .contains("verification-key.pem");
    }

    private static List<String> names(JsonNode status) {
        List<String> names = new ArrayList<>();
        status.get("components").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    /** Without shared data: the battery the main test gives IEEE 118. */
    private static final String LIFECYCLE_BATTERY = "bess-lifecycle";

    /**
     * The storage manager runs the twin's battery with the twin's limits (RTS-GMLC's efficiency, from a quoted per-unit
     * key) and the wear cost `up` gives it and the optimiser; it issues setpoints on the twin's grid time, and the twin
     * takes them.
     */
    private void assertTheStorageManagerRunsTheTwinsBattery(JsonNode status, String bootstrap) throws Exception {
        JsonNode storage = find(status.get("components"), StorageComponent.NAME);
        assertThat(storage.get("health").asText()).isEqualTo("UP");
        String fleet = storage.get("urls").get(0).asText();
        assertThat(fleet).startsWith("http://127.0.0.1:").endsWith("/storage/fleet");
        String battery = SHARED_DATA.isPresent() ? "bess-" + RtsGmlcSystem.load(SHARED_DATA.get().resolve("rts-gmlc/source"))
                .batteries().get(0).genUid() : LIFECYCLE_BATTERY;

        HttpClient http = HttpClient.newHttpClient();
        JsonNode[] unit = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(fleet)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode doc = new ObjectMapper().readTree(answer.body());
            assertThat(doc.get("clock").asText()).isEqualTo("telemetry");
            assertThat(doc.get("units")).hasSize(1);
            unit[0] = doc.get("units").get(0);
            assertThat(unit[0].get("asset").asText()).isEqualTo(battery);
            assertThat(unit[0].get("socPercent").isNumber()).as("the twin's SoC reading: %s", unit[0]).isTrue();
            assertThat(unit[0].get("lastIssued").isObject()).as("a setpoint issued: %s", unit[0]).isTrue();
        });
        JsonNode limits = unit[0].get("limits");
        assertThat(limits.get("degradationCostPerMwh").asDouble()).isEqualTo(0.75);
        if (SHARED_DATA.isPresent()) {
            // RTS-GMLC: 50 MW, 150 MWh, 85 % round trip (the storage manager's default is 95 % each way)
            assertThat(limits.get("maxChargeMw").asDouble()).isEqualTo(50);
            assertThat(limits.get("capacityMwh").asDouble()).isEqualTo(150);
            assertThat(limits.get("chargeEfficiency").asDouble()).isCloseTo(Math.sqrt(0.85), org.assertj.core.data.Offset.offset(1e-9));
            Properties dispatch = new Properties();
            try (var in = Files.newInputStream(dataDir.resolve("run/dispatch.properties"))) {
                dispatch.load(in);
            }
            assertThat(dispatch.getProperty("gridai.dispatch.grid.battery-cycling-cost-per-mwh")).isEqualTo("0.75");
        }

        try (KafkaConsumer<AssetId, SetpointAck> acks = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "lifecycle-storage-acks",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.GRID_SETPOINT_ACKS.keySerde().deserializer(), Topics.GRID_SETPOINT_ACKS.valueSerde().deserializer())) {
            acks.subscribe(List.of(Topics.GRID_SETPOINT_ACKS.name()));
            List<SetpointAck> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                acks.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
                return seen.stream().anyMatch(a -> a.asset().value().equals(battery)
                        && a.status() != SetpointAckStatus.REJECTED);
            });
            assertThat(seen).as("the battery's setpoints the twin refused")
                    .noneMatch(a -> a.asset().value().equals(battery) && a.status() == SetpointAckStatus.REJECTED);
        }
    }

    @Test
    void withoutGeneratorCostsUpRunsWithoutTheDispatchOptimiserAndSaysWhy(@TempDir Path noSharedData) throws Exception {
        // a shared data folder without RTS-GMLC: the twin runs IEEE 118 from PowSyBl's CDF, which has no gencost
        Process up = launchUp("--no-ingestion", "--no-flink", "--no-operator-api", "--no-agent-gateway", "--shared-data",
                noSharedData.toString());
        awaitHealthy();
        assertThat(output(up)).contains(DispatchComponent.NOT_STARTED + "the twin's case has no generator costs"
                + " (ieee118cdf: IEEE 118 from PowSyBl's CDF, not a MATPOWER file); run with the shared data or --sim-case"
                + " FILE.m with gencost");
        assertThat(output(up)).contains(StorageComponent.NOT_STARTED + "the twin has no batteries (")
                .contains("add some with --sim-batteries ASSET@BUS:MWH:MW[:SOC]");
        JsonNode doc = new ObjectMapper().readTree(run("status", "--json").out());
        assertThat(names(doc)).containsExactly("launcher", "kafka", "grid-sim");
        sigint(up);
        assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aKilledLauncherTakesItsBrokerWithItAndUpWorksAgainOnTheSameData() throws Exception {
        // every service watches the launcher's pid (gridai.parent-pid, service-runtime's ParentProcessWatch)
        // the agent gateway is left out: without a twin it has no grid to serve (the main test stops it with the rest)
        Process first = launchUp("--no-sim", "--no-flink", "--no-agent-gateway");
        awaitHealthy();
        assertThat(output(first)).contains(StorageComponent.NOT_STARTED + "no grid twin runs (--no-sim)");
        List<ProcessHandle> children = first.descendants().toList();

        first.destroyForcibly(); // SIGKILL: no shutdown hook runs
        first.waitFor(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));

        Result stale = run("status");
        assertThat(stale.exit()).isEqualTo(StatusCommand.UNHEALTHY);
        assertThat(stale.out()).contains("stale");

        Process second = launchUp("--no-sim", "--no-flink", "--no-operator-api", "--no-agent-gateway");
        awaitHealthy();
        sigint(second);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void statusSaysHowToStartWhenNothingRuns() {
        Result result = run("status", "--json");
        assertThat(result.exit()).isEqualTo(StatusCommand.UNHEALTHY);
        assertThat(result.out()).contains("\"healthy\" : false").contains("./gridai up");
    }

    private Process launchUp(String... extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path log = dataDir.resolve("up-" + launched.size() + ".out");
        Files.createDirectories(dataDir);
        // As the gridai script does: SIGINT back to its default, in case this JVM inherited it as ignored
        // (a background job of a non-interactive shell, as CI may run us); the JVM ignores it otherwise.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", java,
                "-Dgridai.home=" + REPOSITORY, "-cp", System.getProperty("java.class.path"), GridAi.class.getName(),
                "up", "--data-dir", dataDir.toString(), "--kafka-port", "0", "--kafka-controller-port", "0",
                "--kafka-heap", "384m", "--sim-speed", "10", "--ingestion-port", "0", "--mqtt-port", "0", "--ingestion-app",
                INGESTION_APP.toString(), "--dispatch-port", "0", "--dispatch-app", DISPATCH_APP.toString(),
                "--storage-port", "0", "--storage-app", STORAGE_APP.toString(), "--operator-api-port", "0",
                "--operator-api-app", OPERATOR_API_APP.toString(), "--agent-gateway-port", "0", "--agent-gateway-app",
                AGENT_GATEWAY_APP.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command);
        // any gridai.dispatch.* key through the environment: a solve each grid minute (6 s at ×10) instead of 5
        builder.environment().put("GRIDAI_DISPATCH_TRIGGERS_EVERY", "PT1M");
        // Tracing as a user turns it on, with the standard variables, to this test's collector. No new trace is
        // sampled (ratio 0): only a request that comes in with a sampled trace is traced, and followed through.
        if (collector == null) {
            collector = new OtlpReceiver();
        }
        builder.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint());
        builder.environment().put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        builder.environment().put("OTEL_TRACES_SAMPLER", "parentbased_traceidratio");
        builder.environment().put("OTEL_TRACES_SAMPLER_ARG", "0");
        builder.environment().put("OTEL_BSP_SCHEDULE_DELAY", "500");
        Process p = builder
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        launched.add(p);
        return p;
    }

    /** Until `status` exits 0; on time-out the failure shows the last status (which component was not UP). */
    private void awaitHealthy() {
        await().atMost(START_BUDGET).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Result status = run("status", "--timeout", "PT2S");
            assertThat(status.exit()).as("gridai status:%n%s", status.out()).isEqualTo(StatusCommand.HEALTHY);
        });
    }

    private String output(Process p) throws IOException {
        int index = launched.indexOf(p);
        return Files.readString(dataDir.resolve("up-" + index + ".out"), StandardCharsets.UTF_8);
    }

    private static void sigint(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static JsonNode find(JsonNode components, String name) {
        for (JsonNode c : components) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no component " + name + " in " + components);
    }

    record Result(int exit, String out) {
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        StringWriter out = new StringWriter();
        CommandLine cli = GridAi.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString());
    }
}
