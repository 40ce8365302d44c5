package io.gridai.kafka.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.gridai.kafka.EmbeddedKafkaBroker;
import io.gridai.kafka.KafkaBrokerSettings;
import io.gridai.kafka.TopicProvisioner;
import io.gridai.model.topic.Topics;

/**
 * JUnit extension behind {@link WithKafkaBroker}: starts one real broker per test JVM, lazily, on free
 * loopback ports, with its data under {@code java.io.tmpdir} (the build points that at {@code target/tmp}),
 * creates the registry's topics, and stops the broker and deletes its data when the JVM's tests end.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
    private static final String KEY = "broker";

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafkaBroker.class
                || (type == String.class && parameter.isAnnotated(BootstrapServers.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        EmbeddedKafkaBroker broker = broker(extension);
        Class<?> type = parameter.getParameter().getType();
        if (type == EmbeddedKafkaBroker.class) {
            return broker;
        }
        if (type == String.class) {
            return broker.bootstrapServers();
        }
        throw new ParameterResolutionException("Cannot inject " + type + " from the Kafka broker extension");
    }

    /** The shared broker of this test JVM, started on first use. */
    public static EmbeddedKafkaBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(KEY, key -> new SharedBroker(), SharedBroker.class)
                .broker;
    }

    /** Closed by JUnit when the root context (the whole test run of this JVM) closes. */
    private static final class SharedBroker implements AutoCloseable {
        private final Path dataDir;
        private final EmbeddedKafkaBroker broker;

        SharedBroker() {
            try {
                Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
                Files.createDirectories(tmp);
                dataDir = Files.createTempDirectory(tmp, "gridai-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a data directory for the test broker", e);
            }
            broker = EmbeddedKafkaBroker.start(KafkaBrokerSettings.ephemeralPorts(dataDir));
            try (Admin admin = Admin.create(broker.clientProperties())) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
        }

        @Override
        public void close() throws IOException {
            broker.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
