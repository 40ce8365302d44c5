package io.gridai.flink.alert;

/** What {@link LimitWatcher} remembers per asset and kind (Flink POJO): the raised alert type, if any. */
public class WatchState {
    /** The {@code AlertType} name of the raised alert, or null while the value is within limits. */
    public String raised;
    /** Event time (ns since 1970) of the last reading judged. */
    public long lastEventNanos;

    public WatchState() {
    }
}
