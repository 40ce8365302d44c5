package io.gridai.operator.stream;

import io.gridai.model.Alert;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.Setpoint;
import io.gridai.model.ZoneLoad;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.operator.alerts.AlertView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The topics a client can stream, by the name in the path ({@code /api/v1/streams/{name}}), which is also the SSE
 * {@code event:} of their events. Each says how a record is shown: plain ids, units named, instants as ISO-8601.
 */
public enum StreamKind {
    ALERTS("alerts", Topics.GRID_ALERTS),
    SETPOINTS("setpoints", Topics.GRID_SETPOINTS),
    FORECASTS("forecasts", Topics.GRID_FORECASTS),
    ZONE_LOAD("zone-load", Topics.GRID_ZONE_LOAD),
    TELEMETRY("telemetry", Topics.TELEMETRY_CLEAN);

    private final String streamName;
    private final Topic<?, ?> topic;

    StreamKind(String streamName, Topic<?, ?> topic) {
        this.streamName = streamName;
        this.topic = topic;
    }

    /** The name in the path and the SSE event name. */
    public String streamName() {
        return streamName;
    }

    public Topic<?, ?> topic() {
        return topic;
    }

    /** The stream of this name. */
    public static Optional<StreamKind> of(String name) {
        for (StreamKind k : values()) {
            if (k.streamName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The names, for messages. */
    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(StreamKind::streamName).toList();
    }

    /** A setpoint as streamed. */
    public record SetpointView(String id, String asset, String kind, String unit, double target, Instant validFrom,
            Instant validUntil, String origin, String proposal, String issuedBy, Instant issuedAt) {
        public static SetpointView of(Setpoint s) {
            return new SetpointView(s.id().value(), s.asset().value(), s.kind().name(), s.unit().symbol(), s.target(),
                    s.validFrom(), s.validUntil(), s.origin().name(), s.proposal().map(p -> p.value()).orElse(null),
                    s.issuedBy(), s.issuedAt());
        }
    }

    /** One step of a forecast as streamed: its quantile values in the order of the forecast's levels. */
    public record StepView(int index, Instant validTime, List<Double> values) {
    }

    /** A forecast as streamed ({@code step} as an ISO-8601 duration). */
    public record ForecastView(String zone, String kind, String unit, Instant issueTime, String step,
            List<Double> quantileLevels, List<StepView> steps, String modelVersion, Instant madeAt) {
        public static ForecastView of(Forecast f) {
            return new ForecastView(f.zone().value(), f.kind().name(), f.unit().symbol(), f.issueTime(),
                    f.step().toString(), f.quantileLevels(),
                    f.steps().stream().map(s -> new StepView(s.index(), s.validTime(), s.values())).toList(),
                    f.modelVersion(), f.madeAt());
        }
    }

    /** A zone's load in one window as streamed ({@code window} as an ISO-8601 duration). */
    public record ZoneLoadView(String zone, Instant windowStart, String window, Instant windowEnd, double activePowerMw,
            int assets, long readings) {
        public static ZoneLoadView of(ZoneLoad z) {
            return new ZoneLoadView(z.zone().value(), z.windowStart(), z.window().toString(), z.windowEnd(),
                    z.activePowerMw(), z.assets(), z.readings());
        }
    }

    /** A measurement as streamed. */
    public record MeasurementView(String id, String source, String asset, String kind, String unit, double value,
            List<String> quality, Instant eventTime, Instant ingestTime) {
        static MeasurementView of(Measurement m) {
            return new MeasurementView(m.id().value(), m.source().value(), m.asset().value(), m.kind().name(),
                    m.unit().symbol(), m.value(), m.quality().stream().map(QualityFlag::name).toList(), m.eventTime(),
                    m.ingestTime());
        }
    }

    /** The record as the stream shows it, and the asset or zone it concerns (what {@code ?asset=} filters on). */
    public record Shown(Object view, String subject) {
    }

    /** How a decoded record of this kind's topic is shown; alerts as the alerts endpoint shows them. */
    Shown show(Object record, java.util.function.Function<Alert, AlertView> alertView) {
        return switch (this) {
            case ALERTS -> {
                Alert a = (Alert) record;
                yield new Shown(alertView.apply(a), a.asset().value());
            }
            case SETPOINTS -> {
                Setpoint s = (Setpoint) record;
                yield new Shown(SetpointView.of(s), s.asset().value());
            }
            case FORECASTS -> {
                Forecast f = (Forecast) record;
                yield new Shown(ForecastView.of(f), f.zone().value());
            }
            case ZONE_LOAD -> {
                ZoneLoad z = (ZoneLoad) record;
                yield new Shown(ZoneLoadView.of(z), z.zone().value());
            }
            case TELEMETRY -> {
                Measurement m = (Measurement) record;
                yield new Shown(MeasurementView.of(m), m.asset().value());
            }
        };
    }
}
