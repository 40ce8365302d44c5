package io.gridai.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridai.cli.GridAi;
import picocli.CommandLine;

/**
 * The agent gateway as `up` configures it: not started while its application is not built, and `up` is told why and
 * how to build it; the installation's verification key, the embedded issuer and the agents' audience; the grid clock;
 * the twin's case as the operator API gets it, and nothing about parts that do not run; its MCP URL, A2A URL and agent
 * card URL, which `gridai status --json` shows as {@code mcp_url}, {@code a2a_url} and {@code agent_card_url} (and only
 * for it).
 */
class AgentGatewayComponentTest {

    @TempDir
    Path dir;

    @Test
    void itIsNotStartedWhileItsApplicationIsNotBuiltAndSaysHowToBuildIt() throws Exception {
        Path app = dir.resolve("agent-gateway/service/target/quarkus-app/quarkus-run.jar");
        AgentGatewayComponent gateway = gateway(app, Optional.empty(), Optional.empty());
        assertThat(gateway.name()).isEqualTo("agent-gateway");
        assertThat(gateway.whyNotStarted()).hasValueSatisfying(why -> assertThat(why)
                .startsWith(AgentGatewayComponent.NOT_STARTED + "it is not built (" + app + " is missing)")
                .contains("./mvnw -B -pl agent-gateway/service -am package -DskipTests")
                .contains("--no-agent-gateway"));

        Files.createDirectories(app.getParent());
        Files.writeString(app, "a packaged application");
        assertThat(gateway.whyNotStarted()).isEmpty();
    }

    @Test
    void theSettingsNameTheInstallationsKeyIssuerAudienceAndGridClock() throws Exception {
        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        AgentGatewayComponent gateway = gateway(dir.resolve("quarkus-run.jar"), Optional.empty(), Optional.empty());

        Path file = gateway.writeRunSettings(layout);
        assertThat(file).isEqualTo(layout.runDir().resolve("agent-gateway.properties"));
        Properties read = read(file);
        SigningKeys keys = SigningKeys.of(layout);
        assertThat(read).containsOnly(
                entry("mp.jwt.verify.publickey.location", keys.verificationKeyFile().toUri().toString()),
                entry("mp.jwt.verify.issuer", "gridai-embedded"),
                entry("mp.jwt.verify.audiences", "gridai-agent-gateway"),
                entry("gridai.gateway.clock", "telemetry"));
        assertThat(Path.of(URI.create(read.getProperty("mp.jwt.verify.publickey.location"))))
                .as("the operator API's key: gridai token signs both kinds of token with its private half")
                .isEqualTo(layout.dataDir().resolve("operator-api/keys/verification-key.pem")).isRegularFile();

        // the operator API verifies with the very same file
        OperatorApiComponent api = new OperatorApiComponent(() -> "localhost:9", dir.resolve("api.jar"), "127.0.0.1", 0,
                "256m", OperatorApiComponent.Peers.none());
        assertThat(read(api.writeRunSettings(layout)).getProperty("mp.jwt.verify.publickey.location"))
                .isEqualTo(read.getProperty("mp.jwt.verify.publickey.location"));
    }

