package io.gridai.replay;

import io.gridai.model.id.SandboxId;
import io.gridai.model.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay as a process, what {@code gridai replay} starts:
 *
 * <pre>
 * java -cp "replay/target/replay-*.jar:replay/target/lib/*" io.gridai.replay.ReplayMain \
 *      --bootstrap HOST:PORT --archive DIR --sandbox NAME --from DATE|INSTANT --to DATE|INSTANT \
 *      --models DIR [--production-models DIR] [--assets A,B] [--speed 100|max] [--config FILE] [--set K=V ...] \
 *      [--work DIR] [--report DIR] [--control-file FILE] [--status-file FILE] [--timeout PT10M]
 * </pre>
 *
 * <p>Dates are UTC days ({@code 2020-07-06} is its midnight), instants ISO-8601. {@code --control-file} is watched:
 * writing {@code pause}, {@code resume} or {@code stop} into it does that (what {@code gridai replay pause} does);
 * SIGINT/SIGTERM stop the replay. {@code --status-file} is rewritten (atomically) with the replay's state and progress
 * as JSON on every progress report, on pause/resume/stop and at the end ({@link ReplayStatus}), for the operator API.
 * Progress goes to stderr; at the end the report folder's {@code replay.json} path
 * and the key figures go to stdout. Exit codes: 0 done (report written), 2 stopped before the end (no report),
 * 1 failed, 64 bad command line.
 */
