package io.gridai.flink.aggregate;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** A load asset's window {@link Stats} as an {@link AssetMean} of its zone (the subject of the readings). */
public final class ToAssetMean extends ProcessWindowFunction<Stats, AssetMean, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(String asset, Context context, Iterable<Stats> elements, Collector<AssetMean> out) {
        for (Stats s : elements) {
            AssetMean mean = new AssetMean();
            mean.zone = s.subject;
            mean.asset = asset;
            mean.windowStartMillis = context.window().getStart();
            mean.meanMw = s.sum / s.count;
            mean.readings = s.count;
            out.collect(mean);
        }
    }
}
