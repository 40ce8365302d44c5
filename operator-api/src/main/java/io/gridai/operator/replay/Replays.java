package io.gridai.operator.replay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.model.id.SandboxId;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Replays of the archive into sandboxes, each the replay module's {@code ReplayMain} as a child process (see
 * {@link ReplayConfig}), steered through its control file and watched through its status file, the same files
 * {@code gridai replay} and {@code gridai replay pause|resume|stop} use, so that either steers a replay the other
 * started. A replay started from the command line shows here too (from its status file), without an exit code.
 *
 * <p>The request is checked here as {@code ReplayMain} checks it (sandbox name, dates, speed); what only the replay
 * can know (an empty window of the archive) ends it as {@code failed} with the reason in the status.
 */
@ApplicationScoped
public class Replays {

    /** The audit action of starting a replay; the subject is the sandbox. */
    public static final String ACTION_START = "replay.start";
    /** The audit action of pausing, resuming or stopping one ({@code replay.pause} etc.). */
    public static final String ACTION_PREFIX = "replay.";

    private static final Logger LOG = Logger.getLogger(Replays.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ENDS = Set.of("stopped", "done", "failed");
    private static final Pattern STATUS_FILE = Pattern.compile("replay-([a-z0-9][a-z0-9-]*)\\.status\\.json");
    private static final String MAIN = "io.gridai.replay.ReplayMain";

    private final ReplayConfig config;
    private final String kafka;
    private final Map<SandboxId, Launched> launched = new ConcurrentHashMap<>();

    public Replays(ReplayConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /** A replay as asked for, checked: the sandbox, the window {@code [from, to)}, the assets (all when empty). */
    public record Request(SandboxId sandbox, String from, String to, List<String> assets, String speed) {
    }

    /** A replay this service started. */
    private record Launched(Request request, Process process, Path log, Path output) {
    }

    /** Replays are not configured ({@code gridai.operator.replay.class-path} etc.). */
    public static final class NotConfiguredException extends RuntimeException {
        NotConfiguredException(String message) {
            super(message, null, false, false);
        }
    }

    /** A replay of the sandbox runs, or (steering) is still starting. */
    public static final class BusyException extends RuntimeException {
        BusyException(String message) {
            super(message, null, false, false);
        }
    }

    /** No replay of the sandbox runs. */
    public static final class NotRunningException extends RuntimeException {
        NotRunningException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Checks a request as {@code ReplayMain} does.
     *
     * @throws IllegalArgumentException saying what is wrong and what to give instead
     */
    public static Request check(String sandbox, String from, String to, List<String> assets, String speed) {
        SandboxId id = SandboxId.of(sandbox);
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new IllegalArgumentException("from and to are required, e.g. \"from\":\"2020-07-06\",\"to\":"
                    + "\"2020-07-13\" (UTC days or ISO-8601 instants)");
        }
        Instant f = time("from", from.strip());
        Instant t = time("to", to.strip());
        if (!f.isBefore(t)) {
            throw new IllegalArgumentException("the replay window is empty: from " + f + " is not before to " + t);
        }
        List<String> names = new ArrayList<>();
        for (String asset : assets == null ? List.<String>of() : assets) {
            if (asset == null || asset.isBlank() || asset.contains(",")) {
                throw new IllegalArgumentException("assets holds '" + asset + "'; give asset ids such as"
                        + " load-zone-1, or leave assets out to replay every asset");
            }
            names.add(asset.strip());
        }
        String s = speed == null || speed.isBlank() ? "100" : speed.strip().toLowerCase(Locale.ROOT);
        parseSpeed(s);
        return new Request(id, from.strip(), to.strip(), List.copyOf(names), s);
    }

    /** As {@code ReplayMain.time}: {@code 2020-07-06} (UTC midnight) or an ISO-8601 instant. */
    static Instant time(String name, String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is neither a date (2020-07-06, UTC) nor an"
                    + " instant (2020-07-06T12:00:00Z)");
        }
    }

