package io.gridai.flink;

import io.gridai.flink.io.GridTopics;
import io.gridai.flink.io.KafkaIo;
import io.gridai.model.Measurement;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The yardstick of the benchmark: {@code telemetry.raw} straight to {@code telemetry.clean}, same source, sink,
 * wire format, exactly-once delivery and parallelism as {@link GridStreamingJob}, nothing in between.
 */
public final class PassThroughJob {

    private final GridTopics topics;
    private final KafkaIo kafka;

    public PassThroughJob(GridTopics topics, KafkaIo kafka) {
        this.topics = topics;
        this.kafka = kafka;
    }

    public void addTo(StreamExecutionEnvironment env) {
        env.fromSource(kafka.measurements(topics.raw()), WatermarkStrategy.<Measurement>noWatermarks(), "telemetry-raw")
                .uid("raw-source")
                .sinkTo(kafka.exactlyOnce(topics.clean(), m -> m.asset().value(), "pass-through"))
                .uid("clean-sink").name("telemetry-clean");
    }
}
