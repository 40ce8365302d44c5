package io.gridai.flink.trace;

import io.gridai.model.Measurement;
import java.util.Objects;

/**
 * A measurement with the W3C trace context its Kafka record carried ({@code traceparent}, and {@code tracestate} when
 * present), on the edge from the raw source to cleaning only: the context crosses the shuffle by asset with its
 * measurement, and {@link ContinueTrace} makes it current for the chained operators after it.
 *
 * @param measurement the measurement
 * @param traceparent the record's {@code traceparent} header, or null when it had none or tracing is off
 * @param tracestate  the record's {@code tracestate} header, or null
 */
public record TracedMeasurement(Measurement measurement, String traceparent, String tracestate) {

    public TracedMeasurement {
        Objects.requireNonNull(measurement, "measurement");
    }

    /** A measurement without trace context. */
    public static TracedMeasurement untraced(Measurement measurement) {
        return new TracedMeasurement(measurement, null, null);
    }
}
