package io.gridai.sim.run;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gridai.model.process.StatusFiles;
import io.gridai.sim.clock.SimClock;
import io.gridai.sim.twin.GridTwin;

/**
 * Runs the grid twin as its own process, as {@code gridai up} does:
 *
 * <pre>
 * java -cp ... io.gridai.sim.run.GridTwinMain --bootstrap HOST:PORT [--shared-data DIR] [--case FILE.m]
 *      [--load-profile builtin|opsd-fr] [--batteries A@BUS:MWH:MW,...] [--speed 1..1000] [--tick PT1S]
 *      [--start 2020-07-01T00:00:00Z] [--imperfections none|realistic] [--trip ASSET@DURATION,...]
 *      [--publish-to raw|ingestion] [--ready-file FILE] [--heartbeat-file FILE] [--parent-pid PID]
 * </pre>
 *
 * <p>Which grid: see {@link TwinScenario}. {@code --trip gen-89-1@PT60S,...} trips each generator that long
 * (ISO-8601 duration, grid time) after the start ({@link ScheduledTrip}, {@link GridTwin#trip}). It writes {@code --ready-file}
 * after the first published tick and rewrites {@code --heartbeat-file} once a wall second; it stops on
 * SIGTERM/SIGINT, and when {@code --parent-pid} ends.
 */
public final class GridTwinMain {

    private static final Logger LOG = LoggerFactory.getLogger(GridTwinMain.class);

    private GridTwinMain() {
    }

    public static void main(String[] args) {
        Map<String, String> options = parse(args);
        String bootstrap = required(options, "--bootstrap");
        double speed = Double.parseDouble(options.getOrDefault("--speed", "1"));
        Duration tick = Duration.parse(options.getOrDefault("--tick", "PT1S"));
        TwinScenario scenario;
        GridTwin twin;
        List<ScheduledTrip> trips;
        try {
            scenario = TwinScenario.choose(options);
            twin = scenario.twin(tick);
            trips = ScheduledTrip.parseList(options.get("--trip"), "--trip");
            for (ScheduledTrip trip : trips) {
                trip.scheduleOn(twin, scenario.start());
            }
        } catch (IllegalArgumentException | UncheckedIOException | io.gridai.model.GridModelException
                | io.gridai.network.GridNetworkException e) {
            System.err.println("gridai grid-sim: " + e.getMessage());
            System.exit(2);
            return;
        }
        Instant start = scenario.start();
        SimClock clock = SimClock.of(start, tick, speed);
        LOG.info("grid twin starting: scenario={} speed={} tick={} start={} trips={}", scenario.description(), speed, tick,
                start, trips);

        KafkaTwinLink.Feed feed;
        try {
            feed = KafkaTwinLink.Feed.valueOf(options.getOrDefault("--publish-to", "raw").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("gridai grid-sim: --publish-to is '" + options.get("--publish-to")
                    + "'; give raw (straight to the raw telemetry topic) or ingestion (through its Kafka-direct feed)");
            System.exit(2);
            return;
        }
        KafkaTwinLink link = new KafkaTwinLink(bootstrap, "grid-sim", feed);
        GridTwinRunner runner = new GridTwinRunner(twin, clock, link);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.stop();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "grid-sim-shutdown"));
        String parentPid = options.get("--parent-pid");
        if (parentPid != null) {
            ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(
                    p -> p.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        String readyFile = options.get("--ready-file");
        boolean[] ready = {readyFile == null};
        Optional<Path> heartbeat = Optional.ofNullable(options.get("--heartbeat-file")).map(Path::of);
        long[] lastBeat = {0};
        try {
            TwinRunStats stats = runner.run(Long.MAX_VALUE, result -> {
                if (!ready[0]) {
                    writeReady(Path.of(readyFile), scenario.description());
                    ready[0] = true;
                }
                long now = System.nanoTime();
                if (heartbeat.isPresent() && now - lastBeat[0] >= HEARTBEAT_EVERY_NANOS) {
                    writeHeartbeat(heartbeat.get(), result.time(), runner.snapshot(), result.converged());
                    lastBeat[0] = now;
                }
            });
            LOG.info("grid twin stopped: ticks={} measurements={} nonConverged={} setpoints={} measurementsPerSecond={}",
                    stats.ticks(), stats.measurements(), stats.nonConverged(), stats.setpoints(),
                    Math.round(stats.measurementsPerSecond()));
        } finally {
            link.close();
            done.countDown();
        }
    }

    /** How often (wall time) the heartbeat file is rewritten: once a second. */
    static final long HEARTBEAT_EVERY_NANOS = 1_000_000_000L;

    private static void writeReady(Path file, String description) {
        Properties ready = new Properties();
        ready.setProperty("scenario", description);
        ready.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
        StatusFiles.write(file, ready, "GridAI grid twin is publishing");
    }

    /**
     * What `gridai status` reads to tell a publishing twin from a stuck one: wall time of the beat (epoch ms),
     * grid time of the last tick, counters, and whether the last power flow converged.
     */
    private static void writeHeartbeat(Path file, Instant gridTime, TwinRunStats stats, boolean converged) {
        Properties beat = new Properties();
        beat.setProperty("wallEpochMs", String.valueOf(System.currentTimeMillis()));
        beat.setProperty("gridTime", gridTime.toString());
        beat.setProperty("ticks", String.valueOf(stats.ticks()));
        beat.setProperty("measurements", String.valueOf(stats.measurements()));
        beat.setProperty("nonConverged", String.valueOf(stats.nonConverged()));
        beat.setProperty("lastConverged", String.valueOf(converged));
        beat.setProperty("setpoints", String.valueOf(stats.setpoints()));
        StatusFiles.write(file, beat, "GridAI grid twin heartbeat");
    }


    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("gridai grid-sim: unexpected argument '" + args[i] + "'; options come as --name value");
                System.exit(64);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            System.err.println("gridai grid-sim: " + name + " is required");
            System.exit(64);
        }
        return value;
    }
}
