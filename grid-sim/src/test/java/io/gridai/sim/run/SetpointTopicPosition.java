package io.gridai.sim.run;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.gridai.model.topic.Topics;

/**
 * The tests share one broker per JVM, so {@code grid.setpoints} holds the setpoints of the tests that ran before.
 * A test's twin starts its consumer group at the topic's current end, so it reads only its own test's setpoints.
 */
final class SetpointTopicPosition {

    private SetpointTopicPosition() {
    }

    /** Commits, for consumer group {@code group} (no member yet), the current end of every setpoint partition. */
    static void startAtEnd(String bootstrap, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < Topics.GRID_SETPOINTS.partitions(); p++) {
                latest.put(new TopicPartition(Topics.GRID_SETPOINTS.name(), p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            admin.alterConsumerGroupOffsets(group, ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> new OffsetAndMetadata(e.getValue().offset())))).all().get();
        }
    }
}