    /** As {@code ReplayRequest.parseSpeed}: {@code max}, or a positive finite factor ({@code 100}, {@code 100x}). */
    static double parseSpeed(String text) {
        if (text.equals("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double speed = Double.parseDouble(text.endsWith("x") ? text.substring(0, text.length() - 1) : text);
            if (speed > 0 && Double.isFinite(speed)) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("speed '" + text + "' is not a speed; give a positive factor of real time"
                + " (1, 100, 1000) or max");
    }

    /**
     * The reason replays cannot start, when they cannot.
     */
    public Optional<String> notConfigured() {
        if (config.classPath().isEmpty()) {
            return Optional.of("replays are not configured: gridai.operator.replay.class-path is not set; build the"
                    + " replay module (./mvnw -pl replay -am package -DskipTests) and restart ./gridai up, which sets"
                    + " it, or set it (with .archive and .models) to the replay module's jar and target/lib/*");
        }
        if (config.archive().isEmpty()) {
            return Optional.of("replays are not configured: gridai.operator.replay.archive (the archive root) is not"
                    + " set");
        }
        if (config.models().isEmpty()) {
            return Optional.of("replays are not configured: gridai.operator.replay.models (the model registry of the"
                    + " model under test) is not set");
        }
        return Optional.empty();
    }

    /**
     * Starts a replay of {@code request} as a child process, once {@code audit} (run after the checks, before the
     * start) has returned.
     *
     * @throws NotConfiguredException when replays are not configured
     * @throws BusyException          when a replay of that sandbox runs
     */
    public synchronized Map<String, Object> start(Request request, Runnable audit) {
        notConfigured().ifPresent(why -> {
            throw new NotConfiguredException(why);
        });
        SandboxId id = request.sandbox();
        Launched previous = launched.get(id);
        if (previous != null && previous.process().isAlive()) {
            throw new BusyException("a replay of sandbox " + id + " is running (pid " + previous.process().pid()
                    + "); stop it first (POST /api/v1/replays/" + id + "/stop) or choose another sandbox");
        }
        Path control = controlFile(id);
        if (previous == null && Files.exists(control)) {
            throw new BusyException("a replay of sandbox " + id + " is running (started elsewhere, e.g. ./gridai"
                    + " replay: its control file " + control + " exists); stop it first, or, if none runs, delete"
                    + " that file");
        }
        audit.run();
        Path sandboxDir = config.dir().toAbsolutePath().resolve(id.value());
        Path tmp = sandboxDir.resolve("tmp");
        Path logs = config.logsDir().orElse(config.dir()).toAbsolutePath();
        Path log = logs.resolve("replay-" + id.value() + ".log");
        Path output = logs.resolve("replay-" + id.value() + ".out");
        Path status = statusFile(id);
        List<String> command = new ArrayList<>();
        command.add(config.java().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(config.jvmOptions());
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-Djava.awt.headless=true", "-Dgridai.log.file=" + log,
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED"));
        config.logConfig().ifPresent(f -> command.add("-Dlog4j2.configurationFile=" + f.toAbsolutePath()));
        command.addAll(List.of("-cp", config.classPath().orElseThrow(), MAIN,
                "--bootstrap", config.bootstrap().orElse(kafka),
                "--archive", config.archive().orElseThrow().toAbsolutePath().toString(),
                "--sandbox", id.value(), "--from", request.from(), "--to", request.to(), "--speed", request.speed(),
                "--models", config.models().orElseThrow().toAbsolutePath().toString(),
                "--work", sandboxDir.resolve("work").toString(), "--report", sandboxDir.resolve("report").toString(),
                "--control-file", control.toString(), "--status-file", status.toString(),
                "--timeout", config.timeout().toString()));
        config.productionModels().filter(Files::isDirectory)
                .ifPresent(p -> command.addAll(List.of("--production-models", p.toAbsolutePath().toString())));
        if (!request.assets().isEmpty()) {
            command.addAll(List.of("--assets", String.join(",", request.assets())));
        }
        Process process;
        try {
            Files.createDirectories(tmp);
            Files.createDirectories(logs);
            Files.createDirectories(control.getParent());
            Files.deleteIfExists(status);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
            process.getOutputStream().close(); // it reads nothing
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the replay of sandbox " + id + ": " + e.getMessage(), e);
        }
        launched.put(id, new Launched(request, process, log, output));
        LOG.infof("replay started sandbox=%s pid=%d from=%s to=%s speed=%s assets=%s output=%s", id, process.pid(),
                request.from(), request.to(), request.speed(), request.assets(), output);
        process.onExit().thenAccept(p -> LOG.infof("replay ended sandbox=%s pid=%d exit=%d", id, p.pid(),
                p.exitValue()));
        return status(id).orElseThrow();
    }

    /** A replay's status (from its status file), with the exit code once it has ended; empty when none is known. */
    public Optional<Map<String, Object>> status(SandboxId id) {
        Launched mine = launched.get(id);
        Optional<Map<String, Object>> written = read(statusFile(id));
        if (mine == null) {
            return written;
        }
        Map<String, Object> status = written.orElseGet(() -> {
            Map<String, Object> starting = new LinkedHashMap<>();
            starting.put("sandbox", id.value());
            starting.put("state", "starting");
            starting.put("from", mine.request().from());
            starting.put("to", mine.request().to());
            starting.put("speed", mine.request().speed());
            starting.put("records_sent", 0);
            return starting;
        });
        if (!mine.process().isAlive()) {
            int exit = mine.process().exitValue();
            status.put("exit_code", exit);
            if (!ENDS.contains(String.valueOf(status.get("state")))) {
                // ended without saying so (killed, or refused before it could write): say it from the exit code
                status.put("state", exit == 2 ? "stopped" : exit == 0 ? "done" : "failed");
                if (exit != 0 && exit != 2) {
                    status.put("error", "the replay exited with code " + exit + "; see " + mine.output());
                }
            }
        }
        status.put("log", mine.log().toString());
        status.put("output", mine.output().toString());
        return Optional.of(status);
    }

    /** Every replay known: those this service started and those with a status file (e.g. from ./gridai replay). */
    public List<Map<String, Object>> all() {
        Map<String, SandboxId> ids = new TreeMap<>();
        launched.keySet().forEach(id -> ids.put(id.value(), id));
        Path run = runDir();
        if (Files.isDirectory(run)) {
            try (Stream<Path> files = Files.list(run)) {
                files.forEach(f -> {
                    Matcher m = STATUS_FILE.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        try {
                            ids.putIfAbsent(m.group(1), SandboxId.of(m.group(1)));
                        } catch (IllegalArgumentException e) {
                            // not a sandbox's status file
                        }
                    }
                });
            } catch (IOException e) {
                LOG.warnf("cannot list the replays' status files in %s: %s", run, e.getMessage());
            }
        }
        return ids.values().stream().map(this::status).flatMap(Optional::stream).toList();
    }

    /**
     * Writes {@code command} ({@code pause}, {@code resume}, {@code stop}) into a running replay's control file,
     * once {@code audit} (run after the checks) has returned.
     *
     * @throws NotRunningException when no replay of the sandbox runs
     * @throws BusyException       when the replay this service started has not yet begun to watch its control file
     */
    public synchronized Map<String, Object> steer(SandboxId id, String command, Runnable audit) {
        Path control = controlFile(id);
        Launched mine = launched.get(id);
        if (!Files.exists(control)) {
            if (mine != null && mine.process().isAlive()) {
                throw new BusyException("the replay of sandbox " + id + " is still starting (it does not watch "
                        + control + " yet); try again in a few seconds");
            }
            throw new NotRunningException("no replay of sandbox " + id + " is running (no control file " + control
                    + "); GET /api/v1/replays lists the replays, POST /api/v1/replays starts one");
        }
        audit.run();
        try {
            Files.writeString(control, command + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the control file " + control + ": " + e.getMessage(), e);
        }
        LOG.infof("replay %s sent sandbox=%s", command, id);
        return status(id).orElseGet(() -> new LinkedHashMap<>(Map.of("sandbox", id.value())));
    }

    /** The replay's control file, as {@code gridai replay} names it. */
    public Path controlFile(SandboxId id) {
        return runDir().resolve("replay-" + id.value() + ".control");
    }

    /** The replay's status file. */
    public Path statusFile(SandboxId id) {
        return runDir().resolve("replay-" + id.value() + ".status.json");
    }

    private Path runDir() {
        return config.runDir().orElse(config.dir()).toAbsolutePath();
    }

    private static Optional<Map<String, Object>> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            }));
        } catch (IOException e) {
            // replaced atomically, so this is not a half-written file but an unreadable one
            LOG.warnf("cannot read the replay status file %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stops the replays this service started (as SIGTERM does: the sandbox jobs are cancelled, no report). */
    @PreDestroy
    void stopAll() {
        List<Process> running = launched.values().stream().map(Launched::process).filter(Process::isAlive).toList();
        running.forEach(Process::destroy);
        for (Process p : running) {
            try {
                if (!p.waitFor(config.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warnf("replay pid=%d did not stop within %s; killed", p.pid(), config.stopGrace());
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
