package io.gridai.flink.io;

import io.gridai.flink.trace.JobTracing;
import io.gridai.flink.trace.TracedMeasurement;
import io.gridai.model.Measurement;
import io.gridai.model.wire.WireFormat;
import io.gridai.model.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads measurements with the W3C trace context of their record ({@code traceparent}, {@code tracestate} headers, as
 * ingestion writes them), when this JVM traces ({@link JobTracing#enabled()}) and the sender sampled the trace;
 * otherwise the headers are not read or not kept.
 * Undecodable values and tombstones are skipped as {@link WireRecordDeserializer} does.
 */
public final class TracedMeasurementDeserializer implements KafkaRecordDeserializationSchema<TracedMeasurement> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TracedMeasurementDeserializer.class);

    private transient WireFormat<Measurement> format;
    private transient boolean tracing;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<TracedMeasurement> out) {
        if (record.value() == null) {
            return;
        }
        if (format == null) {
            format = WireFormat.of(Measurement.class);
            tracing = JobTracing.enabled();
        }
        Measurement measurement;
        try {
            measurement = format.decode(record.value());
        } catch (WireFormatException e) {
            LOG.warn("skipped an undecodable record: topic={} partition={} offset={} reason={}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return;
        }
        String traceparent = tracing ? header(record, "traceparent") : null;
        out.collect(sampled(traceparent) ? new TracedMeasurement(measurement, traceparent, header(record, "tracestate"))
                : TracedMeasurement.untraced(measurement));
    }

    /**
     * Whether a W3C {@code traceparent} ({@code version-traceid-spanid-flags}) has its sampled flag: a trace its sender
     * did not sample is not continued here either, so unsampled readings cost nothing more than untraced ones.
     */
    static boolean sampled(String traceparent) {
        if (traceparent == null || traceparent.length() < 55) {
            return false;
        }
        int flags = Character.digit(traceparent.charAt(traceparent.length() - 1), 16);
        return flags >= 0 && (flags & 1) == 1;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public TypeInformation<TracedMeasurement> getProducedType() {
        return EdgeTypeInformation.of(TracedMeasurement.class);
    }
}