public final class ReplayMain {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayMain.class);
    static final int STOPPED = 2;
    static final int USAGE = 64;

    private ReplayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        Properties sets = new Properties();
        List<String> known = List.of("--bootstrap", "--archive", "--sandbox", "--from", "--to", "--models",
                "--production-models", "--assets", "--speed", "--config", "--set", "--work", "--report",
                "--control-file", "--status-file", "--timeout");
        ReplayRequest request;
        Path models;
        Properties jobs;
        Duration timeout;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (!known.contains(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: '" + args[i] + "'; the"
                            + " options are " + known);
                }
                if (args[i].equals("--set")) {
                    String[] kv = args[i + 1].split("=", 2);
                    if (kv.length != 2) {
                        throw new IllegalArgumentException("--set takes KEY=VALUE, got '" + args[i + 1] + "'");
                    }
                    sets.setProperty(kv[0].strip(), kv[1].strip());
                } else {
                    options.put(args[i], args[i + 1]);
                }
            }
            for (String required : List.of("--bootstrap", "--archive", "--sandbox", "--from", "--to", "--models")) {
                if (!options.containsKey(required)) {
                    throw new IllegalArgumentException(required + " is required");
                }
            }
            Set<String> assets = options.containsKey("--assets")
                    ? new HashSet<>(Arrays.stream(options.get("--assets").split(",")).map(String::strip)
                            .filter(a -> !a.isEmpty()).toList())
                    : Set.of();
            request = new ReplayRequest(Path.of(options.get("--archive")), SandboxId.of(options.get("--sandbox")),
                    time("--from", options.get("--from")), time("--to", options.get("--to")), assets,
                    ReplayRequest.parseSpeed(options.getOrDefault("--speed", "100")));
            models = Path.of(options.get("--models"));
            if (!Files.isDirectory(request.archive())) {
                throw new IllegalArgumentException("--archive " + request.archive() + " is not a folder; give the"
                        + " archive root (./gridai archive ls shows what it holds)");
            }
            if (!Files.isDirectory(models)) {
                throw new IllegalArgumentException("--models " + models + " is not a folder; give the model registry"
                        + " of the model under test (./gridai forecast models)");
            }
            jobs = new Properties();
            if (options.containsKey("--config")) {
                try (InputStream in = Files.newInputStream(Path.of(options.get("--config")))) {
                    jobs.load(in);
                }
            }
            jobs.putAll(sets);
            timeout = Duration.parse(options.getOrDefault("--timeout", "PT10M"));
        } catch (IllegalArgumentException | DateTimeParseException | IOException e) {
            err.println("gridai replay: " + e.getMessage());
            if (options.containsKey("--status-file")) {
                ReplayStatus refused = new ReplayStatus(Path.of(options.get("--status-file")),
                        options.getOrDefault("--sandbox", ""), options.getOrDefault("--from", ""),
                        options.getOrDefault("--to", ""), options.getOrDefault("--speed", "100"), null, Clock.systemUTC());
                write(refused.end(ReplayStatus.State.FAILED, "refused: " + e.getMessage()), err);
            }
            return USAGE;
        }
        String sandbox = request.sandbox().value();
        Path work = Path.of(options.getOrDefault("--work", "replay-" + sandbox + "/work"));
        Path report = Path.of(options.getOrDefault("--report", "replay-" + sandbox + "/report"));
        Optional<Path> production = Optional.ofNullable(options.get("--production-models")).map(Path::of);

        ReplayControl control = new ReplayControl();
        Optional<ReplayStatus> status = Optional.ofNullable(options.get("--status-file")).map(f -> new ReplayStatus(
                Path.of(f), sandbox, request.from().toString(), request.to().toString(), speed(request),
                control::state, Clock.systemUTC()));
        status.ifPresent(s -> write(s, err));
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (control.state() != ReplayControl.State.STOPPED && done.getCount() > 0) {
                err.println("gridai replay: stopping (signal)");
                control.stop();
                try {
                    done.await(60, TimeUnit.SECONDS); // let the sandbox jobs be cancelled
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "replay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Optional.ofNullable(options.get("--control-file")).map(Path::of).ifPresent(f -> watch(f, control, done, err,
                () -> status.ifPresent(s -> write(s, err))));
        try {
            err.printf(Locale.ROOT, "gridai replay: %s → sandbox %s (topics %s), %s to %s, speed %s%n",
                    request.archive(), sandbox, Topics.sandbox(request.sandbox()), request.from(), request.to(),
                    request.maxSpeed() ? "max" : request.speed() + "×");
            Replay replay = new Replay(options.get("--bootstrap"), jobs, models, work, timeout);
            Replay.Result result = replay.run(request, control, p -> {
                err.printf(Locale.ROOT, "gridai replay: %,d records, event time %s, %,.0f records/s%s%n",
                        p.records(), p.eventTime(), p.recordsPerSecond(), p.done() ? " (all sent)" : "");
                status.ifPresent(s -> write(s.progress(p), err));
            }, total -> status.ifPresent(s -> write(s.total(total), err)));
            if (result.stopped()) {
                err.printf(Locale.ROOT, "gridai replay: stopped after %,d records; no report%n",
                        result.sent().records());
                status.ifPresent(s -> write(s.end(ReplayStatus.State.STOPPED, null), err));
                return STOPPED;
            }
            ReplayAnalysis.Outcome outcome = ReplayAnalysis.analyse(result, production, report);
            out.printf(Locale.ROOT, "replayed %,d records in %.1f s (%,.0f records/s sent; %.1f s with the sandbox"
                    + " jobs)%n", result.sent().records(), result.sent().wall().toMillis() / 1000.0,
                    result.sent().recordsPerSecond(), result.wall().toMillis() / 1000.0);
            result.outputs().forEach((topic, contents) -> out.printf(Locale.ROOT, "  %-48s %,8d records  sha256 %s%n",
                    topic, contents.count(), contents.sha256()));
            ReplayAnalysis.OfflineCheck check = outcome.check();
            out.printf(Locale.ROOT, "offline check: %s (%d sandbox forecasts, %d offline, %d equal, %d missing, %d"
                    + " extra, max difference %.3g MW)%n", check.identical() ? "identical" : "DIFFERENT",
                    check.sandboxForecasts(), check.offlineForecasts(), check.equal(), check.missing(),
                    check.extra(), check.maxAbsDifferenceMw());
            out.println("report: " + outcome.report().reportHtml().toAbsolutePath());
            out.println("summary: " + outcome.summary().toAbsolutePath());
            out.flush();
            status.ifPresent(s -> write(s.end(ReplayStatus.State.DONE,
                    outcome.report().reportHtml().toAbsolutePath().toString()), err));
            return 0;
        } catch (ReplayException e) {
            err.println("gridai replay: " + e.getMessage());
            status.ifPresent(s -> write(s.end(ReplayStatus.State.FAILED, e.getMessage()), err));
            return 1;
        } catch (Exception e) {
            LOG.error("replay failed", e);
            err.println("gridai replay: failed: " + e);
            status.ifPresent(s -> write(s.end(ReplayStatus.State.FAILED, e.toString()), err));
            return 1;
        } finally {
            done.countDown();
            // the watcher (a daemon) may not get to it before the JVM exits: no replay runs, so no control file
            Optional.ofNullable(options.get("--control-file")).map(Path::of).ifPresent(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    err.println("gridai replay: cannot delete the control file " + f + ": " + e.getMessage());
                }
            });
        }
    }

    /** {@code max}, or the factor without a needless fraction ({@code 600}, {@code 2.5}). */
    static String speed(ReplayRequest request) {
        return request.maxSpeed() ? "max" : BigDecimal.valueOf(request.speed()).stripTrailingZeros().toPlainString();
    }

    /** Writes the status file; a replay goes on without it (said once per failure on stderr). */
    private static void write(ReplayStatus status, PrintStream err) {
        try {
            status.write();
        } catch (IOException | RuntimeException e) {
            err.println("gridai replay: cannot write the status file: " + e.getMessage());
        }
    }

    /** {@code 2020-07-06} (UTC midnight) or an ISO-8601 instant. */
    static Instant time(String option, String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is neither a date (2020-07-06, UTC) nor an"
                    + " instant (2020-07-06T12:00:00Z)");
        }
    }

    /** Applies {@code pause}/{@code resume}/{@code stop} written into {@code file}, until the replay ends. */
    private static void watch(Path file, ReplayControl control, CountDownLatch done, PrintStream err,
            Runnable changed) {
        Thread watcher = new Thread(() -> {
            String last = "";
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, "running\n", StandardCharsets.UTF_8);
                while (!done.await(200, TimeUnit.MILLISECONDS)) {
                    String command = Files.exists(file) ? Files.readString(file).strip() : "";
                    if (command.equals(last)) {
                        continue;
                    }
                    last = command;
                    switch (command) {
                        case "pause" -> {
                            control.pause();
                            err.println("gridai replay: paused");
                        }
                        case "resume" -> {
                            control.resume();
                            err.println("gridai replay: resumed");
                        }
                        case "stop" -> {
                            control.stop();
                            err.println("gridai replay: stopping");
                        }
                        default -> {
                            // "running" or anything else: nothing to do
                        }
                    }
                    changed.run();
                }
                Files.deleteIfExists(file);
            } catch (IOException e) {
                err.println("gridai replay: cannot watch the control file " + file + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "replay-control");
        watcher.setDaemon(true);
        watcher.start();
    }
}
