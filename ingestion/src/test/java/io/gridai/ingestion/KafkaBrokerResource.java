package io.gridai.ingestion;

import io.gridai.kafka.EmbeddedKafkaBroker;
import io.gridai.kafka.KafkaBrokerSettings;
import io.gridai.kafka.TopicProvisioner;
import io.gridai.model.topic.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * Starts the real embedded Kafka broker (free loopback ports, data under {@code target/tmp}), creates the
 * registry's topics, and hands its address to the application as {@code kafka.bootstrap.servers}. Tests reach
 * the same broker through {@link #bootstrapServers()}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String bootstrapServers;

    private EmbeddedKafkaBroker broker;
    private Path dataDir;

    /** The running broker's address, for the tests' own consumers. */
    public static String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("the test broker is not running; annotate the test with "
                    + "@WithTestResource(KafkaBrokerResource.class)");
        }
        return bootstrapServers;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            dataDir = Files.createTempDirectory(tmp, "gridai-ingestion-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the test broker", e);
        }
        broker = EmbeddedKafkaBroker.start(KafkaBrokerSettings.ephemeralPorts(dataDir));
        try (Admin admin = Admin.create(broker.clientProperties())) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        bootstrapServers = broker.bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    @Override
    public void stop() {
        bootstrapServers = null;
        if (broker != null) {
            broker.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the test broker's data in " + dataDir, e);
            }
        }
    }
}
