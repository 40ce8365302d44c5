package io.gridai.ingestion.http;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real certificates made with the JDK's own {@code keytool}: a server key pair for the HTTPS port, a client
 * certificate registered for source {@code utility-cert}, and a second client certificate that the server's
 * trust store accepts but no source owns. Configures the HTTPS port to request client certificates.
 */
public class ClientCertificateResource implements QuarkusTestResourceLifecycleManager {

    static final String PASSWORD = "test-secret";
    static final String SOURCE = "utility-cert";
    private static volatile Path dir;

    static Path registeredClient() {
        return dir.resolve("client.p12");
    }

    /** What the clients trust: the server's certificate. */
    static Path clientTrust() {
        return dir.resolve("client-trust.p12");
    }

    static Path unregisteredClient() {
        return dir.resolve("stranger.p12");
    }

    @Override
    public Map<String, String> start() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            dir = Files.createTempDirectory(tmp, "gridai-ingestion-tls-");
            keyPair("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
            keyPair("client", "CN=utility-cert-gateway,O=Cert Grid Co", null);
            keyPair("stranger", "CN=someone-else", null);
            for (String name : List.of("client", "stranger")) {
                keytool("-exportcert", "-alias", name, "-keystore", dir.resolve(name + ".p12").toString(),
                        "-storepass", PASSWORD, "-file", dir.resolve(name + ".crt").toString());
                keytool("-importcert", "-noprompt", "-alias", name, "-file", dir.resolve(name + ".crt").toString(),
                        "-keystore", dir.resolve("trust.p12").toString(), "-storetype", "PKCS12",
                        "-storepass", PASSWORD);
            }
            keytool("-exportcert", "-alias", "server", "-keystore", dir.resolve("server.p12").toString(),
                    "-storepass", PASSWORD, "-file", dir.resolve("server.crt").toString());
            keytool("-importcert", "-noprompt", "-alias", "server", "-file", dir.resolve("server.crt").toString(),
                    "-keystore", clientTrust().toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
            return Map.ofEntries(
                    Map.entry("quarkus.tls.key-store.p12.path", dir.resolve("server.p12").toString()),
                    Map.entry("quarkus.tls.key-store.p12.password", PASSWORD),
                    Map.entry("quarkus.tls.trust-store.p12.path", dir.resolve("trust.p12").toString()),
                    Map.entry("quarkus.tls.trust-store.p12.password", PASSWORD),
                    Map.entry("quarkus.http.test-ssl-port", "0"),
                    Map.entry("gridai.ingestion.sources." + SOURCE + ".utility", "Cert Grid Co"),
                    Map.entry("gridai.ingestion.sources." + SOURCE + ".allowed-assets", "gen-*"),
                    Map.entry("gridai.ingestion.sources." + SOURCE + ".allowed-kinds", "ACTIVE_POWER"),
                    Map.entry("gridai.ingestion.sources." + SOURCE + ".client-certificate-sha256",
                            colonFingerprint(registeredClient())));
        } catch (Exception e) {
            throw new IllegalStateException("could not make test certificates with keytool: " + e.getMessage(), e);
        }
    }

    /** As {@code openssl x509 -fingerprint -sha256} prints it: upper-case hex pairs joined by colons. */
    private static String colonFingerprint(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = store.getCertificate(store.aliases().nextElement());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    private static void keyPair(String name, String dname, String san) throws Exception {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", "2", "-keystore", dir.resolve(name + ".p12").toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            args.addAll(List.of("-ext", san));
        }
        keytool(args.toArray(String[]::new));
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    @Override
    public void stop() {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
