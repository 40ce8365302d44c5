package io.gridai.storage.service;

import io.gridai.service.runtime.KafkaClientProperties;
import io.gridai.service.runtime.SetpointGuard;
import io.micrometer.core.instrument.FunctionCounter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.Severity;
import io.gridai.model.id.AlertId;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.TopicPositions;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.storage.config.FleetDefinition;
import io.gridai.storage.config.StorageConfig;
import io.gridai.storage.control.AlertChange;
import io.gridai.storage.control.ControllerSettings;
import io.gridai.storage.control.Decision;
import io.gridai.storage.control.FleetController;
import io.gridai.storage.control.Mode;
import io.gridai.storage.control.ResponseSettings;
import io.gridai.storage.control.SafetyEnvelope;
import io.gridai.storage.control.UnitLimits;
import io.gridai.storage.control.UnitStatus;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * The storage manager: one consumer thread reads the fleet's telemetry and the system frequency (the live-state topic,
 * from its end), the optimiser's battery schedules ({@code grid.storage-schedules}, from a look-back) and manual holds
 * (operators' and approved proposals' setpoints of the fleet on {@code grid.setpoints}, from their own look-back),
 * files them in the {@link FleetController}, and decides at once after every batch that holds a new frequency reading, and otherwise
 * every {@code check-interval}. Setpoints go to {@code grid.setpoints} (origin STORAGE_MANAGER), stale-telemetry alerts
 * to {@code grid.alerts}, through one idempotent producer with {@code acks=all} that never blocks the decisions.
 *
 * <p>Tracing: a decision made on a frequency reading runs in a span ({@value #DECIDE_SPAN}) that continues the trace
 * of that reading's record ({@code traceparent} header, as ingestion and the Flink jobs write it); every setpoint and
 * alert is published in a {@code PRODUCER} span ({@code "<topic> publish"}) whose context goes into the record's
 * headers, so its consumers (the grid, the operator API) continue the same trace.
 */
@Startup
@ApplicationScoped
public class StorageApp {

    static final String ISSUER = "storage-manager";
    /** The span of a decision made on a traced frequency reading. */
    static final String DECIDE_SPAN = "storage decide";
    private static final Logger LOG = Logger.getLogger(StorageApp.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> names = new ArrayList<>();
            headers.forEach(h -> names.add(h.key()));
            return names;
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null) {
                return null;
            }
            Header header = headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapSetter<Headers> HEADER_SETTER =
            (headers, key, value) -> headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8));

    private final StorageConfig config;
    private final Map<String, Object> kafka;
    private final FleetController controller;
    private final List<UnitLimits> fleet;
    private final Topic<AssetId, Measurement> liveTopic;
    private final AssetId frequencyAsset;
    private final MeterRegistry metrics;
    private final KafkaProducer<byte[], byte[]> producer;
    /** Replays can never actuate: marks and checks every setpoint, and guards the producer ({@code gridai.sandbox}). */
    private final SetpointGuard guard;
    private final Thread thread;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    /** The trace context of the newest frequency reading of the current poll; root when it had none. */
    private Context trigger = Context.root();
    private final AtomicReference<Instant> telemetryClock = new AtomicReference<>();
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private final Counter failed;
    private final Map<AssetId, Mode> modes = new HashMap<>();
    private final java.util.Set<AssetId> fleetAssets;
    private final org.apache.kafka.common.serialization.Deserializer<AssetId> keys;
    private final org.apache.kafka.common.serialization.Deserializer<AssetId> setpointKeys = Topics.GRID_SETPOINTS.keySerde().deserializer();
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private long lastStepNanos;

    public StorageApp(StorageConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry metrics, @ConfigProperty(name = SetpointGuard.SANDBOX_PROPERTY) Optional<String> sandbox,
            OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.gridai.storage");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        try {
            this.guard = SetpointGuard.fromConfig(sandbox);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        this.config = config;
        this.kafka = kafka;
        this.metrics = metrics;
        try {
            this.fleet = FleetDefinition.units(config);
            this.liveTopic = liveTopic(config.inputs().liveStateTopic().orElse(Topics.TELEMETRY_RAW.name()));
            StorageConfig.Response r = config.response();
            ResponseSettings response = new ResponseSettings(r.enabled(), r.nominalHz(), r.deadBandHz(), r.sustain(),
                    r.maxFrequencyAge(), r.plausibleDeviationHz());
            ControllerSettings settings = new ControllerSettings(config.setpoints().validity(),
                    config.telemetry().estimateAfter(), config.telemetry().safeAfter(), config.setpoints().minChangeMw(),
                    response);
            this.frequencyAsset = AssetId.of(r.frequencyAsset());
            this.keys = liveTopic.keySerde().deserializer();
            this.controller = new FleetController(fleet, frequencyAsset, ISSUER, settings);
            this.fleetAssets = java.util.Set.copyOf(controller.assets());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        this.failed = Counter.builder("gridai.storage.setpoints.failed")
                .description("setpoints and alerts Kafka did not take").register(metrics);
        for (UnitLimits unit : fleet) {
            String asset = unit.asset().value();
            Gauge.builder("gridai.storage.soc", this, app -> app.status(asset).map(UnitStatus::socPercent)
                    .map(Double::doubleValue).orElse(Double.NaN)).tag("asset", asset).baseUnit("percent")
                    .description("state of charge (measured or estimated)").register(metrics);
            Gauge.builder("gridai.storage.setpoint", this, app -> app.status(asset).map(UnitStatus::lastIssued)
                    .map(UnitStatus.Issued::targetMw).orElse(Double.NaN)).tag("asset", asset).baseUnit("megawatts")
                    .description("last setpoint issued, generator sign").register(metrics);
            Gauge.builder("gridai.storage.headroom.up", this, app -> app.status(asset).map(UnitStatus::lastDecision)
                    .map(Decision::headroomUpMw).orElse(Double.NaN)).tag("asset", asset).baseUnit("megawatts")
                    .register(metrics);
            Gauge.builder("gridai.storage.headroom.down", this, app -> app.status(asset).map(UnitStatus::lastDecision)
                    .map(Decision::headroomDownMw).orElse(Double.NaN)).tag("asset", asset).baseUnit("megawatts")
                    .register(metrics);
        }
        Gauge.builder("gridai.storage.fleet.reserve", controller, FleetController::reserveMw).baseUnit("megawatts")
                .description("frequency-response reserve the fleet holds: responding units only, not held or safe-held ones")
                .register(metrics);
        FunctionCounter.builder("gridai.setpoints.guard.refused", guard, SetpointGuard::refusals)
                .description("records the setpoint guard refused (a sandbox's setpoints kept off real topics)").register(metrics);
        this.producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), guard.valueSerializer());
        this.thread = new Thread(this::run, "storage-inputs");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("storage manager started units=%d batteries=%s liveState=%s frequencyAsset=%s clock=%s response=%s sandbox=%s",
                fleet.size(), fleet.stream().map(u -> u.asset().value()).toList(), liveTopic.name(), frequencyAsset,
                config.clock(), config.response().enabled() ? "on" : "off", guard.sandbox().map(Object::toString).orElse("none"));
        for (UnitLimits u : fleet) {
            LOG.infof("battery asset=%s capacityMwh=%.1f chargeMw=%.1f dischargeMw=%.1f soc=%.2f..%.2f rampMwPerS=%.2f"
                    + " reserveMw=%.2f droopMwPerHz=%.2f degradationCostPerMwh=%.2f", u.asset(), u.capacityMwh(),
                    u.maxChargeMw(), u.maxDischargeMw(), u.socMin(), u.socMax(), u.rampMwPerSecond(), u.reserveMw(),
                    u.droopMwPerHz(), u.degradationCostPerMwh());
        }
    }

    private static Topic<AssetId, Measurement> liveTopic(String name) {
        return Topics.measurementTopic(name).orElseThrow(() -> new IllegalArgumentException(
                "gridai.storage.inputs.live-state-topic is " + name + "; give " + Topics.TELEMETRY_RAW.name() + " or "
                        + Topics.TELEMETRY_CLEAN.name()));
    }

    /** The fleet's limits, in configuration order. */
    public List<UnitLimits> fleet() {
        return fleet;
    }

    /** Every unit's status now (service clock). */
    public List<UnitStatus> status() {
        return controller.status(now().orElse(null));
    }

    /** One unit's status. */
    public Optional<UnitStatus> status(String asset) {
        return status().stream().filter(s -> s.asset().equals(asset)).findFirst();
    }

    /** The fleet's frequency-response reserve now, MW (held and safe-held units excluded). */
    public double reserveMw() {
        return controller.reserveMw();
    }

    /** The latest frequency reading: time and Hz. */
    public Optional<Map.Entry<Instant, Double>> frequency() {
        return controller.frequency();
    }

    /** "Now" on the service's clock; empty on the telemetry clock before the first reading. */
    public Optional<Instant> now() {
        return config.clock() == StorageConfig.ClockSource.WALL ? Optional.of(Instant.now())
                : Optional.ofNullable(telemetryClock.get());
    }

    public StorageConfig.ClockSource clock() {
        return config.clock();
    }

    /** Whether the consumer has its partitions. */
    public boolean assigned() {
        return assigned;
    }

    public Topic<AssetId, Measurement> liveTopicInUse() {
        return liveTopic;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                assign(c);
                assigned = true;
                LOG.infof("reading telemetry topic=%s, schedules topic=%s lookback=%s and manual holds topic=%s lookback=%s",
                        liveTopic.name(), Topics.GRID_STORAGE_SCHEDULES.name(), config.inputs().scheduleLookback(),
                        Topics.GRID_SETPOINTS.name(), config.holds().lookback());
                while (running) {
                    boolean frequency = false;
                    trigger = Context.root();
                    for (ConsumerRecord<byte[], byte[]> record : c.poll(POLL)) {
                        if (handle(record)) {
                            frequency = true;
                            trigger = propagator.extract(Context.root(), record.headers(), HEADERS);
                        }
                    }
                    long nowNanos = System.nanoTime();
                    if (frequency || nowNanos - lastStepNanos >= config.checkInterval().toNanos()) {
                        lastStepNanos = nowNanos;
                        now().ifPresent(this::tracedStep);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (KafkaException e) {
                assigned = false;
                if (running) {
                    LOG.warnf("storage input consumer failed (%s); retrying in %s", e.getMessage(), RETRY);
                    try {
                        Thread.sleep(RETRY.toMillis()); // back-off before reconnecting, not a wait for a result
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void assign(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> live = TopicPositions.partitions(c, liveTopic.name());
        List<TopicPartition> schedules = TopicPositions.partitions(c, Topics.GRID_STORAGE_SCHEDULES.name());
        List<TopicPartition> setpoints = TopicPositions.partitions(c, Topics.GRID_SETPOINTS.name());
        List<TopicPartition> all = new ArrayList<>(live);
        all.addAll(schedules);
        all.addAll(setpoints);
        c.assign(all);
        TopicPositions.seekSince(c, schedules, Instant.now().minus(config.inputs().scheduleLookback()));
        TopicPositions.seekSince(c, setpoints, Instant.now().minus(config.holds().lookback()));
        TopicPositions.seekToEndNow(c, live);
    }

    /** Files one record; true when it was a new frequency reading. */
    private boolean handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return false;
        }
        if (record.topic().equals(Topics.GRID_STORAGE_SCHEDULES.name())) {
            Setpoint schedule = decode(Topics.GRID_STORAGE_SCHEDULES, record);
            if (schedule != null) {
                controller.acceptSchedule(schedule).ifPresentOrElse(
                        why -> LOG.warnf("schedule ignored asset=%s target=%.3f reason=%s", schedule.asset(),
                                schedule.target(), why),
                        () -> LOG.infof("schedule asset=%s target=%.3f validFrom=%s validUntil=%s", schedule.asset(),
                                schedule.target(), schedule.validFrom(), schedule.validUntil()));
            }
            return false;
        }
        if (record.topic().equals(Topics.GRID_SETPOINTS.name())) {
            hold(record);
            return false;
        }
        // The live-state topic carries the whole grid, keyed by asset: only the fleet's and the frequency's records
        // are decoded.
        if (!ours(record.key())) {
            return false;
        }
        Measurement m = decode(liveTopic, record);
        if (m == null) {
            return false;
        }
        boolean ours = m.asset().equals(frequencyAsset) && m.kind() == MeasurementKind.FREQUENCY
                || fleetAssets.contains(m.asset());
        if (ours && m.isGood()) {
            telemetryClock.accumulateAndGet(m.eventTime(), (a, b) -> a == null || b.isAfter(a) ? b : a);
        }
        return ours && controller.accept(m);
    }

    /** A record of {@code grid.setpoints}: the whole grid's, its own included; only the fleet's manual holds are filed. */
    private void hold(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() != null) {
            try {
                if (!fleetAssets.contains(setpointKeys.deserialize(record.topic(), record.key()))) {
                    return;
                }
            } catch (RuntimeException e) {
                // let the value decide
            }
        }
        Setpoint s = decode(Topics.GRID_SETPOINTS, record);
        if (s != null && controller.acceptHold(s)) {
            LOG.infof("manual hold filed asset=%s target=%.3f origin=%s validFrom=%s validUntil=%s setpoint=%s issuedBy=%s",
                    s.asset(), s.target(), s.origin(), s.validFrom(), s.validUntil(), s.id(), s.issuedBy());
        }
    }

    /** Whether a record's key is one of the fleet's assets or the frequency's; a record without a readable key is. */
    private boolean ours(byte[] key) {
        if (key == null) {
            return true;
        }
        try {
            AssetId asset = keys.deserialize(liveTopic.name(), key);
            return asset == null || asset.equals(frequencyAsset) || fleetAssets.contains(asset);
        } catch (RuntimeException e) {
            return true; // let the value decide, and say why if it cannot
        }
    }

    private <V> V decode(Topic<?, V> topic, ConsumerRecord<byte[], byte[]> record) {
        try {
            return topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        } catch (RuntimeException e) {
            LOG.warnf("undecodable record skipped topic=%s partition=%d offset=%d reason=%s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    /**
     * {@link #step} in a span continuing the trace of the frequency reading that prompted it, when that reading's
     * record carried one; otherwise without (a periodic check, or an untraced reading).
     */
    private void tracedStep(Instant now) {
        if (!Span.fromContext(trigger).getSpanContext().isValid()) {
            step(now);
            return;
        }
        Span span = tracer.spanBuilder(DECIDE_SPAN).setParent(trigger).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("gridai.storage.frequency_asset", frequencyAsset.value()).startSpan();
        try (Scope scope = span.makeCurrent()) {
            step(now);
        } finally {
            span.end();
        }
    }

    /** Decides now and sends what came of it. Runs on the consumer thread only. */
    void step(Instant now) {
        FleetController.Step step = controller.step(now);
        for (AlertChange change : step.alerts()) {
            alert(change);
        }
        for (Decision d : step.decisions()) {
            Mode before = modes.put(d.asset(), d.mode());
            if (before != d.mode()) {
                LOG.infof("mode asset=%s mode=%s previous=%s target=%.3f schedule=%.3f response=%.3f binding=%s",
                        d.asset(), d.mode(), before, d.targetMw(), d.scheduleMw(), d.responseMw(), d.binding());
                if (d.mode() == Mode.HELD) {
                    LOG.warnf("manual hold asset=%s target=%.3f origin=%s setpoint=%s issuedBy=%s until=%s: the manager sends the"
                            + " unit nothing, neither schedule nor frequency response, until the hold ends; its frequency response"
                            + " is suspended (the operator's call) and its reserve is not counted", d.asset(), d.hold().targetMw(),
                            d.hold().origin(), d.hold().setpointId(), d.hold().issuedBy(), d.hold().until());
                } else if (before == Mode.HELD) {
                    LOG.infof("manual hold ended asset=%s: the manager sets the unit again mode=%s target=%.3f", d.asset(), d.mode(),
                            d.targetMw());
                }
            }
            if (d.binding().contains(SafetyEnvelope.Limit.RAMP_OVERRIDDEN)) {
                LOG.warnf("ramp limit overridden by a hard limit asset=%s target=%.3f upper=%.3f lower=%.3f",
                        d.asset(), d.targetMw(), d.upperMw(), d.lowerMw());
            }
        }
        for (Setpoint decided : step.setpoints()) {
            Setpoint s = guard.mark(decided);
            if (guard.check(Topics.GRID_SETPOINTS, s).isPresent()) {
                continue; // a sandboxed manager: refused, counted and logged by the guard; nothing reaches the grid
            }
            Mode mode = modes.get(s.asset());
            send(Topics.GRID_SETPOINTS, s.asset(), s, () -> published.computeIfAbsent(mode.name(),
                    m -> Counter.builder("gridai.storage.setpoints.published").tag("mode", m)
                            .description("storage setpoints Kafka acknowledged").register(metrics)).increment());
        }
    }

    private void alert(AlertChange change) {
        String message = change.raised()
                ? String.format("no state of charge from %s for %.0f s (limit %.0f s): brought to zero and held until"
                        + " telemetry returns; check the unit's telemetry link", change.asset(), change.ageSeconds(),
                        change.limitSeconds())
                : String.format("state of charge from %s again; the unit is back under control", change.asset());
        Alert alert = new Alert(AlertId.random(), change.asset(), AlertType.STALE_TELEMETRY,
                change.raised() ? Severity.CRITICAL : Severity.INFO, change.raised() ? AlertState.RAISED : AlertState.CLEARED,
                MeasurementKind.STATE_OF_CHARGE, change.ageSeconds(), change.limitSeconds(), change.time(), message);
        if (change.raised()) {
            LOG.warnf("stale telemetry alert raised asset=%s ageS=%.1f limitS=%.1f: safe setpoint (zero)",
                    change.asset(), change.ageSeconds(), change.limitSeconds());
        } else {
            LOG.infof("stale telemetry alert cleared asset=%s", change.asset());
        }
        send(Topics.GRID_ALERTS, change.asset(), alert, () -> { });
    }

    /**
     * Sends one record in a {@code PRODUCER} span, child of the current one (a decision's) when there is one; the span's
     * context goes into the record's headers and the span ends with Kafka's answer.
     */
    private <V> void send(Topic<AssetId, V> topic, AssetId key, V value, Runnable onAck) {
        Span span = tracer.spanBuilder(topic.name() + " publish").setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", topic.name())
                .setAttribute("gridai.asset", key.value())
                .startSpan();
        if (value instanceof Setpoint s) {
            span.setAttribute("gridai.setpoint.id", s.id().value())
                    .setAttribute("gridai.setpoint.target", s.target())
                    .setAttribute("gridai.setpoint.origin", s.origin().name());
        }
        try {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(),
                    topic.keySerde().serializer().serialize(topic.name(), key),
                    topic.valueSerde().serializer().serialize(topic.name(), value));
            propagator.inject(Context.current().with(span), record.headers(), HEADER_SETTER);
            producer.send(record, (meta, error) -> {
                if (error == null) {
                    onAck.run();
                } else {
                    failed.increment();
                    span.setStatus(StatusCode.ERROR, error.getMessage());
                    LOG.errorf("not published topic=%s asset=%s reason=%s; the unit's previous setpoint runs"
                            + " out at its validity end", topic.name(), key, error.getMessage());
                }
                span.end();
            });
        } catch (KafkaException e) {
            failed.increment();
            span.setStatus(StatusCode.ERROR, e.getMessage());
            span.end();
            LOG.errorf("not published topic=%s asset=%s reason=%s", topic.name(), key, e.getMessage());
        }
    }

    private Properties consumerProperties() {
        return KafkaClientProperties.assigningConsumer(kafka, "gridai-storage-inputs");
    }

    private Properties producerProperties() {
        Properties p = KafkaClientProperties.durableProducer(kafka, "gridai-storage-manager");
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
        LOG.info("storage manager stopped");
    }
}
