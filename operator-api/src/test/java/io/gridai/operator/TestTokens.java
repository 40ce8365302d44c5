package io.gridai.operator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
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
import java.util.Map;
import java.util.Set;

/**
 * The tests' token issuer: an RSA key pair made for this test run, whose public key (PEM, in a file under
 * {@code java.io.tmpdir}) the application verifies tokens with ({@code mp.jwt.verify.publickey.location}), and tokens
 * signed with its private key, or with another key, or expired, for a subject and roles.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "gridai";

    /**
     * Where {@link #start} leaves the trusted private key (PKCS#8, base64) for the tests: a system property, because
     * the test resource and the test classes may be loaded by different class loaders (a static key would differ).
     */
    private static final String PRIVATE_KEY_PROPERTY = "gridai.test.operator-api.private-key";
    private static final KeyPair FOREIGN = generate();

    @Override
    public Map<String, String> start() {
        KeyPair trusted = generate();
        try {
            Path file = Files.createTempFile("operator-api-test-key", ".pem");
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(trusted.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            Path secret = Files.createTempFile("operator-api-test-key", ".pk8");
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

    /** A valid token (5 minutes) for {@code subject} with {@code roles} in its groups claim. */
    public static String token(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(subject, roles, now, now.plus(Duration.ofMinutes(5)), ISSUER, trusted());
    }

    /** A token that expired an hour ago (well past the allowed clock skew). */
    public static String expired(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(subject, roles, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), ISSUER,
                trusted());
    }

    /** A token in every way valid but signed by a key the application does not trust. */
    public static String foreignKey(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(subject, roles, now, now.plus(Duration.ofMinutes(5)), ISSUER, FOREIGN.getPrivate());
    }

    /** A token signed by the trusted key but for another issuer. */
    public static String otherIssuer(String subject, String... roles) {
        Instant now = Instant.now();
        return sign(subject, roles, now, now.plus(Duration.ofMinutes(5)), "someone-else", trusted());
    }

    private static String sign(String subject, String[] roles, Instant issued, Instant expires, String issuer,
            PrivateKey key) {
        return Jwt.issuer(issuer).subject(subject).upn(subject).groups(Set.of(roles)).issuedAt(issued)
                .expiresAt(expires).sign(key);
    }

    private static PrivateKey trusted() {
        String file = System.getProperty(PRIVATE_KEY_PROPERTY);
        if (file == null) {
            throw new IllegalStateException("no test key; annotate the test with @WithTestResource(TestTokens.class)");
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
