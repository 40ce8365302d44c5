package io.gridai.flink.config;

import io.gridai.model.archive.ArchiveDataset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.CodecFactory;

/**
 * The archive job's settings ({@code archive.*} keys of the same properties file and {@code --set} overrides as
 * {@link JobSettings}); every key has a default (the module README's table).
 *
 * @param enabled            {@code archive.enabled} [true]: whether {@code FlinkJobsMain} (so {@code gridai up})
 *                           runs the archive job next to the streaming job
 * @param root               {@code archive.root} [{@code file://} of {@code .gridai/archive} under the working
 *                           directory]: a Flink file system URI; {@code s3://bucket/prefix} and the like work on a
 *                           cluster that has the file system's plugin
 * @param datasets           {@code archive.datasets} [telemetry,forecasts,setpoints,alerts]: what is archived
 * @param groupId            {@code archive.group-id} [gridai-archive]: the consumer group (the job commits its
 *                           offsets there on every checkpoint, for lag monitoring and for a start without a savepoint)
 * @param startAtEarliest    {@code archive.start} [earliest]: where a dataset's topic is read from when the group has
 *                           no committed offset, {@code earliest} (everything the topic still holds) or {@code latest}
 * @param checkpointInterval {@code archive.checkpoint.interval} [PT1M]: files roll and become visible on every
 *                           checkpoint, so this is both the archive's delay and about how much a file holds
 * @param checkpointDir      {@code archive.checkpoint.dir} [{@code checkpoint.dir} + {@code -archive}, or none]:
 *                           where the archive job's checkpoints and savepoints go
 * @param codec              {@code archive.codec} [deflate]: the Avro container files' block codec ({@code null},
 *                           {@code deflate}, {@code snappy}, {@code zstandard}, …)
 * @param topicNamespace     {@code archive.topic-namespace} [none]: read {@code NAMESPACE.<topic>} instead of the
 *                           platform's topics (a replay sandbox, tests)
 */
public record ArchiveSettings(
        boolean enabled,
        String root,
        List<ArchiveDataset<?>> datasets,
        String groupId,
        boolean startAtEarliest,
        Duration checkpointInterval,
        Optional<String> checkpointDir,
        String codec,
        Optional<String> topicNamespace) {

    public static final String DEFAULT_GROUP_ID = "gridai-archive";
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(1);
    public static final String DEFAULT_CODEC = "deflate";

    public ArchiveSettings {
        datasets = List.copyOf(datasets);
        if (datasets.isEmpty()) {
            throw new SettingsException("archive.datasets is empty; name at least one of "
                    + ArchiveDataset.all().stream().map(ArchiveDataset::name).toList()
                    + ", or set archive.enabled=false");
        }
        try {
            CodecFactory.fromString(codec);
        } catch (AvroRuntimeException e) {
            throw new SettingsException("archive.codec=" + codec + " is not an Avro codec; give null, deflate,"
                    + " snappy or zstandard", e);
        }
    }

    /** The default root: {@code .gridai/archive} under the working directory, as a {@code file://} URI. */
    public static String defaultRoot() {
        return Path.of(".gridai", "archive").toAbsolutePath().toUri().toString();
    }

    /** Every default (checkpoints in the job manager's memory). */
    public static ArchiveSettings defaults() {
        return from(new Properties());
    }

    /** Settings from {@code properties} (the {@code archive.*} keys and {@code checkpoint.dir}), defaults otherwise. */
    public static ArchiveSettings from(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        Optional<String> checkpointDir = p.text("archive.checkpoint.dir")
                .or(() -> p.text("checkpoint.dir").map(dir -> dir.replaceAll("/+$", "") + "-archive"));
        return new ArchiveSettings(
                bool(p, "archive.enabled", true),
                p.text("archive.root", defaultRoot()),
                datasets(p.text("archive.datasets")),
                p.text("archive.group-id", DEFAULT_GROUP_ID),
                start(p.text("archive.start", "earliest")),
                p.positiveDuration("archive.checkpoint.interval", DEFAULT_CHECKPOINT_INTERVAL),
                checkpointDir,
                p.text("archive.codec", DEFAULT_CODEC),
                p.text("archive.topic-namespace"));
    }

    /** The same settings checkpointing to {@code dir}. */
    public ArchiveSettings withCheckpointDir(String dir) {
        return new ArchiveSettings(enabled, root, datasets, groupId, startAtEarliest, checkpointInterval,
                Optional.of(dir), codec, topicNamespace);
    }

    /** The same settings archiving under {@code root}. */
    public ArchiveSettings withRoot(String root) {
        return new ArchiveSettings(enabled, root, datasets, groupId, startAtEarliest, checkpointInterval,
                checkpointDir, codec, topicNamespace);
    }

    private static List<ArchiveDataset<?>> datasets(Optional<String> value) {
        if (value.isEmpty()) {
            return ArchiveDataset.all();
        }
        List<ArchiveDataset<?>> datasets = new ArrayList<>();
        for (String part : value.get().split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            try {
                ArchiveDataset<?> dataset = ArchiveDataset.named(name);
                if (!datasets.contains(dataset)) {
                    datasets.add(dataset);
                }
            } catch (IllegalArgumentException e) {
                throw new SettingsException("archive.datasets: " + e.getMessage(), e);
            }
        }
        return datasets;
    }

    private static boolean start(String value) {
        return switch (value) {
            case "earliest" -> true;
            case "latest" -> false;
            default -> throw new SettingsException("archive.start='" + value + "'; give earliest or latest");
        };
    }

    private static boolean bool(PropertyReader p, String key, boolean defaultValue) {
        String value = p.text(key, Boolean.toString(defaultValue));
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SettingsException(key + "='" + value + "'; give true or false");
        };
    }
}
