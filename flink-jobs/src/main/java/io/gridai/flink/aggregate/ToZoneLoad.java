package io.gridai.flink.aggregate;

import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Sums a zone's load assets' means over one window. If an asset's window fired again (a late reading within the
 * allowed lateness), only its latest mean counts.
 */
public final class ToZoneLoad extends ProcessWindowFunction<AssetMean, ZoneLoad, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(String zone, Context context, Iterable<AssetMean> elements, Collector<ZoneLoad> out) {
        Map<String, AssetMean> latest = new LinkedHashMap<>();
        for (AssetMean mean : elements) {
            latest.put(mean.asset, mean);
        }
        double total = 0;
        long readings = 0;
        for (AssetMean mean : latest.values()) {
            total += mean.meanMw;
            readings += mean.readings;
        }
        TimeWindow window = context.window();
        out.collect(new ZoneLoad(ZoneId.of(zone), Instant.ofEpochMilli(window.getStart()),
                Duration.ofMillis(window.getEnd() - window.getStart()), total, latest.size(), readings));
    }
}
