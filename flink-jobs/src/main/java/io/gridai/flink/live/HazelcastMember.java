package io.gridai.flink.live;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * An embedded Hazelcast member for the one-machine platform: loopback only, no discovery (no multicast, TCP-IP or
 * auto-detection join), no Jet, no phone-home. Other processes reach it as clients on {@code 127.0.0.1:port}.
 */
public final class HazelcastMember {

    /** Name of the member instance {@code FlinkJobsMain --hazelcast embedded} starts. */
    public static final String INSTANCE_NAME = "gridai-flink-member";

    private HazelcastMember() {
    }

    /** Starts a member of {@code clusterName} on 127.0.0.1, at {@code port} or the next free one after it. */
    public static HazelcastInstance start(String clusterName, int port) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(INSTANCE_NAME);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getJetConfig().setEnabled(false);
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        return Hazelcast.newHazelcastInstance(config);
    }
}
