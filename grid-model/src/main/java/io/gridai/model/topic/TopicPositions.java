package io.gridai.model.topic;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Where a service's consumer starts on a registry topic: all of a topic's partitions, read from the end (live state)
 * or from a point in time (forecasts, schedules re-read after a restart). For consumers that assign partitions
 * themselves instead of joining a group.
 */
public final class TopicPositions {

    private TopicPositions() {
    }

    /**
     * Every partition of {@code topic}.
     *
     * @throws UnknownTopicOrPartitionException when the topic does not exist, saying how to create it
     */
    public static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic) {
        var infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new UnknownTopicOrPartitionException("topic " + topic + " does not exist; create the registry's topics"
                    + " (TopicProvisioner, or ./gridai up)");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    /**
     * Positions each partition at its first record with a timestamp at or after {@code since}, or at its end when it
     * has none. The consumer must have the partitions assigned.
     */
    public static void seekSince(Consumer<?, ?> consumer, List<TopicPartition> partitions, Instant since) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = offsets.get(p);
            if (o == null) {
                consumer.seekToEnd(List.of(p));
            } else {
                consumer.seek(p, o.offset());
            }
        }
    }

    /**
     * Positions each partition at its end now (resolving the end offset at once, so that every record published after
     * this call is read). The consumer must have the partitions assigned.
     */
    public static void seekToEndNow(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }
}
