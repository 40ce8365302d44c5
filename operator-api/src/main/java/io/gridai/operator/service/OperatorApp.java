package io.gridai.operator.service;

import io.gridai.service.runtime.SetpointGuard;
import io.micrometer.core.instrument.FunctionCounter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.gridai.service.runtime.KafkaClientProperties;
import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import io.gridai.model.id.AlertId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.TopicPositions;
import io.gridai.model.topic.Topics;
import io.gridai.operator.alerts.Acknowledgement;
import io.gridai.operator.alerts.AlertBook;
import io.gridai.service.runtime.AuditTrail;
import io.gridai.operator.config.OperatorConfig;
import io.gridai.operator.stream.StreamKind.ForecastView;
import io.gridai.operator.stream.StreamKind.ZoneLoadView;
import io.gridai.operator.zones.ZoneBook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * The operator API's Kafka side. One thread first reads the service's audit chain (its end, and the acknowledgements
 * it records, so that they survive a restart), then reads {@code grid.alerts} from {@code alerts.lookback} on into the
 * {@link AlertBook}, and {@code grid.zone-load} and {@code grid.forecasts} from {@code zones.lookback} on into the
 * {@link ZoneBook}. Actions (acknowledgements) are written to {@code grid.audit} through one idempotent producer with
 * {@code acks=all} before they take effect.
 */
@Startup
@ApplicationScoped
public class OperatorApp {

    /** The audit action of an acknowledgement; its subject is the alert id. */
    public static final String ACTION_ACK = "alert.acknowledge";

    private static final Logger LOG = Logger.getLogger(OperatorApp.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final OperatorConfig config;
    private final Map<String, Object> kafka;
    private final AlertBook alerts;
    private final ZoneBook zones;
    private final KafkaProducer<byte[], byte[]> producer;
    /** Replays can never actuate ({@code gridai.sandbox}): guards the producer and every override. */
    private final SetpointGuard guard;
    private final AuditTrail audit;
    private final Counter acknowledged;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile List<AuditEvent> restoredChain;

    public OperatorApp(OperatorConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry metrics, @ConfigProperty(name = SetpointGuard.SANDBOX_PROPERTY) Optional<String> sandbox) {
        this.config = config;
        this.kafka = kafka;
        try {
            this.guard = SetpointGuard.fromConfig(sandbox);
            this.alerts = new AlertBook(config.alerts().maxCount());
            this.zones = new ZoneBook(config.zones().maxWindows(), config.zones().maxForecasts());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        FunctionCounter.builder("gridai.setpoints.guard.refused", guard, SetpointGuard::refusals)
                .description("records the setpoint guard refused (a sandbox's setpoints kept off real topics)").register(metrics);
        this.producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), guard.valueSerializer());
        this.audit = new AuditTrail(kafka, producer, config.audit().chain(), config.audit().timeout(),
                "gridai-%s-audit-reader".formatted(config.audit().chain()));
        this.acknowledged = Counter.builder("gridai.operator.alerts.acknowledged")
                .description("alerts acknowledged by operators").register(metrics);
        Gauge.builder("gridai.operator.alerts.window", alerts, AlertBook::size)
                .description("alerts held in memory").register(metrics);
        this.thread = new Thread(this::run, "operator-inputs");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("operator api started alertsMaxCount=%d alertsLookback=%s auditChain=%s",
                config.alerts().maxCount(), config.alerts().lookback(), config.audit().chain());
    }

    public AlertBook alerts() {
        return alerts;
    }

    /** The zones' recent load windows and forecasts. */
    public ZoneBook zones() {
        return zones;
    }

    /** Whether the audit chain is loaded and the alerts consumer has its partitions. */
    public boolean ready() {
        return audit.loaded() && assigned;
    }

    public boolean auditLoaded() {
        return audit.loaded();
    }

    public boolean alertsAssigned() {
        return assigned;
    }

    public String auditChain() {
        return audit.chain();
    }

    /** The service's audit chain: every operator action is appended here before it takes effect. */
    public AuditTrail audit() {
        return audit;
    }

    /**
     * The chain's events as read at start, for the parts of the service that rebuild their state from what operators
     * did before a restart; empty until the chain has been read (poll it, as the service's other readers do).
     */
    public Optional<List<AuditEvent>> restoredChain() {
        return Optional.ofNullable(restoredChain);
    }

    /** The setpoint guard of this process: overrides are marked and checked with it. */
    public SetpointGuard guard() {
        return guard;
    }

    /** The service's one idempotent producer ({@code acks=all}, no linger) for what operators' actions publish. */
    public KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    /** The outcome of an acknowledgement: the one that holds and whether this call made it. */
    public record AckResult(Acknowledgement acknowledgement, boolean created) {
    }

