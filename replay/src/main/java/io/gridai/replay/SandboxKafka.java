package io.gridai.replay;

import io.gridai.model.topic.SandboxTopics;
import io.gridai.model.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side of a sandbox: its topics ({@code sandbox.<name>.*}, never a registry topic) made afresh for a
 * replay, and how far a consumer group has read them.
 *
 * <p>A replay's topics have <b>one partition</b> each, {@code cleanup.policy=delete} and no retention limit: one
 * partition gives every topic a total order (so two replays of the same window can be compared record by record and
 * no idle partition holds a watermark back), and nothing is compacted away before the report reads it. They are
 * deleted and created again at the start of every replay of the sandbox, so a replay never reads what an earlier one
 * left.
 */
public final class SandboxKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxKafka.class);

    private final String bootstrap;
    private final Admin admin;
    private final SandboxTopics topics;
    private final Duration timeout;

    public SandboxKafka(String bootstrap, SandboxTopics topics, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "gridai-replay-" + topics.sandbox().value());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.bootstrap = bootstrap;
        this.admin = Admin.create(p);
        this.topics = topics;
        this.timeout = timeout;
    }

    /** Deletes the sandbox's topics that exist and creates all of them again, empty (see the class comment). */
    public void recreateTopics() {
        Set<String> existing = existing();
        List<String> ours = topics.all().stream().map(Topic::name).filter(existing::contains).toList();
        if (!ours.isEmpty()) {
            for (String name : ours) {
                if (!topics.contains(name)) { // never: the list holds sandbox names only; a second lock on the door
                    throw new IllegalStateException("refusing to delete " + name + ": not a topic of " + topics);
                }
            }
            get(admin.deleteTopics(ours).all(), "delete the earlier replay's topics " + ours);
            Instant deadline = Instant.now().plus(timeout);
            while (existing().stream().anyMatch(ours::contains)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new ReplayException("the sandbox topics " + ours + " were not deleted within " + timeout
                            + "; is delete.topic.enable false on the broker?");
                }
                pause(Duration.ofMillis(100)); // topic deletion completes asynchronously on the controller
            }
        }
        List<NewTopic> create = topics.all().stream()
                .map(t -> new NewTopic(t.name(), Optional.of(1), Optional.empty())
                        .configs(Map.of("cleanup.policy", "delete", "retention.ms", "-1")))
                .toList();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                get(admin.createTopics(create).all(), "create the sandbox topics");
                break;
            } catch (ReplayException e) {
                // right after a delete the broker may still hold the old topic's metadata for a moment
                if (!(e.getCause() instanceof TopicExistsException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                pause(Duration.ofMillis(200));
                List<String> missing = new ArrayList<>(create.stream().map(NewTopic::name).toList());
                missing.removeAll(existing());
                create = create.stream().filter(t -> missing.contains(t.name())).toList();
                if (create.isEmpty()) {
                    break;
                }
            }
        }
        awaitLeaders(topics.all().stream().map(Topic::name).toList(), deadline);
        LOG.info("sandbox topics ready sandbox={} topics={} partitions=1 deletedFirst={}", topics.sandbox(),
                topics.all().size(), ours.size());
    }

    /**
     * Waits until every partition of {@code names} has a leader that answers: right after a delete and create, the
     * first send can otherwise meet NOT_LEADER_OR_FOLLOWER and an idempotent producer then retry for a long time.
     */
    private void awaitLeaders(List<String> names, Instant deadline) {
        for (String name : names) {
            while (true) {
                try {
                    var description = admin.describeTopics(List.of(name)).allTopicNames()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(name);
                    boolean led = description.partitions().stream().allMatch(p -> p.leader() != null
                            && !p.leader().isEmpty());
                    if (led) {
                        admin.listOffsets(Map.of(new TopicPartition(name, 0), OffsetSpec.latest())).all()
                                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        break;
                    }
                } catch (ExecutionException e) {
                    // not known or not led yet: ask again below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ReplayException("interrupted while waiting for " + name + " to have a leader", e);
                } catch (TimeoutException e) {
                    // asked again below until the deadline
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new ReplayException("the sandbox topic " + name + " has no partition leader "
                            + "after " + timeout + "; is the broker healthy (./gridai status)?");
                }
                pause(Duration.ofMillis(100));
            }
        }
    }

    /** The end offset (log end) of each partition of {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(Topic<?, ?> topic) {
        requireOurs(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions(topic); p++) {
            request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                get(admin.listOffsets(request).all(), "read the end offsets of " + topic.name());
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * True when consumer group {@code group} has committed, for every partition of {@code topic}, the offset after
     * its last committed record. (Not the end offset: a transactional writer's last commit marker sits after the
     * last record, and a Flink Kafka source commits the offset after the last record it read.)
     */
    public boolean caughtUp(String group, Topic<?, ?> topic) {
        Map<TopicPartition, Long> ends = afterLastRecord(topic);
        Map<TopicPartition, OffsetAndMetadata> committed = get(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "read the offsets consumer group " + group + " committed");
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (end.getValue() == 0) {
                continue;
            }
            OffsetAndMetadata at = committed.get(end.getKey());
            if (at == null || at.offset() < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Per partition, the offset after its last record a read_committed consumer sees (0 when it has none). */
    public Map<TopicPartition, Long> afterLastRecord(Topic<?, ?> topic) {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<TopicPartition, Long> after = new HashMap<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                TopicPartition tp = end.getKey();
                consumer.assign(List.of(tp));
                long lastStable = consumer.endOffsets(List.of(tp), timeout).get(tp);
                long found = -1;
                // Markers take one offset each; look back a little, then further, until a record shows up.
                for (long back = 16; found < 0; back *= 16) {
                    long from = Math.max(0, lastStable - back);
                    consumer.seek(tp, from);
                    Instant deadline = Instant.now().plus(timeout);
                    while (consumer.position(tp, timeout) < lastStable) {
                        for (var r : consumer.poll(Duration.ofMillis(100))) {
                            found = Math.max(found, r.offset());
                        }
                        if (Instant.now().isAfter(deadline)) {
                            throw new ReplayException("could not read the end of " + tp + " within " + timeout);
                        }
                    }
                    if (from == 0) {
                        break;
                    }
                }
                after.put(tp, found + 1);
            }
        }
        return after;
    }

    private int partitions(Topic<?, ?> topic) {
        return get(admin.describeTopics(List.of(topic.name())).allTopicNames(), "describe " + topic.name())
                .get(topic.name()).partitions().size();
    }

    private void requireOurs(Topic<?, ?> topic) {
        if (!topics.contains(topic.name())) {
            throw new IllegalArgumentException(topic.name() + " is not a topic of " + topics);
        }
    }

    private Set<String> existing() {
        return get(admin.listTopics().names(), "list the topics").stream().filter(topics::contains)
                .collect(Collectors.toSet());
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ReplayException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
            }
            throw new ReplayException("cannot " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new ReplayException("Kafka did not answer within " + timeout + " when asked to " + what
                    + "; is the platform running (./gridai status)?", e);
        }
    }

    static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
