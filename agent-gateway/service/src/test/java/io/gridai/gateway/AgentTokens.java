package io.gridai.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tests' token issuer, as the operator API's TestTokens: an RSA key pair made for the run, whose public key the
 * gateway verifies with; agent tokens (audience {@code gridai-agent-gateway}, {@code sub}, {@code gridai_tier},
 * optional scopes), expired ones, ones signed by another key, and operators' tokens (no audience, groups).
 */
public class AgentTokens implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "gridai";
    public static final String AUDIENCE = "gridai-agent-gateway";
    private static final String PRIVATE_KEY_PROPERTY = "gridai.test.agent-gateway.private-key";
    private static final KeyPair FOREIGN = generate();

    @Override
    public Map<String, String> start() {
        KeyPair trusted = generate();
        try {
            Path file = Files.createTempFile("agent-gateway-test-key", ".pem");
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(trusted.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            Path secret = Files.createTempFile("agent-gateway-test-key", ".pk8");
            Files.writeString(secret, Base64.getEncoder().encodeToString(trusted.getPrivate().getEncoded()));
            System.setProperty(PRIVATE_KEY_PROPERTY, secret.toString());
            return Map.of("mp.jwt.verify.publickey.location", file.toUri().toString(), "mp.jwt.verify.issuer", ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** A valid agent token (5 minutes). */
    public static String agent(String agent, String tier) {
        return sign(base(agent, tier, Instant.now(), Instant.now().plus(Duration.ofMinutes(5))), trusted());
    }

    /** A valid agent token restricted to {@code zones} and {@code assets}. */
    public static String scoped(String agent, String tier, List<String> zones, List<String> assets) {
        JwtClaimsBuilder b = base(agent, tier, Instant.now(), Instant.now().plus(Duration.ofMinutes(5)));
        if (!zones.isEmpty()) {
            b.claim("gridai_zones", zones);
        }
        if (!assets.isEmpty()) {
            b.claim("gridai_assets", assets);
        }
        return sign(b, trusted());
    }

    /** An agent token that expired an hour ago. */
    public static String expired(String agent, String tier) {
        Instant now = Instant.now();
        return sign(base(agent, tier, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))), trusted());
    }

    /** An agent token signed by a key the gateway does not trust. */
    public static String foreignKey(String agent, String tier) {
        return sign(base(agent, tier, Instant.now(), Instant.now().plus(Duration.ofMinutes(5))), FOREIGN.getPrivate());
    }

    /** An operator's token of the operator API (no audience, roles in groups), signed by the same key. */
    public static String operator(String subject, String... roles) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(roles)).issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(5))).sign(trusted());
    }

    private static JwtClaimsBuilder base(String agent, String tier, Instant issued, Instant expires) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).subject(agent).audience(AUDIENCE).issuedAt(issued).expiresAt(expires);
        if (tier != null) {
            b.claim("gridai_tier", tier);
        }
        return b;
    }

    private static String sign(JwtClaimsBuilder b, PrivateKey key) {
        return b.sign(key);
    }

    private static PrivateKey trusted() {
        String file = System.getProperty(PRIVATE_KEY_PROPERTY);
        if (file == null) {
            throw new IllegalStateException("no test key; annotate the test with @WithTestResource(AgentTokens.class)");
        }
        try {
            byte[] der = Base64.getDecoder().decode(Files.readString(Path.of(file)).strip());
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
