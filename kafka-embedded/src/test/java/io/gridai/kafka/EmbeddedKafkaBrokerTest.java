package io.gridai.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;

/** Lifecycle of a dedicated broker (not the shared one): restart on the same data, provisioning, port clashes. */
class EmbeddedKafkaBrokerTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ALWAYS)
    Path dataDir;

    @Test
    void acknowledgedRecordsAndTopicsSurviveARestartOnTheSameDataDirectory() throws Exception {
        String value = "acked-" + UUID.randomUUID();
        try (var broker = EmbeddedKafkaBroker.start(KafkaBrokerSettings.ephemeralPorts(dataDir));
             Admin admin = Admin.create(broker.clientProperties())) {
            TopicProvisioner.Report report = broker.createRegistryTopics();
            assertThat(report.created()).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(Topic::name).toList());
            try (var producer = new KafkaProducer<>(producerProps(broker), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.GRID_AUDIT.name(), "k", value)).get();
            }
        }

        // Same folder, new ports: a relaunch after a crash or reboot.
        try (var broker = EmbeddedKafkaBroker.start(KafkaBrokerSettings.ephemeralPorts(dataDir));
             Admin admin = Admin.create(broker.clientProperties())) {
            TopicProvisioner.Report again = broker.createRegistryTopics();
            assertThat(again.created()).isEmpty();
            assertThat(again.unchanged()).hasSize(Topics.all().size());
            assertThat(readAll(broker, Topics.GRID_AUDIT.name())).contains(value);
        }
    }

    @Test
    void provisionerGrowsATopicThatHasFewerPartitionsThanRegistered() throws Exception {
        Topic<?, ?> raw = Topics.TELEMETRY_RAW;
        try (var broker = EmbeddedKafkaBroker.start(KafkaBrokerSettings.ephemeralPorts(dataDir));
             Admin admin = Admin.create(broker.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(raw.name(), 1, (short) 1))).all().get();

            TopicProvisioner.Report report = new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(List.of(raw));

            assertThat(report.grown()).containsExactly(raw.name());
            int partitions = admin.describeTopics(List.of(raw.name())).allTopicNames().get().get(raw.name()).partitions().size();
            assertThat(partitions).isEqualTo(raw.partitions());
        }
    }

    @Test
    void registryTopicsCarryTheirRetentionAndCleanupPolicy() throws Exception {
        try (var broker = EmbeddedKafkaBroker.start(KafkaBrokerSettings.ephemeralPorts(dataDir));
             Admin admin = Admin.create(broker.clientProperties())) {
            broker.createRegistryTopics();
            for (Topic<?, ?> topic : Topics.all()) {
                var resource = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic.name());
                var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                for (Map.Entry<String, String> expected : topic.configs().entrySet()) {
                    assertThat(config.get(expected.getKey()).value()).as("%s %s", topic.name(), expected.getKey())
                            .isEqualTo(expected.getValue());
                }
            }
        }
    }

    @Test
    void aPortInUseIsRefusedWithAReasonNotAStackOfBrokerErrors() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(KafkaBrokerSettings.DEFAULT_HOST))) {
            var settings = new KafkaBrokerSettings(KafkaBrokerSettings.DEFAULT_HOST, taken.getLocalPort(), 0, dataDir, Map.of());
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(settings))
                    .isInstanceOf(KafkaBrokerException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }

    private static Properties producerProps(EmbeddedKafkaBroker broker) {
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static List<String> readAll(EmbeddedKafkaBroker broker, String topic) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
