package io.gridai.flink.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * How raw telemetry is cleaned (keys in {@code gridai-flink.properties}, defaults in brackets).
 *
 * @param outOfOrderness  {@code watermark.out-of-orderness} [PT5S]: how far behind the newest event time a reading
 *                        may arrive and still be in order (bounded-out-of-orderness watermarks)
 * @param idleTimeout     {@code watermark.idle-timeout} [PT10S]: a Kafka partition silent this long stops holding
 *                        the watermark back (wall time)
 * @param allowedLateness {@code allowed-lateness} [PT30S]: a reading behind the watermark by at most this much
 *                        still counts (windows re-fire with it); later readings go to {@code telemetry.late}
 * @param dedupTtl        {@code dedup.ttl} [PT10M]: how long a measurement id is remembered to drop duplicates,
 *                        counted from its event time behind the watermark and never longer than
 *                        {@code allowed-lateness} (a reading that far behind is LATE whatever its id)
 * @param stuckReadings   {@code stuck.readings} [10]: a reading is STUCK when it repeats the same value this many
 *                        times in a row while another quantity of the same asset changed meanwhile
 * @param gapThreshold    {@code gap.threshold} [PT5S]: a reading is flagged GAP when the previous reading of the
 *                        same asset and kind is older than this (event time)
 * @param stateTtl        {@code state.ttl} [PT1H]: per-asset tracking state (stuck, gap, alerts) of an asset that
 *                        stops reporting is dropped after this long (processing time)
 * @param ranges          {@code range.<KIND>=min,max}: what is physically possible per kind ({@link PhysicalRanges})
 */
public record CleaningSettings(
        Duration outOfOrderness,
        Duration idleTimeout,
        Duration allowedLateness,
        Duration dedupTtl,
        int stuckReadings,
        Duration gapThreshold,
        Duration stateTtl,
        PhysicalRanges ranges) implements Serializable {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DEDUP_TTL = Duration.ofMinutes(10);
    public static final int DEFAULT_STUCK_READINGS = 10;
    public static final Duration DEFAULT_GAP_THRESHOLD = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATE_TTL = Duration.ofHours(1);

    static CleaningSettings read(PropertyReader p) {
        return new CleaningSettings(
                p.duration("watermark.out-of-orderness", DEFAULT_OUT_OF_ORDERNESS),
                p.positiveDuration("watermark.idle-timeout", DEFAULT_IDLE_TIMEOUT),
                p.duration("allowed-lateness", DEFAULT_ALLOWED_LATENESS),
                p.positiveDuration("dedup.ttl", DEFAULT_DEDUP_TTL),
                p.integer("stuck.readings", DEFAULT_STUCK_READINGS, 2),
                p.positiveDuration("gap.threshold", DEFAULT_GAP_THRESHOLD),
                p.positiveDuration("state.ttl", DEFAULT_STATE_TTL),
                PhysicalRanges.read(p));
    }
}
