package io.gridai.flink.trace;

import io.gridai.model.Measurement;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Continues the trace a raw measurement arrived with. For a measurement whose record carried a {@code traceparent}, it
 * starts a {@code CONSUMER} span ({@code "telemetry.raw process"}, {@link #spanName}) as that context's child and
 * keeps it current while the measurement goes down the operators chained after this one — cleaning, limit watching, live state and the Kafka
 * sinks, which write the span's context into the headers of what they produce (so {@code telemetry.clean} and
 * {@code grid.alerts} records continue the trace). The span ends when the chain is done with the measurement, so its
 * duration is the job's work on it. Measurements without trace context pass through untouched.
 *
 * <p>Windowed results (aggregates, zone load) are emitted later, outside any measurement's span, and carry no context.
 */
public final class ContinueTrace extends KeyedProcessFunction<String, TracedMeasurement, Measurement> {


    private static final long serialVersionUID = 1L;
    private static final TextMapGetter<TracedMeasurement> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TracedMeasurement carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(TracedMeasurement carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return switch (key) {
                case "traceparent" -> carrier.traceparent();
                case "tracestate" -> carrier.tracestate();
                default -> null;
            };
        }
    };

    private final String jobName;
    private final String topic;
    private final String spanName;
    private transient Tracer tracer;
    private transient TextMapPropagator propagator;

    /**
     * @param jobName the job's name, recorded on the spans
     * @param topic   the raw topic the readings come from (the registry's, or a sandbox's)
     */
    public ContinueTrace(String jobName, String topic) {
        this.jobName = jobName;
        this.topic = topic;
        this.spanName = spanName(topic);
    }

    /** The span's name for readings of {@code topic}: {@code "<topic> process"}, as OpenTelemetry's messaging spans. */
    public static String spanName(String topic) {
        return topic + " process";
    }

    @Override
    public void open(OpenContext openContext) {
        tracer = JobTracing.tracer();
        propagator = JobTracing.openTelemetry().getPropagators().getTextMapPropagator();
    }

    @Override
    public void processElement(TracedMeasurement in, Context ctx, Collector<Measurement> out) {
        if (in.traceparent() == null) {
            out.collect(in.measurement());
            return;
        }
        Measurement m = in.measurement();
        Span span = tracer.spanBuilder(spanName)
                .setParent(propagator.extract(io.opentelemetry.context.Context.root(), in, HEADERS))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("gridai.job", jobName)
                .setAttribute("gridai.asset", m.asset().value())
                .setAttribute("gridai.measurement.kind", m.kind().name())
                .setAttribute("gridai.measurement.id", m.id().value())
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            out.collect(m);
        } finally {
            span.end();
        }
    }
}
