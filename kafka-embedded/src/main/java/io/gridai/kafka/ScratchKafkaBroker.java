package io.gridai.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throw-away broker for tests and benchmarks: free loopback ports, a fresh data folder under
 * {@code java.io.tmpdir} (the build points it at {@code target/tmp}), the registry's topics created;
 * {@link #close()} stops it and deletes its data.
 */
public final class ScratchKafkaBroker implements AutoCloseable {

    private final Path dataDir;
    private final EmbeddedKafkaBroker broker;

    private ScratchKafkaBroker(Path dataDir, EmbeddedKafkaBroker broker) {
        this.dataDir = dataDir;
        this.broker = broker;
    }

    /** @param name prefix of the data folder, e.g. {@code gridai-ingestion-kafka} */
    public static ScratchKafkaBroker start(String name) {
        Path dataDir;
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            dataDir = Files.createTempDirectory(tmp, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for a scratch Kafka broker", e);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(KafkaBrokerSettings.ephemeralPorts(dataDir));
        try {
            broker.createRegistryTopics();
        } catch (KafkaBrokerException e) {
            broker.close();
            throw e;
        }
        return new ScratchKafkaBroker(dataDir, broker);
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        broker.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the scratch broker's data in " + dataDir, e);
        }
    }
}
