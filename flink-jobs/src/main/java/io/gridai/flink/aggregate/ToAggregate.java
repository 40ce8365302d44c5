package io.gridai.flink.aggregate;

import io.gridai.model.Aggregate;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a window's {@link Stats} into the {@link Aggregate} record of that window. */
public final class ToAggregate extends ProcessWindowFunction<Stats, Aggregate, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(String key, Context context, Iterable<Stats> elements, Collector<Aggregate> out) {
        TimeWindow window = context.window();
        for (Stats s : elements) {
            out.collect(new Aggregate(s.scope, s.subject, s.kind, Instant.ofEpochMilli(window.getStart()),
                    Duration.ofMillis(window.getEnd() - window.getStart()), s.count, s.min, s.sum / s.count, s.max,
                    s.last, Instant.ofEpochSecond(0, s.lastNanos)));
        }
    }
}
