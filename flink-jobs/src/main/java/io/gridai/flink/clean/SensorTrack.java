package io.gridai.flink.clean;

/**
 * What {@link CleaningFunction} remembers per asset and kind (a Flink POJO: public fields, no-argument
 * constructor): the last value and its event time, how many readings in a row repeated it, and the asset's change
 * counter when this run of equal values began.
 */
public class SensorTrack {
    public double lastValue;
    public long lastEventNanos;
    public int repeats;
    public long assetChangesAtRunStart;

    public SensorTrack() {
    }
}
