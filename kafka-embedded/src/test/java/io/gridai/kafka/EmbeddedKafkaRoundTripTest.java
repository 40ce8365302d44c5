package io.gridai.kafka;

import org.junit.jupiter.api.BeforeAll;

import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;

/** The round-trip contract against the embedded KRaft broker, over a loopback socket. */
@WithKafkaBroker
class EmbeddedKafkaRoundTripTest extends KafkaRoundTripContract {

    private static String bootstrap;

    @BeforeAll
    static void broker(@BootstrapServers String bootstrapServers) {
        bootstrap = bootstrapServers;
    }

    @Override
    protected String bootstrapServers() {
        return bootstrap;
    }
}
