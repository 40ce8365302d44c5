package io.gridai.cli.platform;

import io.gridai.model.unit.MeasurementKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The ingestion service (a packaged Quarkus application) as its own JVM, writing to the platform's broker.
 * Its approved sources live in {@code <data>/ingestion/ingestion.properties}, written on first start with two
 * sources and kept afterwards (edit it to add a utility's feeds): {@code grid-sim} (the twin, through the
 * Kafka-direct feed) and {@code local-utility} (a random API key for the HTTP feed, and the Kafka-direct feed).
 * Ready when {@code /q/health/ready} answers 200 (the broker answers and has ingestion's topics).
 */
public final class IngestionComponent implements PlatformComponent {

    public static final String NAME = "ingestion";
    /** The twin's source id in the generated registry (the twin's own {@code TwinSettings.DEFAULT_SOURCE}). */
    public static final String TWIN_SOURCE = "grid-sim";
    public static final String LOCAL_SOURCE = "local-utility";

    private final Supplier<String> bootstrap;
    private final Path app;
    private final String host;
    private int port;
    private final String heap;
    private final Function<PlatformLayout, Map<String, String>> extraConfig;
    private JvmProcess process;

    /**
     * @param bootstrap   Kafka bootstrap servers, known once the broker is up
     * @param app         the service's {@code quarkus-run.jar}
     * @param host        address the HTTP feed binds to
     * @param port        its port; 0 picks a free one
     * @param heap        maximum heap, e.g. {@code 512m}
     * @param extraConfig configuration properties for this run (e.g. the MQTT channel's broker, known once it
     *                    runs), written to a file only the user can read, as they may hold a password
     */
    public IngestionComponent(Supplier<String> bootstrap, Path app, String host, int port, String heap,
            Function<PlatformLayout, Map<String, String>> extraConfig) {
        this.bootstrap = bootstrap;
        this.app = app;
        this.host = host;
        this.port = port;
        this.heap = heap;
        this.extraConfig = extraConfig;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentRecord start(PlatformLayout layout, Duration readyTimeout) {
        if (!Files.isRegularFile(app)) {
            throw new ComponentStartException("the ingestion service is not built (" + app + " is missing); build it"
                    + " with ./mvnw -B -pl ingestion -am package -DskipTests, or run ./gridai, which builds it");
        }
        Path config = sourcesFile(layout);
        if (port == 0) {
            port = freePort(host);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap.get());
        env.put("QUARKUS_HTTP_HOST", host);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Path connections = layout.runDir().resolve(NAME + "-connections.properties");
        PlatformFiles.writeOwnerOnly(connections, propertyLines(extraConfig.apply(layout)),
                "this run's connections");
        env.put("QUARKUS_CONFIG_LOCATIONS", config.toAbsolutePath() + "," + connections.toAbsolutePath());
        env.put("GRIDAI_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        process = JvmProcess.startJar(NAME, layout, List.of("-Xmx" + heap), app, env);
        String base = "http://" + host + ":" + port;
        URI ready = URI.create(base + "/q/health/ready");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        String last = "not answering yet";
        while (true) {
            if (!process.isAlive()) {
                throw new ComponentStartException("The ingestion service exited (code " + process.exitCode()
                        + ") before it was ready:" + System.lineSeparator() + process.stderrTail(15)
                        + System.lineSeparator() + "Full log: " + layout.logsDir().resolve(NAME + ".out"));
            }
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    break;
                }
                last = "readiness " + answer.statusCode() + ": " + answer.body();
            } catch (IOException e) {
                last = "not answering: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComponentStartException("interrupted while waiting for the ingestion service");
            }
            if (System.nanoTime() > deadline) {
                process.stop(Duration.ofSeconds(10));
                throw new ComponentStartException("The ingestion service was not ready within " + readyTimeout + " ("
                        + last + "); see " + layout.logsDir().resolve(NAME + ".out"));
            }
            process.waitForExit(Duration.ofMillis(200));
        }
        return new ComponentRecord(NAME, HealthProbe.HTTP, process.pid(),
                List.of(base + "/v1/measurements", base + "/q/openapi"),
                Map.of(HealthProbe.HTTP, ready.toString(), "sources", config.toString(),
                        "log", layout.logsDir().resolve(NAME + ".out").toString()));
    }

    /** The source registry this platform's ingestion reads; written once, with a fresh API key. */
    public static Path sourcesFile(PlatformLayout layout) {
        Path file = layout.componentData(NAME).resolve("ingestion.properties");
        if (Files.exists(file)) {
            return file;
        }
        String kinds = Arrays.stream(MeasurementKind.values()).map(Enum::name).collect(Collectors.joining(","));
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        List<String> lines = new ArrayList<>(List.of(
                "# GridAI ingestion's approved sources, written by ./gridai up on " + Instant.now() + ".",
                "# Kept across runs: add your utility's feeds here (see ingestion/README.md), then restart.",
                "",
                "# The grid twin, through the Kafka-direct feed (its inbound topic).",
                "gridai.ingestion.sources." + TWIN_SOURCE + ".utility=GridAI grid twin",
                "gridai.ingestion.sources." + TWIN_SOURCE + ".allowed-assets=*",
                "gridai.ingestion.sources." + TWIN_SOURCE + ".allowed-kinds=" + kinds,
                "gridai.ingestion.sources." + TWIN_SOURCE + ".kafka-direct=true",
                "",
                "# A local test utility: HTTP with this key (X-Api-Key), Kafka-direct, and MQTT as this username.",
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".utility=Local test utility",
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".api-key=" + HexFormat.of().formatHex(key),
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".allowed-assets=*",
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".allowed-kinds=" + kinds,
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".kafka-direct=true",
                "gridai.ingestion.sources." + LOCAL_SOURCE + ".mqtt-username=" + LOCAL_SOURCE));
        return PlatformFiles.writeOnce(file, lines, "ingestion's sources");
    }

    /** One {@code key=value} line per setting, escaped as {@link java.util.Properties} reads them. */
    private static List<String> propertyLines(Map<String, String> properties) {
        java.util.Properties props = new java.util.Properties();
        props.putAll(properties);
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            props.store(text, "GridAI ingestion: this run's connections, written by ./gridai up");
        } catch (IOException e) {
            throw new UncheckedIOException("formatting properties in memory failed", e);
        }
        return text.toString().lines().toList();
    }

    private static int freePort(String host) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ComponentStartException("no free port on " + host + " for the ingestion service: "
                    + e.getMessage());
        }
    }

    @Override
    public void stop(Duration timeout) {
        if (process != null) {
            process.stop(timeout);
        }
    }

    @Override
    public boolean isAlive() {
        return process != null && process.isAlive();
    }
}
