package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridai.cli.platform.OperatorApiComponent;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * `gridai token`: its tokens verify with the installation's public key as the operator API verifies them (smallrye-jwt,
 * RS256, the embedded issuer), carry the user, the role and the expiry asked for; the key pair is generated once and
 * reused, the private key readable by the owner only; unknown roles and non-positive lifetimes are refused.
 */
class TokenCommandTest {

    @TempDir
    Path data;

    @Test
    void theTokenVerifiesWithTheInstallationsKeyAndCarriesUserRoleAndExpiry() throws Exception {
        Instant before = Instant.now();
        InProcess result = InProcess.run("token", "--user", "alice", "--role", "operator", "--ttl", "PT2H",
                "--data-dir", data.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        String token = result.out().strip();
        assertThat(token).doesNotContain("\n").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");

        JsonWebToken jwt = verify(token, publicKey(data));
        assertThat(jwt.getIssuer()).isEqualTo(OperatorApiComponent.ISSUER);
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getName()).isEqualTo("alice");
        assertThat(jwt.getGroups()).containsExactly("operator");
        assertThat(jwt.getTokenID()).isNotBlank();
        Instant issued = Instant.ofEpochSecond(jwt.getIssuedAtTime());
        Instant expires = Instant.ofEpochSecond(jwt.getExpirationTime());
        assertThat(issued).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(Duration.between(issued, expires)).isEqualTo(Duration.ofHours(2));
        assertThat(jwt.getClaimNames()).contains("jti", "iat", "exp");
    }

    @Test
    void theKeyPairIsMadeOnceKeptOwnerOnlyAndReused() throws Exception {
        assertThat(InProcess.run("token", "--user", "bob", "--role", "viewer", "--data-dir", data.toString()).exit()).isZero();
        Path keys = data.resolve("operator-api/keys");
        Path privateKey = keys.resolve("signing-key.pem");
        Path publicKey = keys.resolve("verification-key.pem");
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        String privateText = Files.readString(privateKey);
        String publicText = Files.readString(publicKey);

        InProcess second = InProcess.run("token", "--user", "carol", "--role", "admin", "--data-dir", data.toString());
        assertThat(second.exit()).isZero();
        assertThat(Files.readString(privateKey)).as("the same signing key").isEqualTo(privateText);
        assertThat(Files.readString(publicKey)).isEqualTo(publicText);
        JsonWebToken jwt = verify(second.out().strip(), publicKey(data));
        assertThat(jwt.getSubject()).isEqualTo("carol");
        assertThat(jwt.getGroups()).containsExactly("admin");
        // default lifetime: eight hours
        assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime()).isEqualTo(Duration.ofHours(8).toSeconds());

        // a lost verification key is written again from the signing key, not a new pair
        Files.delete(publicKey);
        assertThat(InProcess.run("token", "--user", "dan", "--role", "viewer", "--data-dir", data.toString()).exit()).isZero();
        assertThat(Files.readString(publicKey)).isEqualTo(publicText);
        assertThat(Files.readString(privateKey)).isEqualTo(privateText);
    }

    @Test
    void aTokenFromAnotherInstallationDoesNotVerify(@TempDir Path other) throws Exception {
        String token = InProcess.run("token", "--user", "eve", "--role", "admin", "--data-dir", other.toString()).out().strip();
        assertThat(InProcess.run("token", "--user", "x", "--role", "viewer", "--data-dir", data.toString()).exit()).isZero();
        PublicKey ours = publicKey(data);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verify(token, ours)).isInstanceOf(ParseException.class);
    }

    @Test
    void unknownRolesAndNonPositiveLifetimesAreRefused() {
        InProcess unknown = InProcess.run("token", "--user", "alice", "--role", "root", "--data-dir", data.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("unknown role 'root'").contains("viewer, operator, supervisor, admin");

        InProcess zero = InProcess.run("token", "--user", "alice", "--role", "viewer", "--ttl", "PT0S", "--data-dir",
                data.toString());
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--ttl must be positive");
        InProcess negative = InProcess.run("token", "--user", "alice", "--role", "viewer", "--ttl", "-PT1H", "--data-dir",
                data.toString());
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--ttl must be positive");

        InProcess blank = InProcess.run("token", "--user", " ", "--role", "viewer", "--data-dir", data.toString());
        assertThat(blank.exit()).isEqualTo(2);
        assertThat(blank.err()).contains("--user");

        InProcess noRole = InProcess.run("token", "--user", "alice", "--data-dir", data.toString());
        assertThat(noRole.exit()).isEqualTo(2);
        assertThat(noRole.err()).contains("--role");
        assertThat(data.resolve("operator-api")).as("no key pair for a refused request").doesNotExist();
    }

    /** As the operator API verifies: RS256 with the public key, the embedded issuer required. */
    private static JsonWebToken verify(String token, PublicKey key) throws ParseException {
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, OperatorApiComponent.ISSUER);
        return new DefaultJWTParser(info).parse(token);
    }

    private static PublicKey publicKey(Path data) throws Exception {
        String pem = Files.readString(data.resolve("operator-api/keys/verification-key.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", ""));
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
}
