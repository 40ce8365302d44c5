package io.gridai.flink.live;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Which Hazelcast cluster holds the live state, in a form a Flink sink can carry to its task managers: a member
 * started in the same JVM (found by instance name; {@code FlinkJobsMain --hazelcast embedded}), or a cluster reached
 * as a client (cluster name and member addresses).
 */
public record LiveStateTarget(String instanceName, String clusterName, List<String> addresses) implements Serializable {

    public LiveStateTarget {
        addresses = List.copyOf(addresses);
        if ((instanceName == null) == addresses.isEmpty()) {
            throw new IllegalArgumentException("a live-state target is either a member of this JVM (instance name)"
                    + " or a cluster's addresses, not both or neither");
        }
    }

    /** A member running in this JVM under {@code instanceName}. */
    public static LiveStateTarget member(String instanceName) {
        return new LiveStateTarget(Objects.requireNonNull(instanceName, "instanceName"), null, List.of());
    }

    /** A cluster reached as a client. */
    public static LiveStateTarget client(String clusterName, List<String> addresses) {
        return new LiveStateTarget(null, Objects.requireNonNull(clusterName, "clusterName"), addresses);
    }

    /** True when {@link #connect()} creates a client the caller must shut down. */
    public boolean ownsInstance() {
        return instanceName == null;
    }

    /** The member, or a new client. */
    public HazelcastInstance connect() {
        if (instanceName != null) {
            HazelcastInstance member = Hazelcast.getHazelcastInstanceByName(instanceName);
            if (member == null) {
                throw new IllegalStateException("no Hazelcast member named '" + instanceName + "' runs in this JVM;"
                        + " start it before the job, or give the cluster's addresses");
            }
            return member;
        }
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setInstanceName("gridai-flink-live-" + java.util.UUID.randomUUID());
        config.getNetworkConfig().setAddresses(addresses);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
        return HazelcastClient.newHazelcastClient(config);
    }
}
