package io.gridai.flink.clean;

import io.gridai.flink.config.CleaningSettings;
import io.gridai.flink.io.EdgeTypeInformation;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import java.time.Instant;
import java.util.EnumSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Cleans one asset's readings (keyed by asset id), in this order:
 * <ol>
 * <li><b>late</b>: a reading more than {@code allowed-lateness} behind the watermark goes, flagged LATE, to the
 * {@link #LATE} side output ({@code telemetry.late}) and nowhere else;</li>
 * <li><b>duplicates</b>: a measurement id seen before is dropped. The ids live in keyed map state (id → event time)
 * and are forgotten once the watermark is {@code allowed-lateness} past their event time (or {@code dedup.ttl}, if
 * that is shorter): from then on a reading of that time is LATE before its id is even looked at, so remembering it
 * longer changes no output. A per-asset event-time timer sweeps the map; an asset's map thus holds about twice the
 * allowed lateness of readings rather than {@code dedup.ttl} of processing time, which kept every checkpoint
 * copying and writing millions of ids. (Flink's state TTL would sweep a whole map on every access, 25× slower.)</li>
 * <li><b>impossible values</b> ({@link io.gridai.flink.config.PhysicalRanges}) are flagged OUT_OF_RANGE: they stay
 * in {@code telemetry.clean} so nothing vanishes silently, but aggregates, alerts and live state drop them;</li>
 * <li><b>gaps</b>: a reading whose previous reading of the same kind is older than {@code gap.threshold} is
 * flagged GAP;</li>
 * <li><b>stuck sensors</b>: a reading that repeats its kind's value for the {@code stuck.readings}-th time in a
 * row or more, while another quantity of the asset changed meanwhile, is flagged STUCK. (A flat value on an asset
 * where nothing moves is not evidence of a stuck sensor.)</li>
 * </ol>
 * Gap and stuck tracking follow event time per kind; a reading older than the last one of its kind (out of order)
 * is passed on without updating the track. Tracking state expires with {@code state.ttl}.
 */
public final class CleaningFunction extends KeyedProcessFunction<String, Measurement, Measurement> {

    private static final long serialVersionUID = 1L;

    /** Readings later than the allowed lateness. */
    public static final OutputTag<Measurement> LATE = new OutputTag<>("late", EdgeTypeInformation.of(Measurement.class));

    private final CleaningSettings settings;
    private transient MapState<String, Long> seenIds;
    private transient ValueState<Long> nextSweep;
    private transient MapState<String, SensorTrack> tracks;
    private transient ValueState<Long> assetChanges;
    private transient Counter late;
    private transient Counter duplicates;
    private transient Counter outOfRange;
    private transient Counter stuck;
    private transient Counter gaps;

    public CleaningFunction(CleaningSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        seenIds = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-ids", Types.STRING, Types.LONG));
        nextSweep = getRuntimeContext().getState(new ValueStateDescriptor<>("next-id-sweep", Types.LONG));
        MapStateDescriptor<String, SensorTrack> trackDescriptor =
                new MapStateDescriptor<>("sensor-tracks", Types.STRING, Types.POJO(SensorTrack.class));
        trackDescriptor.enableTimeToLive(ttl(settings.stateTtl()));
        tracks = getRuntimeContext().getMapState(trackDescriptor);
        ValueStateDescriptor<Long> changes = new ValueStateDescriptor<>("asset-changes", Types.LONG);
        changes.enableTimeToLive(ttl(settings.stateTtl()));
        assetChanges = getRuntimeContext().getState(changes);
        var metrics = getRuntimeContext().getMetricGroup();
        late = metrics.counter("lateReadings");
        duplicates = metrics.counter("duplicateReadings");
        outOfRange = metrics.counter("outOfRangeReadings");
        stuck = metrics.counter("stuckReadings");
        gaps = metrics.counter("gapReadings");
    }

    /**
     * Expired tracking state is never returned; on the heap backend each state access also checks one other entry
     * for expiry (Flink's default checks five, a twentieth of the cleaning's CPU in the benchmark, while one per
     * access still visits every asset's state far more often than {@code state.ttl}).
     */
    private static StateTtlConfig ttl(java.time.Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(1, false)
                .build();
    }

    @Override
    public void processElement(Measurement m, Context ctx, Collector<Measurement> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long eventMillis = m.eventTime().toEpochMilli();
        if (watermark != Long.MIN_VALUE && eventMillis + settings.allowedLateness().toMillis() < watermark) {
            late.inc();
            ctx.output(LATE, m.withFlag(QualityFlag.LATE));
            return;
        }
        String id = m.id().value();
        if (seenIds.contains(id)) {
            duplicates.inc();
            return;
        }
        seenIds.put(id, eventMillis);
        if (nextSweep.value() == null) {
            long at = eventMillis + forgetAfterMillis() + sweepSlackMillis();
            ctx.timerService().registerEventTimeTimer(at);
            nextSweep.update(at);
        }

        if (!settings.ranges().isPossible(m.kind(), m.value())) {
            outOfRange.inc();
            out.collect(m.withFlag(QualityFlag.OUT_OF_RANGE));
            return;
        }
        EnumSet<QualityFlag> flags = m.quality().isEmpty() ? EnumSet.noneOf(QualityFlag.class) : EnumSet.copyOf(m.quality());
        track(m, flags);
        out.collect(flags.equals(m.quality()) ? m : m.withQuality(flags));
    }

    /**
     * Forgets the ids whose event time the watermark has passed by more than {@link #forgetAfterMillis()}; sweeps
     * again a little after the oldest remaining one expires. (A processing-time timer is left by a savepoint of the
     * version that swept by processing time: it sweeps the same way and hands over to an event-time timer.)
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Measurement> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long expired = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - forgetAfterMillis();
        var entries = seenIds.iterator();
        long oldest = Long.MAX_VALUE;
        while (entries.hasNext()) {
            long eventMillis = entries.next().getValue();
            if (eventMillis < expired) {
                entries.remove();
            } else {
                oldest = Math.min(oldest, eventMillis);
            }
        }
        if (oldest != Long.MAX_VALUE) {
            long at = Math.max(oldest + forgetAfterMillis(), watermark) + sweepSlackMillis();
            ctx.timerService().registerEventTimeTimer(at);
            nextSweep.update(at);
        } else {
            seenIds.clear(); // removing through the iterator leaves an empty map behind on the heap backend
            nextSweep.clear();
        }
    }

    /** How far behind the watermark an id's event time may fall before it is forgotten. */
    private long forgetAfterMillis() {
        return Math.min(settings.allowedLateness().toMillis(), settings.dedupTtl().toMillis());
    }

    /** Sweeps are this much event time apart at most, so one sweep clears a batch of ids. */
    private long sweepSlackMillis() {
        return Math.max(forgetAfterMillis(), 1_000);
    }

    private void track(Measurement m, EnumSet<QualityFlag> flags) throws Exception {
        String kind = m.kind().name();
        long eventNanos = nanos(m.eventTime());
        SensorTrack track = tracks.get(kind);
        Long knownChanges = assetChanges.value();
        long changes = knownChanges == null ? 0 : knownChanges;
        if (track == null) {
            track = new SensorTrack();
            track.lastValue = m.value();
            track.lastEventNanos = eventNanos;
            track.repeats = 1;
            track.assetChangesAtRunStart = changes;
            tracks.put(kind, track);
            return;
        }
        if (eventNanos <= track.lastEventNanos) {
            return; // out of order: judged against readings it does not follow
        }
        if (eventNanos - track.lastEventNanos > settings.gapThreshold().toNanos()) {
            flags.add(QualityFlag.GAP);
            gaps.inc();
        }
        if (m.value() == track.lastValue) {
            track.repeats++;
            if (track.repeats >= settings.stuckReadings() && changes > track.assetChangesAtRunStart) {
                flags.add(QualityFlag.STUCK);
                stuck.inc();
            }
        } else {
            changes++;
            assetChanges.update(changes);
            track.repeats = 1;
            track.assetChangesAtRunStart = changes;
        }
        track.lastValue = m.value();
        track.lastEventNanos = eventNanos;
        tracks.put(kind, track);
    }

    static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }
}
