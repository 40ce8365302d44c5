package io.gridai.ingestion;

import io.gridai.kafka.EmbeddedKafkaBroker;
import io.gridai.kafka.KafkaBrokerSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real embedded broker the test can stop and start again on the same ports with the same data, as a
 * broker restart in production would: {@link #stopBroker()}, {@link #restartBroker()}.
 */
public class RestartableKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedKafkaBroker broker;
    private static volatile KafkaBrokerSettings fixed;
    private static volatile Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            dataDir = Files.createTempDirectory(tmp, "gridai-ingestion-restartable-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = EmbeddedKafkaBroker.start(KafkaBrokerSettings.ephemeralPorts(dataDir));
        broker.createRegistryTopics();
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        fixed = new KafkaBrokerSettings(KafkaBrokerSettings.DEFAULT_HOST, port, broker.controllerPort(), dataDir,
                Map.of());
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    public static String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops the broker cleanly; its data stays. */
    public static void stopBroker() {
        broker.close();
    }

    /** Starts the broker again on the same address with the same data. */
    public static void restartBroker() {
        broker = EmbeddedKafkaBroker.start(fixed);
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
