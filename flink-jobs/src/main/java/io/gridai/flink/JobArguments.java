package io.gridai.flink;

import io.gridai.flink.config.ArchiveSettings;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.config.SettingsException;
import io.gridai.flink.live.LiveStateTarget;
import io.gridai.inference.flink.ForecastSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The command line shared by {@link FlinkJobsMain} and the {@code flink run} entry points:
 *
 * <pre>
 * --bootstrap HOST:PORT            Kafka bootstrap servers (required)
 * --config FILE                    properties file of job settings (see JobSettings; defaults otherwise)
 * --set KEY=VALUE                  one setting on top of the file (repeatable)
 * --hazelcast none|embedded|HOST:PORT[,HOST:PORT...]
 *                                  live state: off, a member started in this JVM, or a cluster to join as a client
 * --hazelcast-cluster NAME         Hazelcast cluster name [gridai]
 * --models DIR                     also run the forecast job (inference's ForecastJob) from this model registry; its
 *                                  forecast.* keys come from the same --config file and --set options
 * archive.* keys (in --config or --set) configure the archive job (ArchiveSettings), which FlinkJobsMain runs
 *                                  too unless archive.enabled=false
 * --ready-file FILE, --heartbeat-file FILE, --parent-pid PID   (FlinkJobsMain only; see there)
 * </pre>
 */
record JobArguments(String bootstrap, JobSettings settings, String hazelcast, String hazelcastCluster,
        Optional<Path> readyFile, Optional<Path> heartbeatFile, Optional<Long> parentPid,
        Optional<ForecastSettings> forecast, ArchiveSettings archive) {

    static final List<String> OPTIONS = List.of("--bootstrap", "--config", "--set", "--hazelcast",
            "--hazelcast-cluster", "--ready-file", "--heartbeat-file", "--parent-pid", "--models");

    /**
     * @throws SettingsException naming the option that is missing, unknown or wrong
     */
    static JobArguments parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        Properties overrides = new Properties();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!OPTIONS.contains(name)) {
                throw new SettingsException("unknown option '" + name + "'; the options are " + OPTIONS);
            }
            if (i + 1 >= args.length) {
                throw new SettingsException(name + " needs a value");
            }
            String value = args[i + 1];
            if (name.equals("--set")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new SettingsException("--set takes KEY=VALUE, e.g. --set parallelism=4; got '" + value + "'");
                }
                overrides.setProperty(value.substring(0, eq).strip(), value.substring(eq + 1).strip());
            } else {
                options.put(name, value);
            }
        }
        String bootstrap = options.get("--bootstrap");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new SettingsException("--bootstrap HOST:PORT (the Kafka bootstrap servers) is required");
        }
        Properties properties = JobSettings.properties(Optional.ofNullable(options.get("--config")).map(Path::of),
                overrides);
        JobSettings settings = JobSettings.from(properties);
        ArchiveSettings archive = ArchiveSettings.from(properties);
        Optional<Long> parent;
        try {
            parent = Optional.ofNullable(options.get("--parent-pid")).map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw new SettingsException("--parent-pid must be a process id, e.g. 4242", e);
        }
        return new JobArguments(bootstrap, settings, options.getOrDefault("--hazelcast", "none"),
                options.getOrDefault("--hazelcast-cluster", "gridai"),
                Optional.ofNullable(options.get("--ready-file")).map(Path::of),
                Optional.ofNullable(options.get("--heartbeat-file")).map(Path::of), parent,
                Optional.ofNullable(options.get("--models"))
                        .map(dir -> forecast(dir, options.get("--config"), overrides)),
                archive);
    }

    /** The forecast job's settings: {@code forecast.*} keys of the same file and overrides, registry {@code dir}. */
    private static ForecastSettings forecast(String dir, String config, Properties overrides) {
        Properties properties = new Properties();
        properties.putAll(overrides);
        properties.setProperty(ForecastSettings.PREFIX + "models.dir", dir);
        try {
            return ForecastSettings.load(Optional.ofNullable(config).map(Path::of), properties);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage(), e);
        }
    }

    /** The live-state target for {@code --hazelcast}, given the name of an embedded member if one was started. */
    Optional<LiveStateTarget> liveState(Optional<String> embeddedMember) {
        if (hazelcast.equals("none")) {
            return Optional.empty();
        }
        if (hazelcast.equals("embedded")) {
            return embeddedMember.map(LiveStateTarget::member);
        }
        return Optional.of(LiveStateTarget.client(hazelcastCluster, Arrays.stream(hazelcast.split(","))
                .map(String::strip).filter(a -> !a.isEmpty()).toList()));
    }
}
