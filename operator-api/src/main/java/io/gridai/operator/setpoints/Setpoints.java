package io.gridai.operator.setpoints;

import io.gridai.model.topic.Topics;
import io.gridai.service.runtime.TopicFollower;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The setpoints of {@code grid.setpoints}, re-read from {@code setpoints.lookback} at start and followed since by one
 * thread ({@link TopicFollower}) into a {@link SetpointBook}: the current setpoints and the history of the window.
 */
@Startup
@ApplicationScoped
public class Setpoints {

    private static final Logger LOG = Logger.getLogger(Setpoints.class);

    private final SetpointsConfig config;
    private final SetpointBook book;
    private final TopicFollower follower;

    public Setpoints(SetpointsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry metrics) {
        this.config = config;
        try {
            this.book = new SetpointBook(config.maxCount());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        if (config.historyLimit() < 1) {
            throw new ConfigurationException("gridai.operator.setpoints.history-limit must be at least 1 but was "
                    + config.historyLimit());
        }
        Gauge.builder("gridai.operator.setpoints.window", book, SetpointBook::size)
                .description("setpoints held in memory").register(metrics);
        this.follower = new TopicFollower("operator-setpoints", kafka, List.of(Topics.GRID_SETPOINTS.name()),
                config.lookback(), this::file, () -> { }).start();
    }

    public SetpointBook book() {
        return book;
    }

    public SetpointsConfig config() {
        return config;
    }

    /** Whether the consumer has its partitions. */
    public boolean ready() {
        return follower.assigned();
    }

    private void file(ConsumerRecord<byte[], byte[]> r) {
        try {
            book.add(Topics.GRID_SETPOINTS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
        } catch (RuntimeException e) {
            LOG.warnf("undecodable setpoint skipped partition=%d offset=%d: %s", r.partition(), r.offset(),
                    e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }
}
