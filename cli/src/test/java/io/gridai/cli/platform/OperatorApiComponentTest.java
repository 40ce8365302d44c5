package io.gridai.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator API as `up` configures it: the installation's verification key (generated on first need, the same
 * pair `gridai token` signs with, kept across runs) and the embedded issuer, in the run's settings file; the twin's case
 * as the optimiser gets it, and nothing about parts that do not run; its URLs. (The lifecycle and console tests check
 * the live-state, optimiser and health settings on a running platform.)
 */
class OperatorApiComponentTest {

    @TempDir
    Path dir;

    @Test
    void theSettingsNameTheInstallationsVerificationKeyAndIssuer() throws Exception {
        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        OperatorApiComponent api = new OperatorApiComponent(() -> "localhost:9", dir.resolve("quarkus-run.jar"),
                "127.0.0.1", 0, "256m", OperatorApiComponent.Peers.none());
        assertThat(api.name()).isEqualTo("operator-api");
        assertThat(api.whyNotStarted()).isEmpty();

        Path file = api.writeRunSettings(layout);
        assertThat(file).isEqualTo(layout.runDir().resolve("operator-api.properties"));
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            read.load(in); // as Quarkus' properties config source reads it
        }
        SigningKeys keys = SigningKeys.of(layout);
        read.stringPropertyNames().stream().filter(k -> k.startsWith("gridai.operator.replay.")).toList()
                .forEach(read::remove); // replaySettingsSteerTheSameFilesAsGridaiReplay
        assertThat(read).containsOnly(
                entry("mp.jwt.verify.publickey.location", keys.verificationKeyFile().toUri().toString()),
                entry("mp.jwt.verify.issuer", OperatorApiComponent.ISSUER),
                entry("gridai.operator.clock", "telemetry"));
        assertThat(Path.of(URI.create(read.getProperty("mp.jwt.verify.publickey.location"))))
                .isEqualTo(layout.dataDir().resolve("operator-api/keys/verification-key.pem")).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.signingKeyFile()))).isEqualTo("rw-------");

        // the next run keeps the pair: tokens signed before stay valid
        String publicKey = Files.readString(keys.verificationKeyFile());
        String privateKey = Files.readString(keys.signingKeyFile());
        api.writeRunSettings(layout);
        assertThat(Files.readString(keys.verificationKeyFile())).isEqualTo(publicKey);
        assertThat(Files.readString(keys.signingKeyFile())).isEqualTo(privateKey);
        assertThat(keys.ensure().getPublic().getEncoded()).isEqualTo(keys.ensure().getPublic().getEncoded());
    }

    @Test
    void itGetsTheTwinsCaseAsTheOptimiserDoesAndLeavesOutWhatDoesNotRun() throws Exception {
        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        Path caseFile = TriangleCase.write(dir, true);
        GridSimComponent twin = TriangleCase.twin(caseFile, "bess-a@3:100:25:0.6");
        // the Flink jobs, the optimiser and the storage manager are planned but not started (as when up leaves them
        // out): no live-state address, no optimiser URL, no health URLs
        FlinkComponent flink = new FlinkComponent(() -> "localhost:9", dir, 5701);
        DispatchComponent dispatch = new DispatchComponent(() -> "localhost:9", dir.resolve("d.jar"), "127.0.0.1", 0,
                "256m", Optional.of(twin), "telemetry.clean", 0.5);
        OperatorApiComponent api = new OperatorApiComponent(() -> "localhost:9", dir.resolve("quarkus-run.jar"),
                "127.0.0.1", 0, "256m", new OperatorApiComponent.Peers(Optional.of(flink), Optional.of(twin),
                        Optional.of(dispatch), List.of(dispatch)));
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(api.writeRunSettings(layout))) {
            read.load(in);
        }
        assertThat(read).contains(
                entry("gridai.operator.grid.case-file", caseFile.toAbsolutePath().toString()),
                entry("gridai.operator.grid.batteries", "bess-a@3:100.0:25.0:0.6"),
                entry("gridai.operator.grid.generator-names",
                        layout.dataDir().resolve("operator-api/generator-names.csv").toString()),
                entry("mp.jwt.verify.issuer", OperatorApiComponent.ISSUER));
        assertThat(read.getProperty("gridai.operator.grid.default-ramp-per-minute")).isNotBlank();
        assertThat(layout.dataDir().resolve("operator-api/generator-names.csv")).isRegularFile();
        assertThat(read.stringPropertyNames()).noneMatch(k -> k.startsWith("gridai.operator.live-state.")
                || k.startsWith("gridai.operator.dispatch.") || k.startsWith("gridai.operator.health."));

        // the optimiser's own keys come from the same code: the same case, names and batteries under its prefix
        Properties optimiser = new Properties();
        try (Reader in = Files.newBufferedReader(dispatch.writeRunSettings(layout))) {
            optimiser.load(in);
        }
        for (String key : List.of("case-file", "batteries", "default-ramp-per-minute")) {
            assertThat(read.getProperty("gridai.operator.grid." + key))
                    .isEqualTo(optimiser.getProperty("gridai.dispatch.grid." + key));
        }
        assertThat(Files.readAllLines(Path.of(read.getProperty("gridai.operator.grid.generator-names"))).stream()
                .filter(l -> !l.startsWith("#")).toList()).isEqualTo(Files.readAllLines(
                Path.of(optimiser.getProperty("gridai.dispatch.grid.generator-names"))).stream()
                .filter(l -> !l.startsWith("#")).toList());
    }

    @Test
    void replaySettingsSteerTheSameFilesAsGridaiReplay() {
        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        Properties built = new Properties();
        built.putAll(OperatorApiComponent.replaySettings(layout, Optional.of("/r/replay.jar:/r/lib/*")));
        Path data = layout.dataDir();
        assertThat(built).containsOnly(
                entry("gridai.operator.replay.class-path", "/r/replay.jar:/r/lib/*"),
                entry("gridai.operator.replay.archive", data.resolve("archive").toString()),
                entry("gridai.operator.replay.models", data.resolve("models").toString()),
                entry("gridai.operator.replay.production-models", data.resolve("models").toString()),
                entry("gridai.operator.replay.dir", data.resolve("replay").toString()),
                entry("gridai.operator.replay.run-dir", data.resolve("run").toString()),
                entry("gridai.operator.replay.logs-dir", data.resolve("logs").toString()),
                entry("gridai.operator.replay.log-config", FlinkComponent.logConfig(layout).toString()));
        // the API names the control file run-dir/replay-NAME.control, as gridai replay pause does
        assertThat(ReplayModule.controlFile(layout, io.gridai.model.id.SandboxId.of("week")))
                .isEqualTo(data.resolve("run").resolve("replay-week.control"));

        Properties unbuilt = new Properties();
        unbuilt.putAll(OperatorApiComponent.replaySettings(layout, Optional.empty()));
        assertThat(unbuilt.stringPropertyNames()).as("no class path: the API answers 503")
                .doesNotContain("gridai.operator.replay.class-path", "gridai.operator.replay.log-config")
                .contains("gridai.operator.replay.run-dir");
        assertThat(ReplayModule.builtClassPath(dir.resolve("no-replay-module"))).isEmpty();
    }

    @Test
    void itShowsItsAlertsOpenApiAndConsole() {
        OperatorApiComponent api = new OperatorApiComponent(() -> "localhost:9", dir.resolve("quarkus-run.jar"),
                "127.0.0.1", 0, "256m", OperatorApiComponent.Peers.none());
        assertThat(api.urls("http://127.0.0.1:8085")).containsExactly("http://127.0.0.1:8085/api/v1/alerts",
                "http://127.0.0.1:8085/q/openapi", "http://127.0.0.1:8085/console/");
    }

    @Test
    void aCorruptSigningKeyFailsTheStartWithWhatToDo() throws Exception {
        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        Files.createDirectories(SigningKeys.of(layout).signingKeyFile().getParent());
        Files.writeString(SigningKeys.of(layout).signingKeyFile(), "not a key");
        OperatorApiComponent api = new OperatorApiComponent(() -> "localhost:9", dir.resolve("quarkus-run.jar"),
                "127.0.0.1", 0, "256m", OperatorApiComponent.Peers.none());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.writeRunSettings(layout))
                .isInstanceOf(ComponentStartException.class)
                .hasMessageContaining("no token verification key")
                .hasMessageContaining("signing-key.pem");
    }
}