    @Test
    void itGetsTheTwinsCaseAsTheOperatorApiDoesAndLeavesOutWhatDoesNotRun() throws Exception {
        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        Path caseFile = TriangleCase.write(dir, true);
        GridSimComponent twin = TriangleCase.twin(caseFile, "bess-a@3:100:25:0.6");
        // the Flink jobs are planned but not started: no live-state address
        FlinkComponent flink = new FlinkComponent(() -> "localhost:9", dir, 5701);
        AgentGatewayComponent gateway = gateway(dir.resolve("quarkus-run.jar"), Optional.of(flink), Optional.of(twin));
        Properties read = read(gateway.writeRunSettings(layout));
        assertThat(read).contains(
                entry("gridai.gateway.grid.case-file", caseFile.toAbsolutePath().toString()),
                entry("gridai.gateway.grid.batteries", "bess-a@3:100.0:25.0:0.6"),
                entry("gridai.gateway.grid.generator-names",
                        layout.dataDir().resolve("agent-gateway/generator-names.csv").toString()),
                entry("gridai.gateway.clock", "telemetry"));
        assertThat(read.stringPropertyNames()).noneMatch(k -> k.startsWith("gridai.gateway.live-state."));

        OperatorApiComponent api = new OperatorApiComponent(() -> "localhost:9", dir.resolve("api.jar"), "127.0.0.1", 0,
                "256m", new OperatorApiComponent.Peers(Optional.of(flink), Optional.of(twin), Optional.empty(), List.of()));
        Properties operator = read(api.writeRunSettings(layout));
        for (String key : List.of("case-file", "batteries", "default-ramp-per-minute")) {
            assertThat(read.getProperty("gridai.gateway.grid." + key)).isNotBlank()
                    .isEqualTo(operator.getProperty("gridai.operator.grid." + key));
        }
        assertThat(Files.readAllLines(Path.of(read.getProperty("gridai.gateway.grid.generator-names"))).stream()
                .filter(l -> !l.startsWith("#")).toList()).isEqualTo(Files.readAllLines(
                Path.of(operator.getProperty("gridai.operator.grid.generator-names"))).stream()
                .filter(l -> !l.startsWith("#")).toList());
    }

    @Test
    void itShowsItsMcpAndA2aUrlsWhichStatusJsonLists() throws Exception {
        AgentGatewayComponent gateway = gateway(dir.resolve("quarkus-run.jar"), Optional.empty(), Optional.empty());
        assertThat(gateway.urls("http://127.0.0.1:8086")).containsExactly("http://127.0.0.1:8086/mcp");
        assertThat(gateway.endpoints(new PlatformLayout(dir))).as("no URL before it has started").isEmpty();

        // a run file as `up` writes it once the gateway is ready (its readiness URL answering nothing here)
        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        layout.create();
        new RunFile(ProcessHandle.current().pid(), Instant.now(), layout.dataDir().toString(), RunFile.State.RUNNING,
                List.of(new ComponentRecord("agent-gateway", HealthProbe.HTTP, null, List.of("http://127.0.0.1:8086/mcp"),
                        Map.of(HealthProbe.HTTP, "http://127.0.0.1:1/q/health/ready",
                                AgentGatewayComponent.MCP_URL, "http://127.0.0.1:8086/mcp",
                                AgentGatewayComponent.A2A_URL, "http://127.0.0.1:8086/",
                                AgentGatewayComponent.AGENT_CARD_URL, "http://127.0.0.1:8086/.well-known/agent-card.json"))))
                .write(layout.runFile());
        StringWriter out = new StringWriter();
        CommandLine cli = GridAi.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.execute("status", "--json", "--timeout", "PT1S", "--data-dir", layout.dataDir().toString());
        JsonNode components = new ObjectMapper().readTree(out.toString()).get("components");
        JsonNode listed = null;
        for (JsonNode c : components) {
            if (c.get("name").asText().equals("agent-gateway")) {
                listed = c;
            } else {
                assertThat(c.has("mcp_url")).as("only the gateway has an MCP server: %s", c).isFalse();
                assertThat(c.has("a2a_url") || c.has("agent_card_url")).as("only the gateway speaks A2A: %s", c).isFalse();
            }
        }
        assertThat(listed).as("agent-gateway in %s", components).isNotNull();
        assertThat(listed.get("mcp_url").asText()).isEqualTo("http://127.0.0.1:8086/mcp");
        assertThat(listed.get("a2a_url").asText()).isEqualTo("http://127.0.0.1:8086/");
        assertThat(listed.get("agent_card_url").asText()).isEqualTo("http://127.0.0.1:8086/.well-known/agent-card.json");
        assertThat(listed.get("health").asText()).as("nothing answers its readiness URL").isEqualTo("DOWN");
    }

    private static AgentGatewayComponent gateway(Path app, Optional<FlinkComponent> flink, Optional<GridSimComponent> twin) {
        return new AgentGatewayComponent(() -> "localhost:9", app, "127.0.0.1", 0, "512m", flink, twin);
    }

    private static Properties read(Path file) throws Exception {
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            read.load(in); // as Quarkus' properties config source reads it
        }
        return read;
    }
}
