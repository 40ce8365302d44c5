package io.gridai.operator.history;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Reading an asset's measurements from {@code telemetry.clean} ({@code GET /api/v1/assets/{asset}/history}). */
@ConfigMapping(prefix = "gridai.operator.history")
public interface HistoryConfig {

    /** Records answered when the request gives no {@code limit}. */
    @WithDefault("10000")
    int defaultLimit();

    /** The largest {@code limit} a request may ask for. */
    @WithDefault("100000")
    int maxLimit();

    /** The longest {@code to - from} (the topic keeps a week). */
    @WithDefault("P7D")
    Duration maxRange();

    /**
     * How far a record's Kafka timestamp (when it was written: wall time, see flink-jobs' WireRecordSerializer) may be
     * from its event time. The scan starts at the first record written at {@code from} minus this and stops at the
     * first written after {@code to} plus this; records whose event time is outside [from, to) are skipped.
     */
    @WithDefault("PT15M")
    Duration timestampSlack();

    /** How long one request's scan may take; past it the response is cut off (the JSON array left unterminated). */
    @WithDefault("PT60S")
    Duration timeout();

    /** History requests served at once; one more answers 503. */
    @WithDefault("4")
    int maxConcurrent();
}
