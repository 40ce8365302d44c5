package io.gridai.flink.alert;

import io.gridai.flink.config.AlertLimits;
import io.gridai.flink.config.CleaningSettings;
import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.AlertId;
import io.gridai.model.unit.MeasurementKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.Collector;

/**
 * Watches voltage (VOLTAGE_PU), branch loading and frequency of one asset (keyed by asset id) against
 * {@link AlertLimits}. Per asset and kind it remembers whether an alert is raised, so an excursion gives exactly
 * one RAISED alert when the value leaves the band and one CLEARED when it is back inside by more than the
 * hysteresis. Readings are judged as they arrive (no waiting for the watermark, so alerts are fast); one older
 * than the last judged reading of its kind is ignored, and OUT_OF_RANGE readings never raise anything.
 *
 * <p>Alert ids are name-based UUIDs of asset, kind, type, state and event time, so a replay after a restore
 * produces the same ids and consumers can drop what they have already seen.
 */
public final class LimitWatcher extends KeyedProcessFunction<String, Measurement, Alert> {

    private static final long serialVersionUID = 1L;

    private final AlertLimits limits;
    private final Duration stateTtl;
    private transient MapState<String, WatchState> watches;
    private transient Map<MeasurementKind, LimitRule> rules;
    private transient Histogram eventToAlert;
    private transient Histogram ingestToAlert;

    public LimitWatcher(AlertLimits limits, CleaningSettings cleaning) {
        this.limits = limits;
        this.stateTtl = cleaning.stateTtl();
    }

    @Override
    public void open(OpenContext context) {
        MapStateDescriptor<String, WatchState> descriptor =
                new MapStateDescriptor<>("limit-watches", Types.STRING, Types.POJO(WatchState.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).cleanupIncrementally(1, false).build());
        rules = new EnumMap<>(MeasurementKind.class);
        for (MeasurementKind kind : MeasurementKind.values()) {
            LimitRule.of(kind, limits).ifPresent(rule -> rules.put(kind, rule));
        }
        watches = getRuntimeContext().getMapState(descriptor);
        // Milliseconds from the reading's event time (the device's clock) and from its ingestion to the alert being
        // emitted here; the Kafka sink's transaction commit (the checkpoint interval) comes on top.
        var metrics = getRuntimeContext().getMetricGroup();
        eventToAlert = metrics.histogram("eventToAlertMillis", new DescriptiveStatisticsHistogram(1024));
        ingestToAlert = metrics.histogram("ingestToAlertMillis", new DescriptiveStatisticsHistogram(1024));
    }

    @Override
    public void processElement(Measurement m, Context ctx, Collector<Alert> out) throws Exception {
        if (m.quality().contains(QualityFlag.OUT_OF_RANGE)) {
            return;
        }
        LimitRule rule = rules.get(m.kind());
        if (rule == null) {
            return;
        }
        String kind = m.kind().name();
        long eventNanos = m.eventTime().getEpochSecond() * 1_000_000_000L + m.eventTime().getNano();
        WatchState watch = watches.get(kind);
        if (watch == null) {
            watch = new WatchState();
        } else if (eventNanos <= watch.lastEventNanos) {
            return;
        }
        watch.lastEventNanos = eventNanos;
        if (watch.raised != null) {
            AlertType raised = AlertType.valueOf(watch.raised);
            if (rule.cleared(raised, m.value())) {
                emit(out, alert(m, rule, raised, AlertState.CLEARED), m);
                watch.raised = null;
            }
        }
        if (watch.raised == null) {
            AlertType violation = rule.violation(m.value());
            if (violation != null) {
                emit(out, alert(m, rule, violation, AlertState.RAISED), m);
                watch.raised = violation.name();
            }
        }
        watches.put(kind, watch);
    }

    private void emit(Collector<Alert> out, Alert alert, Measurement m) {
        long now = System.currentTimeMillis();
        eventToAlert.update(now - m.eventTime().toEpochMilli());
        ingestToAlert.update(now - m.ingestTime().toEpochMilli());
        out.collect(alert);
    }

    private static Alert alert(Measurement m, LimitRule rule, AlertType type, AlertState state) {
        String name = "alert|" + m.asset().value() + '|' + m.kind() + '|' + type + '|' + state + '|'
                + m.eventTime().getEpochSecond() + '|' + m.eventTime().getNano();
        AlertId id = AlertId.of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
        double limit = rule.limitOf(type);
        String unit = m.kind().unit().symbol();
        String message = state == AlertState.RAISED
                ? String.format(Locale.ROOT, "%s %s %.4g %s %s the limit %.4g %s", m.asset(), m.kind(), m.value(),
                        unit, type == rule.highType() ? "above" : "below", limit, unit)
                : String.format(Locale.ROOT, "%s %s back to %.4g %s, within the limit %.4g %s", m.asset(), m.kind(),
                        m.value(), unit, limit, unit);
        return new Alert(id, m.asset(), type, rule.severityOf(type, m.value()), state, m.kind(), m.value(), limit,
                m.eventTime(), message);
    }
}
