package io.gridai.flink;

import com.hazelcast.core.HazelcastInstance;
import io.gridai.flink.config.ArchiveSettings;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.config.SettingsException;
import io.gridai.flink.io.GridTopics;
import io.gridai.flink.io.KafkaIo;
import io.gridai.flink.live.HazelcastMember;
import io.gridai.inference.flink.ForecastJob;
import io.gridai.model.process.StatusFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the streaming job on a Flink MiniCluster in this JVM, as {@code gridai up} does:
 *
 * <pre>
 * java -cp "flink-jobs/target/flink-jobs-0.1.0-SNAPSHOT.jar:flink-jobs/target/lib/*" io.gridai.flink.FlinkJobsMain \
 *      --bootstrap HOST:PORT [--config FILE] [--set KEY=VALUE ...]
 *      [--hazelcast none|embedded|HOST:PORT,...] [--hazelcast-cluster gridai] [--hazelcast-port 5701]
 *      [--ready-file FILE] [--heartbeat-file FILE] [--parent-pid PID] [--models DIR]
 * </pre>
 *
 * <p>With {@code --models DIR} the same job also runs inference's forecast pipeline ({@link ForecastJob}:
 * {@code grid.zone-load} → forecast operator → {@code grid.forecasts}) from that model registry, on the same
 * MiniCluster, checkpoints and savepoints; its {@code forecast.*} keys come from the same {@code --config} and
 * {@code --set}, and parallelism and checkpointing are this job's. Restoring a savepoint taken with
 * {@code --models} into a run without it needs Flink's allow-non-restored-state (the forecast operators' state has
 * nowhere to go).
 *
 * <p>It writes {@code --ready-file} once the job runs (job id, pid, and with an embedded member its address
 * {@code hazelcast=HOST:PORT} and {@code hazelcastCluster}) and rewrites {@code --heartbeat-file} every second (job id,
 * status, wall time). With {@code checkpoint.dir} set it resumes from the newest savepoint or retained checkpoint
 * there, and on SIGTERM/SIGINT (or when {@code --parent-pid} ends) it stops the job with a savepoint into
 * {@code checkpoint.dir/savepoints} so the next start continues exactly where this one stopped. Exit codes: 0 after
 * a clean stop, 1 when the job fails, 64 on a bad command line.
 *
 * <p>Unless {@code archive.enabled=false} it also runs the archive job ({@link ArchiveJob}: the archived topics into
 * Avro files under {@code archive.root}) on a MiniCluster of its own in this JVM, with its own checkpoints
 * ({@code checkpoint.dir} + {@code -archive}), resumed and stopped with a savepoint the same way; the heartbeat
 * carries its id and status as {@code archiveJob} and {@code archiveStatus} ({@code OFF}, {@code STARTING},
 * {@code NOT_STARTED} or the Flink job status). The archive starts alongside, not before the streaming job; when it
 * fails the streaming job goes on (logged as an error, seen in the heartbeat).
 */
