package io.gridai.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator API as `up` configures it: the installation's verification key (generated on first need, the same
 * pair `gridai token` signs with, kept across runs) and the embedded issuer, in the run's settings file; its URLs.
 */
class OperatorApiComponentTest {

    @TempDir
    Path dir;

    @Test
    void theSettingsNameTheInstallationsVerificationKeyAndIssuer() throws Exception {
        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        OperatorApiComponent api = new OperatorApiComponent(() -> "localhost:9", dir.resolve("quarkus-run.jar"),
                "127.0.0.1", 0, "256m");
        assertThat(api.name()).isEqualTo("operator-api");
        assertThat(api.whyNotStarted()).isEmpty();

        Path file = api.writeRunSettings(layout);
        assertThat(file).isEqualTo(layout.runDir().resolve("operator-api.properties"));
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            read.load(in); // as Quarkus' properties config source reads it
        }
        SigningKeys keys = SigningKeys.of(layout);
        assertThat(read).containsOnly(
                entry("mp.jwt.verify.publickey.location", keys.verificationKeyFile().toUri().toString()),
                entry("mp.jwt.verify.issuer", OperatorApiComponent.ISSUER));
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
    void itShowsItsAlertsAndOpenApi() {
        OperatorApiComponent api = new OperatorApiComponent(() -> "localhost:9", dir.resolve("quarkus-run.jar"),
                "127.0.0.1", 0, "256m");
        assertThat(api.urls("http://127.0.0.1:8085")).containsExactly("http://127.0.0.1:8085/api/v1/alerts",
                "http://127.0.0.1:8085/q/openapi");
    }

    @Test
    void aCorruptSigningKeyFailsTheStartWithWhatToDo() throws Exception {
        PlatformLayout layout = new PlatformLayout(dir.resolve("data"));
        Files.createDirectories(SigningKeys.of(layout).signingKeyFile().getParent());
        Files.writeString(SigningKeys.of(layout).signingKeyFile(), "not a key");
        OperatorApiComponent api = new OperatorApiComponent(() -> "localhost:9", dir.resolve("quarkus-run.jar"),
                "127.0.0.1", 0, "256m");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.writeRunSettings(layout))
                .isInstanceOf(ComponentStartException.class)
                .hasMessageContaining("no token verification key")
                .hasMessageContaining("signing-key.pem");
    }
}
