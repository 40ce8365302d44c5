package io.gridai.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gridai.model.topic.Topic;

/**
 * Creates the topics of grid-model's registry on a broker, idempotently.
 *
 * <p>Missing topics are created with the registry's partitions and configuration; existing topics with
 * fewer partitions than the registry asks for are grown (Kafka cannot shrink a topic, so more partitions
 * than registered are left as they are and reported). Running it again, after a crash for example, changes
 * nothing that is already right.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    /** Pause between describes while a just-created topic reaches the broker's metadata. */
    private static final long DESCRIBE_RETRY_BACKOFF_MS = 100;

    private final Admin admin;
    private final short replicationFactor;
    private final Duration timeout;

    /**
     * @param admin             a client of the target cluster; not closed here
     * @param replicationFactor replicas per partition: 1 on a single node, 3 on a production cluster
     * @param timeout           how long each admin call may take
     */
    public TopicProvisioner(Admin admin, short replicationFactor, Duration timeout) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor);
        }
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /** What {@link #ensure} found and did. */
    public record Report(List<String> created, List<String> grown, List<String> unchanged, List<String> warnings) {
        public Report {
            created = List.copyOf(created);
            grown = List.copyOf(grown);
            unchanged = List.copyOf(unchanged);
            warnings = List.copyOf(warnings);
        }
    }

    /** Makes every given topic exist with at least its registered partitions. */
    public Report ensure(Collection<? extends Topic<?, ?>> topics) {
        List<String> created = new ArrayList<>();
        List<String> grown = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        Set<String> existing = new java.util.HashSet<>(call("list topics", admin.listTopics().names()));
        List<NewTopic> toCreate = topics.stream()
                .filter(t -> !existing.contains(t.name()))
                .map(t -> new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.configs()))
                .toList();
        if (!toCreate.isEmpty()) {
            var result = admin.createTopics(toCreate);
            for (NewTopic topic : toCreate) {
                try {
                    result.values().get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw failure("create topic " + topic.name(), e.getCause());
                    }
                    // Created concurrently, or created just before and not yet in the metadata this broker
                    // listed: either way it exists, so check its partitions below like any present topic.
                    existing.add(topic.name());
                } catch (InterruptedException | TimeoutException e) {
                    throw interruptedOrTimedOut("create topic " + topic.name(), e);
                }
            }
        }

        List<? extends Topic<?, ?>> present = topics.stream().filter(t -> existing.contains(t.name())).toList();
        if (!present.isEmpty()) {
            Map<String, TopicDescription> descriptions = describe(present.stream().map(Topic::name).toList());
            for (Topic<?, ?> topic : present) {
                int actual = descriptions.get(topic.name()).partitions().size();
                if (actual < topic.partitions()) {
                    call("grow topic " + topic.name(),
                            admin.createPartitions(Map.of(topic.name(), NewPartitions.increaseTo(topic.partitions()))).all());
                    grown.add(topic.name());
                } else {
                    if (actual > topic.partitions()) {
                        warnings.add(topic.name() + " has " + actual + " partitions, the registry asks for "
                                + topic.partitions() + "; Kafka cannot shrink a topic, left as it is");
                    }
                    unchanged.add(topic.name());
                }
            }
        }
        Report report = new Report(created, grown, unchanged, warnings);
        LOG.info("Topics provisioned: created={} grown={} unchanged={} warnings={}",
                created.size(), grown.size(), unchanged.size(), warnings.size());
        warnings.forEach(w -> LOG.warn("Topic provisioning: {}", w));
        return report;
    }

    /**
     * Describes topics known to exist. A broker's metadata can lag the controller by a moment after a topic is
     * created, so "unknown topic" is retried until the timeout rather than taken as an answer.
     */
    private Map<String, TopicDescription> describe(List<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw failure("describe topics " + names, e.getCause());
                }
                LOG.debug("Topic metadata not yet visible, retrying: {}", e.getCause().getMessage());
                try {
                    TimeUnit.MILLISECONDS.sleep(DESCRIBE_RETRY_BACKOFF_MS);
                } catch (InterruptedException ie) {
                    throw interruptedOrTimedOut("describe topics " + names, ie);
                }
            } catch (InterruptedException | TimeoutException e) {
                throw interruptedOrTimedOut("describe topics " + names, e);
            }
        }
    }

    /** Names of the given topics that the cluster does not have. */
    public Set<String> missing(Collection<? extends Topic<?, ?>> topics) {
        Set<String> existing = call("list topics", admin.listTopics().names());
        return topics.stream().map(Topic::name).filter(n -> !existing.contains(n)).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private <T> T call(String what, org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw interruptedOrTimedOut(what, e);
        }
    }

    private static KafkaBrokerException failure(String what, Throwable cause) {
        return new KafkaBrokerException("Could not " + what + ": " + cause.getMessage(), cause);
    }

    private KafkaBrokerException interruptedOrTimedOut(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new KafkaBrokerException("Interrupted while trying to " + what, e);
        }
        return new KafkaBrokerException("Could not " + what + " within " + timeout + "; is the broker reachable?", e);
    }
}
