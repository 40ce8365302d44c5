package io.gridai.gateway;


import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.AuditEvent;
import io.gridai.model.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The gateway's audit events ({@code grid.audit}, key {@code agent-gateway}) written since the tail was opened. */
final class AuditTail implements AutoCloseable {

    static final String CHAIN = "agent-gateway";

    private final TopicTail<String, AuditEvent> tail = TopicTail.of(Topics.GRID_AUDIT);

    List<AuditEvent> events() {
        List<AuditEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, AuditEvent> r : tail.newRecords()) {
            if (CHAIN.equals(r.key())) {
                out.add(r.value());
            }
        }
        return out;
    }

    /** Waits (Awaitility) until an event matching {@code p} is there, and returns it. */
    AuditEvent await(Predicate<AuditEvent> p) {
        List<AuditEvent> found = new ArrayList<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            found.clear();
            events().stream().filter(p).forEach(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    static Predicate<AuditEvent> action(String action) {
        return e -> e.action().equals(action);
    }

    @Override
    public void close() {
        tail.close();
    }
}
