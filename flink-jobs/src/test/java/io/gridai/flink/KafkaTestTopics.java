package io.gridai.flink;

import io.gridai.flink.io.GridTopics;
import io.gridai.model.Measurement;
import io.gridai.model.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A namespaced copy of the jobs' topics on the test broker (so test classes sharing one broker never see each
 * other's records), with a producer for raw telemetry and read_committed readers of the outputs.
 */
final class KafkaTestTopics {

    private final String bootstrap;
    private final GridTopics topics;

    private KafkaTestTopics(String bootstrap, GridTopics topics) {
        this.bootstrap = bootstrap;
        this.topics = topics;
    }

    static KafkaTestTopics create(String bootstrap, String namespace) {
        GridTopics topics = GridTopics.registry().inNamespace(namespace);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> created = new ArrayList<>();
            for (Topic<?, ?> topic : topics.all()) {
                created.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()));
            }
            admin.createTopics(created).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot create the test topics of namespace " + namespace, e);
        }
        return new KafkaTestTopics(bootstrap, topics);
    }

    GridTopics topics() {
        return topics;
    }

    String bootstrap() {
        return bootstrap;
    }

    /** Sends {@code readings} in this order, keyed by asset, and waits until Kafka has them all. */
    void send(List<Measurement> readings) {
        send(readings, false);
    }

    /**
     * Sends {@code reading} to every partition of the raw topic, so the watermark of every partition moves past it
     * (the copies share an id: the job keeps one).
     */
    void sendToEveryPartition(Measurement reading) {
        send(List.of(reading), true);
    }

    private void send(List<Measurement> readings, boolean everyPartition) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Not idempotent: right after createTopics a first batch can fail with NOT_LEADER_OR_FOLLOWER while later
        // ones pass; the idempotent producer then retries the first (sequence 0) into OUT_OF_ORDER_SEQUENCE_NUMBER
        // forever. One request in flight keeps the order instead.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        Topic<io.gridai.model.id.AssetId, Measurement> raw = topics.raw();
        try (KafkaProducer<io.gridai.model.id.AssetId, Measurement> producer = new KafkaProducer<>(props,
                raw.keySerde().serializer(), raw.valueSerde().serializer())) {
            for (Measurement m : readings) {
                if (everyPartition) {
                    for (int partition = 0; partition < raw.partitions(); partition++) {
                        producer.send(new ProducerRecord<>(raw.name(), partition, m.asset(), m));
                    }
                } else {
                    producer.send(new ProducerRecord<>(raw.name(), m.asset(), m));
                }
            }
            producer.flush();
        }
    }

    /** Everything committed to {@code topic} so far (read_committed, from the beginning). */
    <V> List<V> committed(Topic<?, V> topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
                }
            }
        }
        return values;
    }
}
