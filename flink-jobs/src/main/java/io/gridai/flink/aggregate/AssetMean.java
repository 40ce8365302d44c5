package io.gridai.flink.aggregate;

/** One load asset's mean active power over one window, on its way to the zone total (a Flink POJO). */
public class AssetMean {
    public String zone;
    public String asset;
    public long windowStartMillis;
    public double meanMw;
    public long readings;

    public AssetMean() {
    }
}
