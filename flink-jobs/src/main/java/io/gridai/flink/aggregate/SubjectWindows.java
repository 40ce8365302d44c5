package io.gridai.flink.aggregate;

import io.gridai.model.Aggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Every tumbling event-time window of one subject (keyed by {@code SCOPE/subject/KIND}) in one operator: what
 * Flink's window operators did per window length ({@code TumblingEventTimeWindows} + {@code allowedLateness} +
 * an incremental {@link Stats} aggregate), with the same results and far fewer timers.
 *
 * <ul>
 * <li>a reading joins the window of each length that holds its timestamp, unless that window is later than the
 * allowed lateness (window end − 1 ms + lateness ≤ watermark), as Flink drops it;</li>
 * <li>a window fires when the watermark reaches its end − 1 ms ({@link Aggregate} of its {@link Stats}); a reading
 * that joins an already fired window fires it again at once with everything it holds (the later one wins);</li>
 * <li>windows are dropped once the watermark is the allowed lateness past their end − 1 ms. Flink registers such a
 * clean-up timer per window and length (half of the timers, and the timer queue grows with the lateness); here
 * clean-up timers sit on a coarse grid ({@link #cleanupGrid}), one sweep drops every expired window of the subject,
 * and the lateness rule above, not the sweep, decides what counts.</li>
 * </ul>
 * A fire timer is registered once per window (when its first reading arrives), not per reading.
 */
public final class SubjectWindows extends KeyedProcessFunction<String, SubjectReading, Aggregate> {

    private static final long serialVersionUID = 1L;

    private final long[] sizes;
    private final long lateness;
    private final long cleanupGrid;
    private transient MapState<Long, Stats>[] windows;

    public SubjectWindows(List<Duration> windowLengths, Duration allowedLateness) {
        this.sizes = windowLengths.stream().mapToLong(Duration::toMillis).toArray();
        this.lateness = allowedLateness.toMillis();
        long smallest = Long.MAX_VALUE;
        for (long size : sizes) {
            smallest = Math.min(smallest, size);
        }
        this.cleanupGrid = Math.max(Math.max(lateness, smallest), 1_000);
    }

    /** The state name of one window length's open windows (window start → stats). */
    static String stateName(long sizeMillis) {
        return "stats-" + Duration.ofMillis(sizeMillis);
    }

    @Override
    @SuppressWarnings("unchecked") // a generic array of one state per window length
    public void open(OpenContext context) {
        windows = new MapState[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            windows[i] = getRuntimeContext().getMapState(new MapStateDescriptor<>(stateName(sizes[i]), Types.LONG,
                    Types.POJO(Stats.class)));
        }
    }

    @Override
    public void processElement(SubjectReading r, Context ctx, Collector<Aggregate> out) throws Exception {
        long timestamp = ctx.timestamp();
        long watermark = ctx.timerService().currentWatermark();
        for (int i = 0; i < sizes.length; i++) {
            long start = TimeWindow.getWindowStartWithOffset(timestamp, 0, sizes[i]);
            long maxTimestamp = start + sizes[i] - 1;
            if (cleanupTime(maxTimestamp) <= watermark) {
                continue; // later than the allowed lateness for this window length
            }
            Stats stats = windows[i].get(start);
            if (stats == null) {
                stats = new Stats();
                if (maxTimestamp > watermark) {
                    ctx.timerService().registerEventTimeTimer(maxTimestamp);
                }
                ctx.timerService().registerEventTimeTimer(onGrid(cleanupTime(maxTimestamp)));
            }
            stats.add(r);
            windows[i].put(start, stats);
            if (maxTimestamp <= watermark) {
                out.collect(aggregate(stats, start, sizes[i])); // late but allowed: fire again with all it holds
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Aggregate> out) throws Exception {
        for (int i = 0; i < sizes.length; i++) {
            long start = timestamp + 1 - sizes[i];
            if (TimeWindow.getWindowStartWithOffset(timestamp, 0, sizes[i]) == start) {
                Stats stats = windows[i].get(start);
                if (stats != null) {
                    out.collect(aggregate(stats, start, sizes[i]));
                }
            }
        }
        if (timestamp == onGrid(timestamp)) {
            sweep(timestamp, ctx);
        }
    }

    /**
     * Drops every window whose clean-up time is not after {@code now}, the timer's time: not the watermark, which
     * may have jumped past windows whose own fire timers (later than this one) have yet to run.
     */
    private void sweep(long now, OnTimerContext ctx) throws Exception {
        long nextCleanup = Long.MAX_VALUE;
        for (int i = 0; i < sizes.length; i++) {
            Iterator<Map.Entry<Long, Stats>> entries = windows[i].iterator();
            while (entries.hasNext()) {
                long cleanupTime = cleanupTime(entries.next().getKey() + sizes[i] - 1);
                if (cleanupTime <= now) {
                    entries.remove();
                } else {
                    nextCleanup = Math.min(nextCleanup, cleanupTime);
                }
            }
            if (windows[i].isEmpty()) {
                windows[i].clear(); // removing through the iterator leaves an empty map behind on the heap backend
            }
        }
        if (nextCleanup != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(onGrid(nextCleanup));
        }
    }

    private long cleanupTime(long maxTimestamp) {
        long time = maxTimestamp + lateness;
        return time >= maxTimestamp ? time : Long.MAX_VALUE;
    }

    /** {@code time} rounded up to the clean-up grid (Long.MAX_VALUE stays). */
    private long onGrid(long time) {
        long rem = Math.floorMod(time, cleanupGrid);
        if (rem == 0) {
            return time;
        }
        long up = time + (cleanupGrid - rem);
        return up > time ? up : Long.MAX_VALUE;
    }

    private static Aggregate aggregate(Stats s, long start, long size) {
        return new Aggregate(s.scope, s.subject, s.kind, Instant.ofEpochMilli(start), Duration.ofMillis(size),
                s.count, s.min, s.sum / s.count, s.max, s.last, Instant.ofEpochSecond(0, s.lastNanos));
    }
}
