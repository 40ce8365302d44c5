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
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridai.cli.platform.AgentGatewayComponent;
import io.gridai.cli.platform.OperatorApiComponent;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * `gridai token`: its tokens verify with the installation's public key as the operator API verifies them (smallrye-jwt,
 * RS256, the embedded issuer), carry the user, the role and the expiry asked for; the key pair is generated once and
 * reused, the private key readable by the owner only; unknown roles and non-positive lifetimes are refused. An agent's
 * token (--agent, --tier) verifies as the agent gateway verifies it (the same key and issuer, its audience required)
 * and carries the agent id, tier and scopes asked for, and no role for the operator API; mixed or incomplete requests
 * are refused with what to give instead.
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

    @Test
    void anAgentsTokenVerifiesForTheGatewayAndCarriesAgentTierScopesAndExpiry() throws Exception {
        Instant before = Instant.now();
        InProcess result = InProcess.run("token", "--agent", "research-1", "--tier", "Propose", "--ttl", "PT30M",
                "--zones", "zone-1,zone-2,zone-1", "--assets", "gen-1-1", "--assets", "load-3", "--data-dir",
                data.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();

        JsonWebToken jwt = verifyAsGateway(result.out().strip(), publicKey(data));
        assertThat(jwt.getIssuer()).isEqualTo(OperatorApiComponent.ISSUER).isEqualTo("gridai-embedded");
        assertThat(jwt.getSubject()).isEqualTo("research-1");
        assertThat(jwt.getAudience()).containsExactly(AgentGatewayComponent.AUDIENCE).containsExactly("gridai-agent-gateway");
        assertThat(text(jwt.getClaim("gridai_tier"))).isEqualTo("propose");
        assertThat(texts(jwt.getClaim("gridai_zones"))).as("duplicates dropped, order kept").containsExactly("zone-1", "zone-2");
        assertThat(texts(jwt.getClaim("gridai_assets"))).containsExactly("gen-1-1", "load-3");
        assertThat(jwt.getGroups()).as("no role on the operator API").isEmpty();
        assertThat(jwt.getTokenID()).isNotBlank();
        Instant issued = Instant.ofEpochSecond(jwt.getIssuedAtTime());
        assertThat(issued).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(Duration.between(issued, Instant.ofEpochSecond(jwt.getExpirationTime()))).isEqualTo(Duration.ofMinutes(30));

        // without scopes: not narrowed (no scope claims), default lifetime eight hours, every tier
        for (String tier : List.of("observe", "study", "propose", "execute-within-envelope")) {
            InProcess plain = InProcess.run("token", "--agent", "coder.7", "--tier", tier, "--data-dir", data.toString());
            assertThat(plain.exit()).as(plain.err()).isZero();
            JsonWebToken unscoped = verifyAsGateway(plain.out().strip(), publicKey(data));
            assertThat(text(unscoped.getClaim("gridai_tier"))).isEqualTo(tier);
            assertThat(unscoped.getClaimNames()).doesNotContain("gridai_zones", "gridai_assets", "groups", "upn");
            assertThat(unscoped.getExpirationTime() - unscoped.getIssuedAtTime()).isEqualTo(Duration.ofHours(8).toSeconds());
        }

        // a user's token is not an agent's: it has no gateway audience
        String user = InProcess.run("token", "--user", "alice", "--role", "admin", "--data-dir", data.toString()).out().strip();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifyAsGateway(user, publicKey(data)))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void mixedIncompleteOrInvalidAgentRequestsAreRefusedWithWhatToGive() {
        InProcess both = InProcess.run("token", "--user", "alice", "--role", "viewer", "--agent", "a1", "--tier", "observe",
                "--data-dir", data.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.out()).isEmpty();
        assertThat(both.err()).contains("--user and --agent are mutually exclusive");

        InProcess neither = InProcess.run("token", "--data-dir", data.toString());
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("--user NAME --role").contains("--agent NAME --tier");

        InProcess noTier = InProcess.run("token", "--agent", "a1", "--data-dir", data.toString());
        assertThat(noTier.exit()).isEqualTo(2);
        assertThat(noTier.err()).contains("--agent needs --tier").contains("observe, study, propose, execute-within-envelope");

        InProcess unknownTier = InProcess.run("token", "--agent", "a1", "--tier", "root", "--data-dir", data.toString());
        assertThat(unknownTier.exit()).isEqualTo(2);
        assertThat(unknownTier.err()).contains("unknown tier 'root'");

        InProcess badId = InProcess.run("token", "--agent", "evil agent;drop", "--tier", "observe", "--data-dir",
                data.toString());
        assertThat(badId.exit()).isEqualTo(2);
        assertThat(badId.err()).contains("--agent").contains("AgentId 'evil agent;drop'");

        InProcess badZone = InProcess.run("token", "--agent", "a1", "--tier", "observe", "--zones", "zone-1,*",
                "--data-dir", data.toString());
        assertThat(badZone.exit()).isEqualTo(2);
        assertThat(badZone.err()).contains("--zones").contains("'*'");

        InProcess roleForAgent = InProcess.run("token", "--agent", "a1", "--tier", "observe", "--role", "admin",
                "--data-dir", data.toString());
        assertThat(roleForAgent.exit()).isEqualTo(2);
        assertThat(roleForAgent.err()).contains("--role is for a user's token");

        InProcess tierForUser = InProcess.run("token", "--user", "alice", "--role", "viewer", "--tier", "observe",
                "--data-dir", data.toString());
        assertThat(tierForUser.exit()).isEqualTo(2);
        assertThat(tierForUser.err()).contains("are for an agent's token");

        InProcess zeroTtl = InProcess.run("token", "--agent", "a1", "--tier", "observe", "--ttl", "PT0S", "--data-dir",
                data.toString());
        assertThat(zeroTtl.exit()).isEqualTo(2);
        assertThat(zeroTtl.err()).contains("--ttl must be positive");
        assertThat(data.resolve("operator-api")).as("no key pair for a refused request").doesNotExist();
    }

    /** As the agent gateway verifies: RS256 with the public key, the embedded issuer and the gateway's audience required. */
    private static JsonWebToken verifyAsGateway(String token, PublicKey key) throws ParseException {
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, OperatorApiComponent.ISSUER);
        info.setExpectedAudience(Set.of(AgentGatewayComponent.AUDIENCE));
        return new DefaultJWTParser(info).parse(token);
    }

    /** A claim that is a JSON array of strings, as its texts (smallrye-jwt gives JSON-P values or Java collections). */
    private static List<String> texts(Object claim) {
        assertThat(claim).as("a JSON array claim").isInstanceOfAny(JsonArray.class, java.util.Collection.class);
        java.util.Collection<?> values = claim instanceof JsonArray array ? array : (java.util.Collection<?>) claim;
        return values.stream().map(TokenCommandTest::text).toList();
    }

    /** A string claim's text (JSON-P {@link JsonString} or a Java string). */
    private static String text(Object claim) {
        assertThat(claim).as("a string claim").isInstanceOfAny(JsonString.class, String.class);
        return claim instanceof JsonString json ? json.getString() : (String) claim;
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
