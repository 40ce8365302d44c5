package io.gridai.cli.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Flink jobs ({@code flink-jobs}' {@code FlinkJobsMain}) on a MiniCluster in their own JVM, with the class
 * path the module ships in {@code flink-jobs/target} (its jar and {@code lib/}), an embedded Hazelcast member
 * for the live state, and checkpoints and savepoints under {@code <data>/flink}: Ctrl-C stops the job with a
 * savepoint and the next {@code up} resumes from it. Unless switched off ({@code --no-archive}) the same JVM runs the
 * archive job, writing Avro files under {@code <data>/archive}.
 */
public final class FlinkComponent extends JvmComponent {

    public static final String NAME = "flink-jobs";
    /** The live state's Hazelcast cluster name ({@code --hazelcast-cluster}); its clients must name the same. */
    public static final String HAZELCAST_CLUSTER = "gridai";
    private static final String LOG_CONFIG = "gridai-process-log4j2.xml";

    private final Supplier<String> bootstrap;
    private final Path module;
    private final int hazelcastPort;
    private final boolean archive;
    private volatile String hazelcastAddress;

    /**
     * @param bootstrap     Kafka bootstrap servers, known once the broker is up
     * @param module        the built {@code flink-jobs} module folder (holding {@code target/})
     * @param hazelcastPort port of the embedded Hazelcast member (the next free one if taken)
     */
    public FlinkComponent(Supplier<String> bootstrap, Path module, int hazelcastPort) {
        this(bootstrap, module, hazelcastPort, true);
    }

    /**
     * @param archive also run the archive job, writing to {@link #archiveDir} ({@code archive.enabled=false} if not)
     */
    public FlinkComponent(Supplier<String> bootstrap, Path module, int hazelcastPort, boolean archive) {
        this.bootstrap = bootstrap;
        this.module = module;
        this.hazelcastPort = hazelcastPort;
        this.archive = archive;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String title() {
        return "The Flink jobs";
    }

    @Override
    protected String mainClass() {
        return "io.gridai.flink.FlinkJobsMain";
    }

    @Override
    protected String classPath(PlatformLayout layout) {
        Path target = module.resolve("target");
        Path lib = target.resolve("lib");
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(f -> f.getFileName().toString().matches("flink-jobs-.*\\.jar")
                            && !f.getFileName().toString().endsWith("-job.jar"))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            jar = null;
        }
        if (jar == null || !Files.isDirectory(lib)) {
            throw new ComponentStartException("the Flink jobs are not built (no jar and lib/ in " + target + "); build"
                    + " them with ./mvnw -B -pl flink-jobs -am package -DskipTests, or run ./gridai, which builds them");
        }
        return jar.toAbsolutePath() + java.io.File.pathSeparator + lib.toAbsolutePath() + "/*";
    }

    @Override
    protected List<String> jvmOptions(PlatformLayout layout) {
        Path tmp = layout.componentData(NAME).resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + tmp, e);
        }
        return List.of("-Xmx1g", "-Djava.io.tmpdir=" + tmp,
                "-Dlog4j2.configurationFile=" + logConfig(layout),
                "-Dgridai.log.file=" + layout.logsDir().resolve(NAME + ".log"),
                // Hazelcast and Flink reflect into the JDK (as their own launch scripts allow).
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.management/sun.management=ALL-UNNAMED",
                "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");
    }

    @Override
    protected List<String> arguments(PlatformLayout layout) {
        List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrap.get(),
                "--hazelcast", "embedded", "--hazelcast-port", String.valueOf(hazelcastPort),
                "--hazelcast-cluster", HAZELCAST_CLUSTER,
                "--set", "checkpoint.dir=" + layout.componentData(NAME).resolve("checkpoints").toUri(),
                "--heartbeat-file", heartbeatFile(layout).toString(),
                // the forecast pipeline serves whatever `gridai forecast train --models` puts here, hot-swapped
                "--models", modelsDir(layout).toString(),
                // the historic archive (Avro files, ROOT/DATASET/date=/feed=/), its checkpoints next to the job's
                "--set", "archive.enabled=" + archive,
                "--set", "archive.root=" + archiveDir(layout).toUri()));
        return args;
    }

    /** The historic archive the archive job writes: {@code <data>/archive}. */
    public static Path archiveDir(PlatformLayout layout) {
        return layout.dataDir().toAbsolutePath().resolve("archive");
    }

    /** The model registry the forecast pipeline serves from: {@code <data>/models}. */
    public static Path modelsDir(PlatformLayout layout) {
        Path models = layout.dataDir().resolve("models");
        try {
            Files.createDirectories(models);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + models, e);
        }
        return models;
    }

    @Override
    protected ComponentRecord record(PlatformLayout layout, long pid, Properties ready) {
        hazelcastAddress = ready.getProperty("hazelcast");
        Map<String, String> endpoints = new java.util.LinkedHashMap<>(Map.of(
                "job", ready.getProperty("job", "?"), HealthProbe.HEARTBEAT, heartbeatFile(layout).toString(),
                "models", modelsDir(layout).toString(),
                "archive", archive ? archiveDir(layout).toString() : "off",
                "log", layout.logsDir().resolve(NAME + ".log").toString()));
        liveStateAddress().ifPresent(address -> endpoints.put("hazelcast", address));
        return new ComponentRecord(NAME, HealthProbe.HEARTBEAT, pid, List.of(), endpoints);
    }

    /**
     * {@code HOST:PORT} of the live state's Hazelcast member, as the started JVM reports it (the asked port or the next
     * free one); empty before the start or when the jobs did not report it.
     */
    public java.util.Optional<String> liveStateAddress() {
        return java.util.Optional.ofNullable(hazelcastAddress).filter(a -> !a.isBlank());
    }

    /** The launcher's JSON-lines log configuration, copied where the Flink JVM (another class path) finds it. */
    public static Path logConfig(PlatformLayout layout) {
        Path file = layout.runDir().resolve(LOG_CONFIG);
        try (InputStream in = FlinkComponent.class.getClassLoader().getResourceAsStream(LOG_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(LOG_CONFIG + " is not on the launcher's class path");
            }
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    private static Path heartbeatFile(PlatformLayout layout) {
        return layout.runDir().resolve(NAME + ".heartbeat");
    }
}
