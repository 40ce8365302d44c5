package io.gridai.service.runtime;

import io.gridai.model.topic.TopicPositions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * One thread that follows some topics from a lookback on: an assigning consumer (service-runtime's
 * {@code KafkaClientProperties}, no group, nothing committed) on every partition of the topics, positioned at the first
 * record at or after {@code now - lookback}, that hands each record to {@code handler} and calls {@code afterPoll}
 * after every poll (for work the owner does on the same thread). {@link #assigned()} once it has its partitions,
 * {@link #caughtUp()} once it has read up to the end offsets the topics had then. Reconnects after a Kafka failure,
 * re-reading from the lookback (handlers must take a record twice). {@code name} names the thread and, after
 * {@code gridai-}, the consumer's client id: give the service's name first ({@code operator-proposals}).
 */
public final class TopicFollower {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final String name;
    private final Map<String, Object> kafka;
    private final List<String> topics;
    private final Duration lookback;
    private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final Runnable afterPoll;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public TopicFollower(String name, Map<String, Object> kafka, List<String> topics, Duration lookback,
            Consumer<ConsumerRecord<byte[], byte[]>> handler, Runnable afterPoll) {
        this.name = name;
        this.kafka = kafka;
        this.topics = List.copyOf(topics);
        this.lookback = lookback;
        this.handler = handler;
        this.afterPoll = afterPoll;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Starts the thread. */
    public TopicFollower start() {
        thread.start();
        return this;
    }

    /** Whether the consumer has its partitions (and is positioned). */
    public boolean assigned() {
        return assigned;
    }

    /** Whether everything the topics held when the consumer was assigned has been handled. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(
                    KafkaClientProperties.assigningConsumer(kafka, "gridai-" + name),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                List<TopicPartition> parts = new ArrayList<>();
                for (String t : topics) {
                    parts.addAll(TopicPositions.partitions(c, t));
                }
                c.assign(parts);
                TopicPositions.seekSince(c, parts, Instant.now().minus(lookback));
                Map<TopicPartition, Long> ends = new HashMap<>(c.endOffsets(parts));
                parts.forEach(c::position);
                assigned = true;
                LOG.infof("following topics=%s lookback=%s thread=%s", topics, lookback, name);
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                        if (r.value() != null) {
                            handler.accept(r);
                        }
                    }
                    if (!caughtUp) {
                        ends.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                        caughtUp = ends.isEmpty();
                    }
                    afterPoll.run();
                }
            } catch (WakeupException e) {
                // closing
            } catch (KafkaException e) {
                assigned = false;
                if (!backOff("consumer failed (" + e.getMessage() + ")")) {
                    return;
                }
            }
        }
    }

    private boolean backOff(String why) {
        if (!running) {
            return false;
        }
        LOG.warnf("%s thread=%s; retrying in %s", why, name, RETRY);
        try {
            Thread.sleep(RETRY.toMillis()); // back-off before reconnecting, not a wait for a result
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the thread (waits up to 10 s). */
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
