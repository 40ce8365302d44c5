package io.gridai.kafka;

import java.time.Duration;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import io.gridai.model.topic.Topics;

/** The round-trip contract against Kafka in a container; runs only in the testcontainers profile, with Docker. */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaRoundTripTest extends KafkaRoundTripContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @BeforeAll
    static void createTopics() {
        var props = new java.util.Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
    }

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