public final class FlinkJobsMain {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkJobsMain.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private FlinkJobsMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("hazelcast.logging.type", "slf4j");
        JobArguments arguments;
        int hazelcastPort;
        try {
            hazelcastPort = hazelcastPort(args);
            arguments = JobArguments.parse(withoutHazelcastPort(args));
        } catch (SettingsException | UncheckedIOException e) {
            System.err.println("gridai flink-jobs: " + e.getMessage());
            System.exit(64);
            return;
        }
        JobSettings settings = withCheckpointDir(arguments.settings());
        Optional<HazelcastInstance> member = Optional.empty();
        if (arguments.hazelcast().equals("embedded")) {
            member = Optional.of(HazelcastMember.start(arguments.hazelcastCluster(), hazelcastPort));
            LOG.info("hazelcast member started: cluster={} address={}", arguments.hazelcastCluster(),
                    member.get().getCluster().getLocalMember().getAddress());
        }

        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.parallelism());
        Optional<String> restore = settings.checkpointDir().flatMap(FlinkJobsMain::newestRestorePoint);
        restore.ifPresent(path -> {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
            // An upgrade may rename or drop operators (e.g. the window operators became one `aggregates` operator,
            // or the forecast pipeline is switched off): their state has nowhere to go. The embedded platform resumes
            // anyway rather than refusing to start; what is dropped is in-flight window contents, said here.
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
            LOG.info("resuming from {} with allow-non-restored-state: state of operators this job no longer has"
                    + " (after an upgrade or a switched-off pipeline) is dropped", path);
        });
        // The archive job starts on its own MiniCluster meanwhile: it does not delay the streaming job or the ready file.
        CompletableFuture<Optional<Submitted>> archive = arguments.archive().enabled()
                ? CompletableFuture.supplyAsync(() -> Optional.of(startArchive(arguments, settings)))
                : CompletableFuture.completedFuture(Optional.empty());
        if (!arguments.archive().enabled()) {
            LOG.info("archive job off (archive.enabled=false)");
        }
        StreamExecutionEnvironment env = GridStreamingJob.environment(settings, conf);
        new GridStreamingJob(settings, GridTopics.registry(), new KafkaIo(arguments.bootstrap(), settings, false),
                arguments.liveState(member.map(m -> HazelcastMember.INSTANCE_NAME))).addTo(env);
        arguments.forecast().ifPresent(forecast -> {
            ForecastJob.onPlatformTopics(arguments.bootstrap(), forecast, settings.kafkaClient().properties()).addTo(env);
            LOG.info("forecast pipeline added: models={} provider={} dayAheadIssueTime={} intradayHours={}",
                    forecast.modelsPath(), forecast.executionProvider(), forecast.dayAheadIssueTime(),
                    forecast.intradayHours());
        });
        JobClient job = env.executeAsync(GridStreamingJob.NAME);
        LOG.info("flink job submitted: job={} parallelism={} checkpointInterval={} restoredFrom={}", job.getJobID(),
                settings.parallelism(), settings.checkpointInterval(), restore.orElse("nothing"));
        Submitted streaming = new Submitted(job, settings.checkpointDir());

        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            List<Submitted> jobs = new ArrayList<>(List.of(streaming));
            started(archive).ifPresent(jobs::add);
            stop(jobs, stopped);
        }, "flink-jobs-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        arguments.parentPid().ifPresent(pid -> ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0)));

        boolean ready = arguments.readyFile().isEmpty();
        boolean archiveReported = false;
        int exit = 0;
        while (true) {
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            Optional<Submitted> archiveJob = started(archive);
            String archiveStatus = archiveStatus(archive, archiveJob);
            if (!archiveReported && (archive.isCompletedExceptionally() || archiveStatus.equals("FAILED")
                    || archiveStatus.equals("CANCELED") || archiveStatus.equals("FINISHED"))) {
                // the streaming job goes on: a broken archive must not take the alerts down with it
                LOG.error("archive job is not running: status={} (the streaming job goes on; see the log above)",
                        archiveStatus);
                archiveReported = true;
            }
            if (status == JobStatus.RUNNING && !ready) {
                Properties p = new Properties();
                p.setProperty("job", job.getJobID().toString());
                p.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
                if (member.isPresent()) {
                    // where clients reach the live state: the member's port may be the next free one after the asked one
                    com.hazelcast.cluster.Address address = member.get().getCluster().getLocalMember().getAddress();
                    p.setProperty("hazelcast", address.getHost() + ":" + address.getPort());
                    p.setProperty("hazelcastCluster", arguments.hazelcastCluster());
                }
                StatusFiles.write(arguments.readyFile().get(), p, "GridAI flink-jobs is running");
                ready = true;
            }
            if (arguments.heartbeatFile().isPresent()) {
                Properties beat = new Properties();
                beat.setProperty("wallEpochMs", String.valueOf(System.currentTimeMillis()));
                beat.setProperty("job", job.getJobID().toString());
                beat.setProperty("status", status.name());
                archiveJob.ifPresent(a -> beat.setProperty("archiveJob", a.client().getJobID().toString()));
                beat.setProperty("archiveStatus", archiveStatus);
                StatusFiles.write(arguments.heartbeatFile().get(), beat, "GridAI flink-jobs heartbeat");
            }
            if (status.isGloballyTerminalState()) {
                LOG.info("flink job ended: job={} status={}", job.getJobID(), status);
                exit = status == JobStatus.FAILED ? 1 : 0;
                break;
            }
            if (stopped.await(1, TimeUnit.SECONDS)) {
                break;
            }
        }
        member.ifPresent(HazelcastInstance::shutdown);
        if (exit != 0) {
            Runtime.getRuntime().halt(exit);
        }
    }

    /**
     * Without {@code checkpoint.dir} checkpoints would live in the job manager's memory, which refuses state over
     * 5 MB (the dedup and window state of a real grid is larger): default to a folder under java.io.tmpdir.
     */
    private static JobSettings withCheckpointDir(JobSettings settings) {
        if (settings.checkpointDir().isPresent()) {
            return settings;
        }
        String dir = Path.of(System.getProperty("java.io.tmpdir"), "gridai-flink-checkpoints").toUri().toString();
        LOG.warn("checkpoint.dir is not set; checkpointing to {} (set checkpoint.dir under the platform's data"
                + " folder so a restart resumes from there)", dir);
        return settings.withCheckpointDir(dir);
    }

    /**
     * The archive job ({@link ArchiveJob}) on a MiniCluster of its own, resumed from its newest savepoint or retained
     * checkpoint; its checkpoints go next to the streaming job's ({@code checkpoint.dir} + {@code -archive}) unless
     * {@code archive.checkpoint.dir} says otherwise.
     */
    private static Submitted startArchive(JobArguments arguments, JobSettings settings) {
        ArchiveSettings archive = arguments.archive();
        if (archive.checkpointDir().isEmpty()) {
            archive = archive.withCheckpointDir(settings.checkpointDir().orElseThrow().replaceAll("/+$", "")
                    + "-archive");
        }
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.parallelism());
        Optional<String> restore = archive.checkpointDir().flatMap(FlinkJobsMain::newestRestorePoint);
        restore.ifPresent(path -> {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true); // a dataset switched off
        });
        StreamExecutionEnvironment env = ArchiveJob.environment(settings, archive, conf);
        new ArchiveJob(archive, new KafkaIo(arguments.bootstrap(), settings, false)).addTo(env);
        JobClient job;
        try {
            job = env.executeAsync(ArchiveJob.NAME);
        } catch (Exception e) {
            LOG.error("archive job could not be submitted: {}", e.toString(), e);
            throw new CompletionException(e);
        }
        LOG.info("archive job submitted: job={} root={} datasets={} checkpointInterval={} restoredFrom={}",
                job.getJobID(), archive.root(), archive.datasets(), archive.checkpointInterval(),
                restore.orElse("nothing"));
        return new Submitted(job, archive.checkpointDir());
    }

    /** The archive job once submitted; empty while it starts, when it is off or could not start. */
    private static Optional<Submitted> started(CompletableFuture<Optional<Submitted>> archive) {
        return archive.isDone() && !archive.isCompletedExceptionally() ? archive.join() : Optional.empty();
    }

    /** The heartbeat's {@code archiveStatus}: the job's status, or OFF, STARTING, NOT_STARTED. */
    private static String archiveStatus(CompletableFuture<Optional<Submitted>> archive, Optional<Submitted> job) {
        if (archive.isCompletedExceptionally()) {
            return "NOT_STARTED";
        }
        if (!archive.isDone()) {
            return "STARTING";
        }
        if (job.isEmpty()) {
            return "OFF";
        }
        try {
            return job.get().client().getJobStatus().get(10, TimeUnit.SECONDS).name();
        } catch (Exception e) {
            return "UNKNOWN";
        }
    }

    /** A running job and where its savepoint goes on stop ({@code CHECKPOINT_DIR/savepoints}). */
    private record Submitted(JobClient client, Optional<String> checkpointDir) {
    }

    /** Stops every job at once (with a savepoint where it has a checkpoint dir), then waits for each. */
    private static void stop(List<Submitted> jobs, CountDownLatch stopped) {
        try {
            List<CompletableFuture<String>> stops = new ArrayList<>();
            for (Submitted job : jobs) {
                stops.add(job.checkpointDir().isPresent()
                        ? job.client().stopWithSavepoint(false, job.checkpointDir().get().replaceAll("/+$", "")
                                + "/savepoints", SavepointFormatType.CANONICAL)
                        : job.client().cancel().thenApply(nothing -> "none (cancelled)"));
            }
            for (int i = 0; i < jobs.size(); i++) {
                JobClient job = jobs.get(i).client();
                try {
                    String savepoint = stops.get(i).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    LOG.info("flink job stopped: job={} savepoint={}", job.getJobID(), savepoint);
                } catch (Exception e) {
                    LOG.warn("flink job did not stop cleanly within {}: job={} reason={}; cancelling it", STOP_TIMEOUT,
                            job.getJobID(), e.toString());
                    job.cancel();
                }
            }
        } finally {
            stopped.countDown();
            org.apache.logging.log4j.LogManager.shutdown();
        }
    }

    /**
     * The newest savepoint or retained checkpoint (a folder holding {@code _metadata}) under a local
     * {@code checkpoint.dir}; other file systems are not searched.
     */
    static Optional<String> newestRestorePoint(String checkpointDir) {
        Path root;
        try {
            root = checkpointDir.startsWith("file:") ? Path.of(URI.create(checkpointDir)) : Path.of(checkpointDir);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(root, 4)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .max(Comparator.comparing(FlinkJobsMain::modified))
                    .map(metadata -> metadata.getParent().toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for checkpoints in " + root, e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int hazelcastPort(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--hazelcast-port")) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new SettingsException("--hazelcast-port must be a port number, e.g. 5701", e);
                }
            }
        }
        return 5701;
    }

    private static String[] withoutHazelcastPort(String[] args) {
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--hazelcast-port")) {
                i++;
            } else {
                rest.add(args[i]);
            }
        }
        return rest.toArray(String[]::new);
    }

}
