package io.gridai.gateway;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * A real Hazelcast member in the test JVM, configured like flink-jobs' {@code HazelcastMember} (loopback only, no
 * discovery, no Jet, no phone-home), of a cluster named for this run; the application connects to it as a client
 * ({@code gridai.gateway.live-state.*}). Tests write the live state through {@link LiveStateWriter}, a client of
 * their own (the test resource and the tests may be loaded by different class loaders; the address is passed in
 * system properties).
 */
public class LiveStateMember implements QuarkusTestResourceLifecycleManager {

    static final String ADDRESS_PROPERTY = "gridai.test.gateway.live-state.address";
    static final String CLUSTER_PROPERTY = "gridai.test.gateway.live-state.cluster";
    static final String MAP = "gridai-live-gateway-test";

    private HazelcastInstance member;

    @Override
    public Map<String, String> start() {
        String cluster = "gridai-gateway-test-" + UUID.randomUUID();
        member = start(cluster, 5951, true);
        String address = "127.0.0.1:" + member.getCluster().getLocalMember().getAddress().getPort();
        System.setProperty(ADDRESS_PROPERTY, address);
        System.setProperty(CLUSTER_PROPERTY, cluster);
        return Map.of("gridai.gateway.live-state.addresses", address,
                "gridai.gateway.live-state.cluster-name", cluster,
                "gridai.gateway.live-state.map", MAP);
    }

    /** A loopback member of {@code cluster} at {@code port} (or the next free one after it, when {@code increment}). */
    static HazelcastInstance start(String cluster, int port, boolean increment) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setInstanceName("gridai-gateway-test-member-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getJetConfig().setEnabled(false);
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(increment).setPortCount(100);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        return Hazelcast.newHazelcastInstance(config);
    }

    @Override
    public void stop() {
        LiveStateWriter.close();
        if (member != null) {
            member.shutdown();
        }
    }
}
