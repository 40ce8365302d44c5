package io.gridai.cli.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A packaged Quarkus service ({@code quarkus-run.jar}) as its own JVM, talking to the platform's broker: checks the
 * service is built, takes a free port when given 0, passes the broker, host, port and this launcher's pid (the
 * service stops when the launcher is gone) and this run's settings in a file only the user can read
 * ({@code DATA/run/}), and is ready when {@code /q/health/ready} answers 200. A service that exits or is not ready
 * in time fails the start with its own error lines (its JSON log's ERROR messages, then its stderr) and where its
 * full log is. With the standard {@code OTEL_EXPORTER_OTLP_*} variables in the launcher's environment, the service
 * traces to that endpoint ({@link Tracing}).
 */
abstract class QuarkusComponent implements PlatformComponent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<String> bootstrap;
    private final Path app;
    private final String host;
    private final String heap;
    private int port;
    private JvmProcess process;
    private volatile String baseUrl;

    /**
     * @param bootstrap Kafka bootstrap servers, known once the broker is up
     * @param app       the service's {@code quarkus-run.jar}
     * @param host      address its HTTP server binds to
     * @param port      its port; 0 picks a free one
     * @param heap      maximum heap, e.g. {@code 512m}
     */
    protected QuarkusComponent(Supplier<String> bootstrap, Path app, String host, int port, String heap) {
        this.bootstrap = bootstrap;
        this.app = app;
        this.host = host;
        this.port = port;
        this.heap = heap;
    }

    /** Human name for messages, e.g. "The ingestion service". */
    protected abstract String title();

    /** The service's Maven module, for the build hint, e.g. {@code ingestion}. */
    protected abstract String module();

    /** This run's settings (Quarkus configuration keys), known when the component starts. */
    protected abstract Map<String, String> runSettings(PlatformLayout layout);

    /** Where this run's settings are written; replaced at each start. */
    protected Path runSettingsFile(PlatformLayout layout) {
        return layout.runDir().resolve(name() + ".properties");
    }

    /** {@code http://host:port} of the service once it has started and is ready; empty before. */
    final java.util.Optional<String> baseUrl() {
        return java.util.Optional.ofNullable(baseUrl);
    }

    /** Its readiness URL ({@code /q/health/ready}) once it has started and is ready; empty before. */
    final java.util.Optional<String> readinessUrl() {
        return baseUrl().map(base -> base + "/q/health/ready");
    }

    /** Writes this run's settings to {@link #runSettingsFile} (a properties file only the user can read) and returns it. */
    final Path writeRunSettings(PlatformLayout layout) {
        Path settings = runSettingsFile(layout);
        PlatformFiles.writeOwnerOnly(settings, propertyLines(runSettings(layout)), title() + "'s settings for this run");
        return settings;
    }

    /** Configuration files the user keeps (read before this run's settings), e.g. ingestion's sources. */
    protected List<Path> keptConfigFiles(PlatformLayout layout) {
        return List.of();
    }

    /** Addresses to show users, under the service's base URL ({@code http://host:port}). */
    protected abstract List<String> urls(String base);

    /** Further machine-readable endpoints for the run file, besides readiness and the log. */
    protected Map<String, String> endpoints(PlatformLayout layout) {
        return Map.of();
    }

    @Override
    public final ComponentRecord start(PlatformLayout layout, Duration readyTimeout) {
        if (!Files.isRegularFile(app)) {
            throw new ComponentStartException(title() + " is not built (" + app + " is missing); build it with ./mvnw -B -pl "
                    + module() + " -am package -DskipTests, or run ./gridai, which builds it");
        }
        List<Path> config = new ArrayList<>(keptConfigFiles(layout));
        config.add(writeRunSettings(layout));
        if (port == 0) {
            port = freePort();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap.get());
        env.put("QUARKUS_HTTP_HOST", host);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_CONFIG_LOCATIONS", config.stream().map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(",")));
        env.put("GRIDAI_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        env.putAll(Tracing.quarkusEnvironment(System.getenv()));
        process = JvmProcess.startJar(name(), layout, List.of("-Xmx" + heap), app, env);
        String base = "http://" + host + ":" + port;
        URI ready = URI.create(base + "/q/health/ready");
        awaitReady(layout, ready, readyTimeout);
        baseUrl = base;
        Map<String, String> endpoints = new LinkedHashMap<>(endpoints(layout));
        endpoints.put(HealthProbe.HTTP, ready.toString());
        endpoints.put("log", log(layout).toString());
        return new ComponentRecord(name(), HealthProbe.HTTP, process.pid(), urls(base), endpoints);
    }

    private void awaitReady(PlatformLayout layout, URI ready, Duration readyTimeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        String last = "not answering yet";
        while (true) {
            if (!process.isAlive()) {
                throw new ComponentStartException(title() + " exited (code " + process.exitCode() + ") before it was ready:"
                        + System.lineSeparator() + whatItSaid(layout) + System.lineSeparator() + "Full log: " + log(layout));
            }
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = "readiness " + answer.statusCode() + ": " + answer.body();
            } catch (IOException e) {
                last = "not answering: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComponentStartException("interrupted while waiting for " + title());
            }
            if (System.nanoTime() > deadline) {
                process.stop(Duration.ofSeconds(10));
                throw new ComponentStartException(title() + " was not ready within " + readyTimeout + " (" + last + "); see "
                        + log(layout));
            }
            process.waitForExit(Duration.ofMillis(200));
        }
    }

    /** The service's ERROR messages from its JSON-lines console log, then the tail of its stderr. */
    private String whatItSaid(PlatformLayout layout) {
        List<String> errors = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log(layout))) {
                if (line.contains("\"ERROR\"")) {
                    JsonNode entry = readJson(line);
                    if (entry != null && "ERROR".equals(entry.path("level").asText())) {
                        errors.add("ERROR " + entry.path("message").asText());
                    }
                }
            }
        } catch (IOException e) {
            errors.add("(cannot read " + log(layout) + ": " + e.getMessage() + ")");
        }
        String stderr = process.stderrTail(15);
        List<String> said = new ArrayList<>(errors.subList(Math.max(0, errors.size() - 5), errors.size()));
        if (!stderr.isBlank()) {
            said.add(stderr);
        }
        return said.isEmpty() ? "(nothing on stderr, no ERROR in its log)" : String.join(System.lineSeparator(), said);
    }

    private static JsonNode readJson(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null; // not a JSON log line (e.g. the JVM's own output)
        }
    }

    private Path log(PlatformLayout layout) {
        return layout.logsDir().resolve(name() + ".out");
    }

    /** One {@code key=value} line per setting, escaped as {@link java.util.Properties} reads them. */
    private List<String> propertyLines(Map<String, String> properties) {
        java.util.Properties props = new java.util.Properties();
        props.putAll(properties);
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            props.store(text, "GridAI " + name() + ": this run's settings, written by ./gridai up");
        } catch (IOException e) {
            throw new UncheckedIOException("formatting properties in memory failed", e);
        }
        return text.toString().lines().toList();
    }

    private int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ComponentStartException("no free port on " + host + " for " + title() + ": " + e.getMessage());
        }
    }

    @Override
    public final void stop(Duration timeout) {
        if (process != null) {
            process.stop(timeout);
        }
    }

    @Override
    public final boolean isAlive() {
        return process != null && process.isAlive();
    }
}
