package io.gridai.flink.aggregate;

import io.gridai.model.ZoneLoad;
import io.gridai.model.wire.flink.WireTypeInformation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Puts the zone loads of every window length into one deterministic order: by event time (the window's last
 * millisecond), then window length, then zone. Records wait in keyed state until the watermark passes their time,
 * which is when their windows fired anyway, so no latency is added beyond one hop. Without it the union of the window
 * lengths interleaves them as they happen to arrive, and two replays of the same data would not give the same
 * {@code grid.zone-load} record for record.
 *
 * <p>Everything goes through one key ({@link #KEY}): zone load is a few records per zone and window, far below
 * what one subtask takes, and one key makes the order total. A late re-fired window (allowed lateness) leaves at
 * the next watermark, after the records already sent.
 */
public final class ZoneLoadOrder extends KeyedProcessFunction<Integer, ZoneLoad, ZoneLoad> {

    private static final long serialVersionUID = 1L;

    /** The one key; see the class comment. */
    public static final KeySelector<ZoneLoad, Integer> KEY = new OneKey();

    private static final Comparator<ZoneLoad> ORDER = Comparator.comparing(ZoneLoad::window)
            .thenComparing(z -> z.zone().value());

    private transient MapState<Long, List<ZoneLoad>> waiting;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting", Types.LONG,
                new ListTypeInfo<>(WireTypeInformation.of(ZoneLoad.class))));
    }

    @Override
    public void processElement(ZoneLoad load, Context ctx, Collector<ZoneLoad> out) throws Exception {
        long at = ctx.timestamp() == null ? load.windowEnd().toEpochMilli() - 1 : ctx.timestamp();
        List<ZoneLoad> list = waiting.get(at);
        if (list == null) {
            list = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(at);
        }
        list.add(load);
        waiting.put(at, list);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ZoneLoad> out) throws Exception {
        List<ZoneLoad> list = waiting.get(timestamp);
        if (list == null) {
            return;
        }
        waiting.remove(timestamp);
        list.sort(ORDER);
        list.forEach(out::collect);
    }

    private static final class OneKey implements KeySelector<ZoneLoad, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(ZoneLoad load) {
            return 0;
        }
    }
}