    /**
     * Acknowledges an alert of the window for {@code actor}: writes the audit event first (the acknowledgement holds
     * only once Kafka has it), then records it. Serialised, so that of two concurrent acknowledgements one wins.
     *
     * @return empty when the alert is not in the window
     * @throws AuditTrail.AuditException when the audit event could not be written
     */
    public synchronized Optional<AckResult> acknowledge(AlertId id, String actor, String comment) {
        if (alerts.get(id).isEmpty()) {
            return Optional.empty();
        }
        Optional<Acknowledgement> held = alerts.acknowledgement(id);
        if (held.isPresent()) {
            return Optional.of(new AckResult(held.get(), false));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("comment", comment);
        alerts.get(id).ifPresent(a -> {
            details.put("asset", a.asset());
            details.put("type", a.type());
            details.put("state", a.state());
        });
        AuditEvent event = audit.append(ActorType.OPERATOR, actor, ACTION_ACK, id.value(), details);
        Acknowledgement ack = alerts.acknowledge(id, new Acknowledgement(actor, event.time(), comment, event.sequence()));
        acknowledged.increment();
        LOG.infof("alert acknowledged id=%s by=%s auditSequence=%d", id, actor, event.sequence());
        return Optional.of(new AckResult(ack, true));
    }

    private void run() {
        while (running && !audit.loaded()) {
            try {
                restore(audit.load());
            } catch (KafkaException | AuditTrail.AuditException e) {
                if (!backOff("audit chain not read (" + e.getMessage() + ")")) {
                    return;
                }
            }
        }
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                List<TopicPartition> alertParts = TopicPositions.partitions(c, Topics.GRID_ALERTS.name());
                List<TopicPartition> zoneParts = new ArrayList<>(TopicPositions.partitions(c, Topics.GRID_ZONE_LOAD.name()));
                zoneParts.addAll(TopicPositions.partitions(c, Topics.GRID_FORECASTS.name()));
                List<TopicPartition> parts = new ArrayList<>(alertParts);
                parts.addAll(zoneParts);
                c.assign(parts);
                TopicPositions.seekSince(c, alertParts, Instant.now().minus(config.alerts().lookback()));
                TopicPositions.seekSince(c, zoneParts, Instant.now().minus(config.zones().lookback()));
                parts.forEach(c::position);
                assigned = true;
                LOG.infof("reading alerts topic=%s lookback=%s, zone load and forecasts topics=%s,%s lookback=%s",
                        Topics.GRID_ALERTS.name(), config.alerts().lookback(), Topics.GRID_ZONE_LOAD.name(),
                        Topics.GRID_FORECASTS.name(), config.zones().lookback());
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                        file(r);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (KafkaException e) {
                assigned = false;
                if (!backOff("alerts consumer failed (" + e.getMessage() + ")")) {
                    return;
                }
            }
        }
    }

    private boolean backOff(String why) {
        if (!running) {
            return false;
        }
        LOG.warnf("%s; retrying in %s", why, RETRY);
        try {
            Thread.sleep(RETRY.toMillis()); // back-off before reconnecting, not a wait for a result
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void restore(List<AuditEvent> chain) {
        restoredChain = List.copyOf(chain);
        int restored = 0;
        for (AuditEvent e : chain) {
            if (ACTION_ACK.equals(e.action())) {
                try {
                    alerts.acknowledge(AlertId.of(e.subject()), new Acknowledgement(e.actor(), e.time(),
                            e.details().getOrDefault("comment", ""), e.sequence()));
                    restored++;
                } catch (IllegalArgumentException bad) {
                    LOG.warnf("audit event sequence=%d names no valid alert id: %s", e.sequence(), bad.getMessage());
                }
            }
        }
        if (restored > 0) {
            LOG.infof("restored %d acknowledgements from audit chain=%s", restored, audit.chain());
        }
    }

    private void file(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            if (r.topic().equals(Topics.GRID_ALERTS.name())) {
                alerts.add(decode(Topics.GRID_ALERTS, r));
            } else if (r.topic().equals(Topics.GRID_ZONE_LOAD.name())) {
                zones.add(ZoneLoadView.of(decode(Topics.GRID_ZONE_LOAD, r)));
            } else if (r.topic().equals(Topics.GRID_FORECASTS.name())) {
                zones.add(ForecastView.of(decode(Topics.GRID_FORECASTS, r)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("undecodable record skipped topic=%s partition=%d offset=%d: %s", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
        }
    }

    private static <V> V decode(Topic<?, V> topic, ConsumerRecord<byte[], byte[]> r) {
        return topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
    }

    private Properties consumerProperties() {
        return KafkaClientProperties.assigningConsumer(kafka, "gridai-operator-inputs");
    }

    private Properties producerProperties() {
        Properties p = KafkaClientProperties.durableProducer(kafka, "gridai-operator-api");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0"); // a setpoint or an answer is not held back for batching
        return p;
    }

    void stop(@Observes ShutdownEvent event) {
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
        producer.close(Duration.ofSeconds(10));
        LOG.info("operator api stopped");
    }
}
