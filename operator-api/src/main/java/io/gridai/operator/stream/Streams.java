package io.gridai.operator.stream;

import io.gridai.service.runtime.KafkaClientProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.model.Alert;
import io.gridai.model.Measurement;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.TopicPositions;
import io.gridai.operator.alerts.AlertView;
import io.gridai.operator.clock.GridClock;
import io.gridai.operator.config.OperatorConfig;
import io.gridai.operator.service.OperatorApp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * The live streams: one Kafka consumer (one thread) per streamed topic, reading from the topic's end at start, each
 * feeding its {@link StreamHub}. Records are decoded and rendered as JSON once, on the consumer thread, whatever the
 * number of clients. Metrics: {@code gridai.operator.stream.dropped{topic}} (clients dropped for not keeping up),
 * {@code gridai.operator.stream.events{topic}}, {@code gridai.operator.stream.clients{topic}}.
 */
@Startup
@ApplicationScoped
public class Streams {

    private static final Logger LOG = Logger.getLogger(Streams.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final OperatorConfig.Streams config;
    private final Map<String, Object> kafka;
    private final ObjectMapper json;
    private final OperatorApp app;
    private final GridClock clock;
    private final Map<StreamKind, StreamHub> hubs = new EnumMap<>(StreamKind.class);
    private final Map<StreamKind, Counter> dropped = new EnumMap<>(StreamKind.class);
    private final Map<StreamKind, Counter> events = new EnumMap<>(StreamKind.class);
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
    private final ScheduledExecutorService sweeper;
    private volatile boolean running = true;

    public Streams(OperatorConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            ObjectMapper json, OperatorApp app, GridClock clock, MeterRegistry metrics) {
        this.config = config.streams();
        this.clock = clock;
        if (this.config.buffer() < 1 || this.config.replay() < 0) {
            throw new io.quarkus.runtime.configuration.ConfigurationException(
                    "gridai.operator.streams.buffer must be at least 1 and gridai.operator.streams.replay at least 0"
                            + " but were " + this.config.buffer() + " and " + this.config.replay());
        }
        this.kafka = kafka;
        this.json = json;
        this.app = app;
        for (StreamKind kind : StreamKind.values()) {
            StreamHub hub = new StreamHub(kind, this.config.replay());
            hubs.put(kind, hub);
            dropped.put(kind, Counter.builder("gridai.operator.stream.dropped").tag("topic", kind.streamName())
                    .description("stream clients dropped because their buffer was full").register(metrics));
            events.put(kind, Counter.builder("gridai.operator.stream.events").tag("topic", kind.streamName())
                    .description("events read for the stream (each sent to every client)").register(metrics));
            Gauge.builder("gridai.operator.stream.clients", hub, StreamHub::clientCount).tag("topic", kind.streamName())
                    .description("clients connected to the stream").register(metrics);
            Thread t = new Thread(() -> run(hub), "operator-stream-" + kind.streamName());
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "operator-stream-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> hubs.values().forEach(StreamHub::sweep), 1, 1, TimeUnit.SECONDS);
        LOG.infof("streams started buffer=%d replay=%d dropGrace=%s", this.config.buffer(), this.config.replay(),
                this.config.dropGrace());
    }

    public StreamHub hub(StreamKind kind) {
        return hubs.get(kind);
    }

    public OperatorConfig.Streams config() {
        return config;
    }

    /** Counts a dropped client of {@code kind}. */
    public void countDrop(StreamKind kind) {
        dropped.get(kind).increment();
    }

    /** Whether every stream's consumer has its partitions. */
    public boolean ready() {
        return hubs.values().stream().allMatch(StreamHub::started);
    }

    private void run(StreamHub hub) {
        StreamKind kind = hub.kind();
        Topic<?, ?> topic = kind.topic();
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties(kind),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                synchronized (consumers) {
                    if (!running) {
                        return;
                    }
                    consumers.add(c);
                }
                List<TopicPartition> parts = TopicPositions.partitions(c, topic.name());
                c.assign(parts);
                c.seekToEnd(parts);
                long[] start = new long[parts.size()];
                for (TopicPartition tp : parts) {
                    start[tp.partition()] = c.position(tp);
                }
                hub.start(start);
                LOG.infof("streaming topic=%s as=%s from=%s", topic.name(), kind.streamName(),
                        StreamPosition.format(start));
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                        handle(hub, r);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (KafkaException | IllegalStateException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("stream %s consumer failed (%s); retrying in %s", kind.streamName(), e.getMessage(), RETRY);
                try {
                    Thread.sleep(RETRY.toMillis()); // back-off before reconnecting, not a wait for a result
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void handle(StreamHub hub, ConsumerRecord<byte[], byte[]> r) {
        StreamKind kind = hub.kind();
        if (r.value() == null) {
            hub.skip(r.partition(), r.offset());
            return;
        }
        String rendered;
        StreamKind.Shown shown;
        try {
            Object record = kind.topic().valueSerde().deserializer().deserialize(kind.topic().name(), r.value());
            if (record instanceof Measurement m) {
                clock.observe(m.eventTime());
            }
            shown = kind.show(record, this::alertView);
            rendered = json.writeValueAsString(shown.view());
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.warnf("undecodable record skipped topic=%s partition=%d offset=%d: %s", kind.topic().name(),
                    r.partition(), r.offset(), e.getMessage());
            hub.skip(r.partition(), r.offset());
            return;
        }
        hub.publish(StreamEvent.of(kind.streamName(), r.partition(), r.offset(),
                hub.idAfter(r.partition(), r.offset()), shown.subject(), rendered));
        events.get(kind).increment();
    }

    private AlertView alertView(Alert a) {
        return AlertView.of(a, app.alerts().acknowledgement(a.id()).orElse(null));
    }

    private Properties consumerProperties(StreamKind kind) {
        return KafkaClientProperties.assigningConsumer(kafka, "gridai-operator-stream-" + kind.streamName());
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        sweeper.shutdownNow();
        synchronized (consumers) {
            consumers.forEach(KafkaConsumer::wakeup);
        }
        hubs.values().forEach(StreamHub::shutdown);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
