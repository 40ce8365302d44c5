package io.gridai.service.runtime;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings a service builds from its {@code kafka.*} configuration (Quarkus' default-kafka-broker
 * map): only the keys the client knows are passed on, and what guards the service's guarantees is set here and cannot
 * be overridden.
 */
public final class KafkaClientProperties {

    private KafkaClientProperties() {
    }

    /**
     * A consumer that assigns its partitions itself (no group, nothing committed): it positions itself on every start,
     * e.g. with {@code TopicPositions}.
     */
    public static Properties assigningConsumer(Map<String, Object> kafka, String clientId) {
        Properties p = known(kafka, ConsumerConfig.configNames());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return p;
    }

    /** A producer whose acknowledged records are on every in-sync replica, written once: {@code acks=all}, idempotent. */
    public static Properties durableProducer(Map<String, Object> kafka, String clientId) {
        Properties p = known(kafka, ProducerConfig.configNames());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    private static Properties known(Map<String, Object> kafka, java.util.Set<String> names) {
        Properties p = new Properties();
        kafka.forEach((k, v) -> {
            if (names.contains(k)) {
                p.put(k, v);
            }
        });
        return p;
    }
}
