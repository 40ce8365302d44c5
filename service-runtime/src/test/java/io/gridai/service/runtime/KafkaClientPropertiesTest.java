package io.gridai.service.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    private static final Map<String, Object> KAFKA = Map.of("bootstrap.servers", "127.0.0.1:9092", "group.id", "x",
            "enable.auto.commit", "true", "acks", "1", "enable.idempotence", "false", "linger.ms", "7",
            "max.poll.records", "100", "not.a.kafka.key", "y");

    @Test
    void anAssigningConsumerKeepsWhatTheConsumerKnowsAndNeitherJoinsAGroupNorCommits() {
        Properties p = KafkaClientProperties.assigningConsumer(KAFKA, "svc-inputs");
        assertThat(p).containsEntry("bootstrap.servers", "127.0.0.1:9092").containsEntry("max.poll.records", "100")
                .containsEntry("enable.auto.commit", "false").containsEntry("client.id", "svc-inputs")
                .doesNotContainKeys("group.id", "not.a.kafka.key", "acks", "linger.ms");
    }

    @Test
    void aDurableProducerAlwaysWaitsForAllReplicasAndIsIdempotent() {
        Properties p = KafkaClientProperties.durableProducer(KAFKA, "svc");
        assertThat(p).containsEntry("bootstrap.servers", "127.0.0.1:9092").containsEntry("linger.ms", "7")
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true").containsEntry("client.id", "svc")
                .doesNotContainKeys("group.id", "not.a.kafka.key", "max.poll.records");
    }
}
