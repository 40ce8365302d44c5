package io.gridai.gateway.service;

import io.gridai.service.runtime.AuditTrail;
import io.gridai.service.runtime.TopicFollower;
import io.gridai.gateway.clock.GridClock;
import io.gridai.gateway.config.GatewayConfig;
import io.gridai.model.Alert;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.ProposalDecision;
import io.gridai.model.id.AlertId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.service.runtime.KafkaClientProperties;
import io.gridai.service.runtime.SetpointGuard;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * The gateway's Kafka side: one idempotent producer ({@code acks=all}) for the audit chain, proposals and setpoints;
 * the audit chain, read at start and continued; and a follower of {@code grid.alerts} (the newest alert per id),
 * {@code grid.forecasts} (the newest per zone), {@code grid.proposal-decisions} (handed to whoever registered with {@link #onDecision}) from
 * {@code gridai.gateway.inputs.lookback} on; on the telemetry clock also {@code telemetry.clean} from its end (the grid's now);
 * and {@code grid.setpoints} from {@code gridai.gateway.inputs.holds-lookback} on (manual holds in force).
 *
 * <p>Order at start: the audit chain is read to its end and handed to whoever registered with {@link #onAuditLoaded}
 * (the proposals are read back from it) before the follower of alerts, forecasts and decisions starts; a decision read
 * before any handler registered is kept for the first one.
 */
@Startup
@ApplicationScoped
public class GatewayApp {

    private static final Logger LOG = Logger.getLogger(GatewayApp.class);
    private static final Duration LOAD_RETRY = Duration.ofSeconds(2);

    private final GatewayConfig config;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AuditTrail audit;
    private final GridClock clock;
    private final Map<AlertId, Alert> alerts = new ConcurrentHashMap<>();
    private final Map<ZoneId, Forecast> forecasts = new ConcurrentHashMap<>();
    private final List<Consumer<ProposalDecision>> decisionHandlers = new CopyOnWriteArrayList<>();
    private final List<ProposalDecision> unhandledDecisions = new ArrayList<>();
    private final List<Consumer<List<io.gridai.model.AuditEvent>>> chainHandlers = new ArrayList<>();
    private List<io.gridai.model.AuditEvent> loadedChain;
    private final TopicFollower follower;
    private final TopicFollower clockFollower;
    private final TopicFollower holdsFollower;
    private final io.gridai.service.runtime.ManualHolds holds;
    /** Replays can never actuate ({@code gridai.sandbox}): guards the producer and every approved proposal's setpoints. */
    private final SetpointGuard guard;
    private final Thread loader;
    private volatile boolean running = true;
    /** Records of what was refused or read, written off the caller's thread (in order; the chain is one writer). */
    private final java.util.concurrent.ExecutorService recorder = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "gateway-audit-recorder");
                t.setDaemon(true);
                return t;
            });

    public GatewayApp(GatewayConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            GridClock clock, @ConfigProperty(name = SetpointGuard.SANDBOX_PROPERTY) Optional<String> sandbox) {
        this.config = config;
        this.clock = clock;
        try {
            this.guard = SetpointGuard.fromConfig(sandbox);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        this.holds = new io.gridai.service.runtime.ManualHolds(guard.sandbox());
        Properties p = KafkaClientProperties.durableProducer(kafka, "gridai-agent-gateway");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), guard.valueSerializer());
        this.audit = new AuditTrail(kafka, producer, config.audit().chain(), config.audit().timeout(),
                "gridai-%s-audit-reader".formatted(config.audit().chain()));
        this.follower = new TopicFollower("gateway-inputs", kafka, List.of(Topics.GRID_ALERTS.name(),
                Topics.GRID_FORECASTS.name(), Topics.GRID_PROPOSAL_DECISIONS.name()),
                config.inputs().lookback(), this::handle, () -> {
                });
        // the grid clock: measurements written from now on (as the operator API's telemetry stream reads them)
        this.clockFollower = clock.source() == GridClock.Source.TELEMETRY
                ? new TopicFollower("gateway-clock", kafka, List.of(Topics.TELEMETRY_CLEAN.name()), Duration.ZERO,
                        this::handle, () -> {
                        })
                : null;
        // operators' overrides (and approved proposals) in force, for the review's conflicts step
        this.holdsFollower = new TopicFollower("gateway-holds", kafka, List.of(Topics.GRID_SETPOINTS.name()),
                config.inputs().holdsLookback(), this::handle, () -> {
                });
        this.loader = new Thread(this::loadAudit, "gateway-audit-load");
        loader.setDaemon(true);
        loader.start();
        holdsFollower.start();
        if (clockFollower != null) {
            clockFollower.start();
        }
        LOG.infof("agent gateway started auditChain=%s clock=%s lookback=%s", config.audit().chain(), clock.source(),
                config.inputs().lookback());
    }

    private void loadAudit() {
        while (running && !audit.loaded()) {
            try {
                List<io.gridai.model.AuditEvent> chain = audit.load();
                synchronized (this) {
                    loadedChain = chain;
                    for (Consumer<List<io.gridai.model.AuditEvent>> h : chainHandlers) {
                        try {
                            h.accept(chain);
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "a reader of audit chain=%s failed at start; what it holds is incomplete",
                                    audit.chain());
                        }
                    }
                }
                follower.start();
            } catch (AuditTrail.AuditException e) {
                LOG.warnf("audit chain=%s not readable yet (%s); retrying in %s", audit.chain(), e.getMessage(),
                        LOAD_RETRY);
                try {
                    Thread.sleep(LOAD_RETRY.toMillis()); // back-off before retrying, not a wait for a result
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        try {
            String t = r.topic();
            if (t.equals(Topics.TELEMETRY_CLEAN.name())) {
                Measurement m = decode(Topics.TELEMETRY_CLEAN, r);
                clock.observe(m.eventTime());
            } else if (t.equals(Topics.GRID_SETPOINTS.name())) {
                holds.offer(decode(Topics.GRID_SETPOINTS, r));
            } else if (t.equals(Topics.GRID_ALERTS.name())) {
                Alert a = decode(Topics.GRID_ALERTS, r);
                alerts.put(a.id(), a);
                trimAlerts();
            } else if (t.equals(Topics.GRID_FORECASTS.name())) {
                Forecast f = decode(Topics.GRID_FORECASTS, r);
                forecasts.merge(f.zone(), f, (old, nu) -> nu.issueTime().isBefore(old.issueTime()) ? old : nu);
            } else if (t.equals(Topics.GRID_PROPOSAL_DECISIONS.name())) {
                ProposalDecision d = decode(Topics.GRID_PROPOSAL_DECISIONS, r);
                synchronized (unhandledDecisions) {
                    if (decisionHandlers.isEmpty()) {
                        unhandledDecisions.add(d);
                        return;
                    }
                }
                decisionHandlers.forEach(h -> h.accept(d));
            }
        } catch (RuntimeException e) {
            LOG.warnf("record skipped topic=%s partition=%d offset=%d: %s", r.topic(), r.partition(), r.offset(),
                    e.getMessage());
        }
    }

    private void trimAlerts() {
        int max = config.inputs().maxAlerts();
        if (alerts.size() > max) {
            alerts.values().stream().sorted(Comparator.comparing(Alert::time)).limit(alerts.size() - max)
                    .map(Alert::id).toList().forEach(alerts::remove);
        }
    }

    private static <K, V> V decode(Topic<K, V> topic, ConsumerRecord<byte[], byte[]> r) {
        return topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
    }

    /** Registers a handler of operators' decisions (called on the follower's thread, possibly twice per decision). */
    public void onDecision(Consumer<ProposalDecision> handler) {
        List<ProposalDecision> kept;
        synchronized (unhandledDecisions) {
            decisionHandlers.add(handler);
            kept = List.copyOf(unhandledDecisions);
            unhandledDecisions.clear();
        }
        kept.forEach(handler);
    }

    /**
     * Registers a handler of the audit chain as read at start (every event of the gateway's chain, in order): called
     * once, on the loading thread before the decisions' follower starts, or at once when the chain is already read.
     */
    public synchronized void onAuditLoaded(Consumer<List<io.gridai.model.AuditEvent>> handler) {
        chainHandlers.add(handler);
        if (loadedChain != null) {
            handler.accept(loadedChain);
        }
    }

    /** The setpoint guard of this process: approved proposals' setpoints are marked and checked with it. */
    public SetpointGuard guard() {
        return guard;
    }

    /** The manual holds (operators' overrides, approved proposals) read from {@code grid.setpoints}. */
    public io.gridai.service.runtime.ManualHolds holds() {
        return holds;
    }

    /** The newest alert of each id, newest first. */
    public List<Alert> alerts() {
        List<Alert> out = new ArrayList<>(alerts.values());
        out.sort(Comparator.comparing(Alert::time).reversed());
        return out;
    }

    /** The newest forecast of each zone, by zone. */
    public Map<ZoneId, Forecast> forecasts() {
        Map<ZoneId, Forecast> out = new TreeMap<>(Comparator.comparing(ZoneId::value));
        out.putAll(forecasts);
        return new LinkedHashMap<>(out);
    }

    public AuditTrail audit() {
        return audit;
    }

    /**
     * Appends an event on the recorder thread (for records of refusals made on an I/O thread, which must not wait for
     * Kafka); a failure is logged.
     */
    public void recordLater(io.gridai.model.ActorType type, String actor, String action, String subject,
            Map<String, String> details) {
        recorder.execute(() -> io.gridai.gateway.audit.GatewayAudit.tryAppend(audit, type, actor, action, subject,
                details));
    }

    public KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    /** Whether the audit chain is loaded and the follower has its partitions. */
    public boolean ready() {
        return audit.loaded() && follower.assigned();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        loader.interrupt();
        recorder.shutdown();
        follower.stop();
        holdsFollower.stop();
        if (clockFollower != null) {
            clockFollower.stop();
        }
        producer.close(Duration.ofSeconds(10));
        LOG.info("agent gateway stopped");
    }

}
