package io.gridai.kafka.junit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.gridai.kafka.EmbeddedKafkaBroker;
import io.gridai.kafka.ScratchKafkaBroker;

/**
 * JUnit extension behind {@link WithKafkaBroker}: one {@link ScratchKafkaBroker} per test JVM, started lazily,
 * stopped (and its data deleted) when the JVM's tests end.
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
        private final ScratchKafkaBroker scratch = ScratchKafkaBroker.start("gridai-kafka");
        private final EmbeddedKafkaBroker broker = scratch.broker();

        @Override
        public void close() {
            scratch.close();
        }
    }
}
