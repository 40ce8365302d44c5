package io.gridai.operator.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * Where the live state is: the Hazelcast cluster the Flink job writes the latest clean value per asset and kind to
 * (flink-jobs' {@code LiveStateSink}; {@code FlinkJobsMain --hazelcast embedded} starts a member of cluster
 * {@code gridai} on 127.0.0.1:5701). Every key is in the module README with its default.
 */
@ConfigMapping(prefix = "gridai.operator.live-state")
public interface LiveStateConfig {

    /** Member addresses, {@code host:port}. */
    @WithDefault("127.0.0.1:5701")
    List<String> addresses();

    /** The cluster name (the Flink job's {@code --hazelcast-cluster}). */
    @WithDefault("gridai")
    String clusterName();

    /** The IMap of latest values (the Flink job's {@code live-state.map}). */
    @WithDefault("gridai-live")
    String map();

    /** How long one read of the map may take before it counts as unavailable. */
    @WithDefault("PT5S")
    Duration timeout();

    /** The longest wait between two attempts to reach the cluster while it is unreachable. */
    @WithDefault("PT10S")
    Duration reconnectMaxBackoff();
}
