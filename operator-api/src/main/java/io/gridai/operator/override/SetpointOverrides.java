package io.gridai.operator.override;

import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.SetpointEnvelope;
import io.gridai.service.runtime.AuditTrail;
import io.gridai.operator.clock.GridClock;
import io.gridai.operator.live.GridCase;
import io.gridai.operator.live.LiveValues;
import io.gridai.operator.service.OperatorApp;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * An operator's manual setpoint: checked by the same safety envelope as the dispatch optimiser's setpoints
 * (grid-network's {@link SetpointEnvelope}) against the grid case and the live state's measurements, then recorded in
 * the service's audit chain and only then published to {@code grid.setpoints} (origin OPERATOR), waiting for Kafka's
 * acknowledgement. Serialised, so that the audit chain and the topic see overrides in the same order.
 */
@ApplicationScoped
public class SetpointOverrides {

    /** The audit action of an override; its subject is the asset. */
    public static final String ACTION = "setpoint.override";
    /** The audit action recorded when an audited override could not be published. */
    public static final String ACTION_FAILED = "setpoint.override.unpublished";
    /** The audit action of an attempt the envelope refused (nothing published). */
    public static final String ACTION_REFUSED = "setpoint.override.refused";

    private static final Logger LOG = Logger.getLogger(SetpointOverrides.class);

    private final OverrideConfig config;
    private final GridCase grid;
    private final LiveValues live;
    private final OperatorApp app;
    private final MeterRegistry metrics;
    private final GridClock clock;

    public SetpointOverrides(OverrideConfig config, GridCase grid, LiveValues live, OperatorApp app, MeterRegistry metrics,
            GridClock clock) {
        this.clock = clock;
        this.config = config;
        this.grid = grid;
        this.live = live;
        this.app = app;
        this.metrics = metrics;
    }

    public OverrideConfig config() {
        return config;
    }

    /** What an operator asked for (already checked for form: ACTIVE_POWER, a positive validity within the maximum). */
    public record Request(AssetId asset, MeasurementKind kind, double target, Duration validFor, String reason) {
    }

    /** An accepted override: the setpoint published and the audit event that records it. */
    public record Accepted(Setpoint setpoint, AuditEvent audit, String auditChain, SetpointEnvelope.Kind checkedAs) {
    }

    /** The outcome: accepted, refused by the envelope with its reason, or refused by the setpoint guard. */
    public sealed interface Outcome permits Done, Refused, Guarded {
    }

    /** Refused by the setpoint guard: this service runs in a sandbox ({@code gridai.sandbox}); nothing audited or sent. */
    public record Guarded(String reason) implements Outcome {
    }

    public record Done(Accepted accepted) implements Outcome {
    }

    public record Refused(String reason, SetpointEnvelope.Kind checkedAs) implements Outcome {
    }

    /** The grid case is not configured (the reason names the key). */
    public static final class NoGridException extends RuntimeException {
        public NoGridException(String message) {
            super(message, null, false, false);
        }
    }

    /** The setpoint was audited but Kafka did not take it; a second audit event says so. */
    public static final class NotPublishedException extends RuntimeException {
        public NotPublishedException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /**
     * Checks and, when the envelope allows it, audits and publishes an override by {@code actor}.
     *
     * @throws NoGridException                            when no grid case is configured
     * @throws GridClock.GridTimeUnknownException          on the telemetry clock before the first measurement
     * @throws io.gridai.operator.live.LiveStateUnavailableException when the live state cannot be read
     * @throws AuditTrail.AuditException                  when the audit event could not be written (nothing published)
     * @throws NotPublishedException                      when the audit event was written but the setpoint not
     */
    public synchronized Outcome override(Request request, String actor) {
        GridCase.Loaded g = grid.get().orElseThrow(() -> new NoGridException(GridCase.notConfigured()));
        String asset = request.asset().value();
        Instant now = clock.nowOrThrow(); // the grid's time: the twin's, the optimiser's and the storage manager's
        SetpointEnvelope.Kind kind = g.battery(asset).isPresent() ? SetpointEnvelope.Kind.BATTERY
                // as the dispatch optimiser: a unit whose availability is measured is a renewable
                : live.latest(request.asset(), MeasurementKind.AVAILABLE_POWER).isPresent()
                        ? SetpointEnvelope.Kind.RENEWABLE : SetpointEnvelope.Kind.GENERATOR;
        SetpointEnvelope envelope = new SetpointEnvelope(g.envelopeGrid(), this::freshActivePower, config.toleranceMw(),
                "gridai.operator.grid.batteries", "gridai.operator.overrides.max-state-age");
        Duration within = request.validFor().compareTo(config.reachWithin()) < 0 ? request.validFor() : config.reachWithin();
        Optional<String> refusal = envelope.check(asset, kind, request.target(), now, within);
        if (refusal.isPresent()) {
            metrics.counter("gridai.operator.setpoints.overrides", "outcome", "refused").increment();
            LOG.infof("setpoint override refused asset=%s target=%s by=%s checkedAs=%s reason=%s", asset,
                    request.target(), actor, kind, refusal.get());
            recordRefused(actor, request, kind, refusal.get());
            return new Refused(refusal.get(), kind);
        }
        Setpoint setpoint = app.guard().mark(new Setpoint(SetpointId.random(), request.asset(), request.kind(), request.target(),
                now, now.plus(request.validFor()), SetpointOrigin.OPERATOR, Optional.empty(), actor, now));
        Optional<String> guarded = app.guard().check(Topics.GRID_SETPOINTS, setpoint);
        if (guarded.isPresent()) {
            // replays can never actuate: an operator API in a sandbox sends nothing to the real grid
            metrics.counter("gridai.operator.setpoints.overrides", "outcome", "refused").increment();
            return new Guarded(guarded.get());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("setpoint", setpoint.id().value());
        details.put("kind", setpoint.kind().name());
        details.put("target", Double.toString(setpoint.target()));
        details.put("unit", setpoint.unit().symbol());
        details.put("validFrom", setpoint.validFrom().toString());
        details.put("validUntil", setpoint.validUntil().toString());
        details.put("checkedAs", kind.name());
        details.put("reason", request.reason());
        AuditEvent event = app.audit().append(ActorType.OPERATOR, actor, ACTION, asset, details);
        try {
            publish(setpoint);
        } catch (RuntimeException e) {
            metrics.counter("gridai.operator.setpoints.overrides", "outcome", "unpublished").increment();
            LOG.errorf("setpoint override audited but not published asset=%s setpoint=%s auditSequence=%d: %s", asset,
                    setpoint.id(), event.sequence(), e.getMessage());
            recordUnpublished(actor, asset, setpoint, event, e);
            throw new NotPublishedException("the override was recorded in the audit chain (sequence " + event.sequence()
                    + ") but Kafka did not take the setpoint: " + e.getMessage() + "; it is not in force, send it again",
                    e);
        }
        metrics.counter("gridai.operator.setpoints.overrides", "outcome", "published").increment();
        LOG.infof("setpoint override published asset=%s setpoint=%s target=%s validUntil=%s by=%s checkedAs=%s"
                + " auditSequence=%d", asset, setpoint.id(), setpoint.target(), setpoint.validUntil(), actor, kind,
                event.sequence());
        return new Done(new Accepted(setpoint, event, app.auditChain(), kind));
    }

    private Optional<SetpointEnvelope.Reading> freshActivePower(String asset, Instant now) {
        Duration age = config.maxStateAge();
        return live.latest(AssetId.of(asset), MeasurementKind.ACTIVE_POWER)
                .filter(m -> !m.eventTime().isAfter(now.plus(age)) && !m.eventTime().isBefore(now.minus(age)))
                .map((Measurement m) -> new SetpointEnvelope.Reading(m.value(), m.eventTime()));
    }

    private void publish(Setpoint setpoint) {
        Topic<AssetId, Setpoint> topic = Topics.GRID_SETPOINTS;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), setpoint.asset()),
                topic.valueSerde().serializer().serialize(topic.name(), setpoint));
        try {
            app.producer().send(record).get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement within " + config.publishTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Records a refused attempt in the audit chain too: who tried to move which asset where, and what the envelope
     * said. Nothing took effect, so a failure to record it does not change the answer (it is logged).
     */
    private void recordRefused(String actor, Request request, SetpointEnvelope.Kind kind, String refusal) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("kind", request.kind().name());
        details.put("target", Double.toString(request.target()));
        details.put("validFor", request.validFor().toString());
        details.put("checkedAs", kind.name());
        details.put("refusal", refusal);
        details.put("reason", request.reason());
        try {
            app.audit().append(ActorType.OPERATOR, actor, ACTION_REFUSED, request.asset().value(), details);
        } catch (AuditTrail.AuditException e) {
            LOG.warnf("the refused override of asset=%s by=%s could not be recorded in the audit chain: %s",
                    request.asset(), actor, e.getMessage());
        }
    }

    private void recordUnpublished(String actor, String asset, Setpoint setpoint, AuditEvent event, RuntimeException why) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("setpoint", setpoint.id().value());
        details.put("overrideSequence", Long.toString(event.sequence()));
        details.put("error", String.valueOf(why.getMessage()));
        try {
            app.audit().append(ActorType.OPERATOR, actor, ACTION_FAILED, asset, details);
        } catch (AuditTrail.AuditException e) {
            LOG.errorf("the unpublished override of asset=%s (auditSequence=%d) could not be recorded either: %s", asset,
                    event.sequence(), e.getMessage());
        }
    }
}
