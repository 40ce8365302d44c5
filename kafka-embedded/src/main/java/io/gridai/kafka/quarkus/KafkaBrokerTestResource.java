package io.gridai.kafka.quarkus;

import java.util.Map;

import io.gridai.kafka.ScratchKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For a Quarkus service's tests ({@code @WithTestResource(KafkaBrokerTestResource.class)}): starts the real embedded
 * Kafka broker (a {@link ScratchKafkaBroker}: free loopback ports, data under {@code java.io.tmpdir}, the registry's
 * topics created) and hands its address to the application as {@code kafka.bootstrap.servers}. The tests' own clients
 * reach the same broker through {@link #bootstrapServers()}.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String bootstrapServers;

    private ScratchKafkaBroker broker;

    /** The running broker's address, for the tests' own clients. */
    public static String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("the test broker is not running; annotate the test with "
                    + "@WithTestResource(KafkaBrokerTestResource.class)");
        }
        return bootstrapServers;
    }

    @Override
    public Map<String, String> start() {
        broker = ScratchKafkaBroker.start("gridai-quarkus-test-kafka");
        bootstrapServers = broker.bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    @Override
    public void stop() {
        bootstrapServers = null;
        if (broker != null) {
            broker.close();
        }
    }
}
