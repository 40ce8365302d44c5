package io.gridai.flink;

import com.hazelcast.core.HazelcastInstance;
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
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
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
        StreamExecutionEnvironment env = GridStreamingJob.environment(settings, conf);
        new GridStreamingJob(settings, GridTopics.registry(), new KafkaIo(arguments.bootstrap(), settings, false),
                arguments.liveState(member.map(m -> HazelcastMember.INSTANCE_NAME))).addTo(env);
        arguments.forecast().ifPresent(forecast -> {
            ForecastJob.onPlatformTopics(arguments.bootstrap(), forecast).addTo(env);
            LOG.info("forecast pipeline added: models={} provider={} dayAheadIssueTime={} intradayHours={}",
                    forecast.modelsPath(), forecast.executionProvider(), forecast.dayAheadIssueTime(),
                    forecast.intradayHours());
        });
        JobClient job = env.executeAsync(GridStreamingJob.NAME);
        LOG.info("flink job submitted: job={} parallelism={} checkpointInterval={} restoredFrom={}", job.getJobID(),
                settings.parallelism(), settings.checkpointInterval(), restore.orElse("nothing"));

        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> stop(job, settings, stopped), "flink-jobs-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        arguments.parentPid().ifPresent(pid -> ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0)));

        boolean ready = arguments.readyFile().isEmpty();
        int exit = 0;
        while (true) {
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
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

    private static void stop(JobClient job, JobSettings settings, CountDownLatch stopped) {
        try {
            if (settings.checkpointDir().isPresent()) {
                String target = settings.checkpointDir().get().replaceAll("/+$", "") + "/savepoints";
                String savepoint = job.stopWithSavepoint(false, target, SavepointFormatType.CANONICAL)
                        .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                LOG.info("flink job stopped with a savepoint: job={} savepoint={}", job.getJobID(), savepoint);
            } else {
                job.cancel().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                LOG.info("flink job cancelled: job={} (no checkpoint.dir, so the next start begins from the consumer"
                        + " group's committed offsets with empty state)", job.getJobID());
            }
        } catch (Exception e) {
            LOG.warn("flink job did not stop cleanly within {}: job={} reason={}; cancelling it", STOP_TIMEOUT,
                    job.getJobID(), e.toString());
            job.cancel();
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
