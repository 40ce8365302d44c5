package io.gridai.inference.flink;

import io.gridai.inference.series.HourlySeries;
import java.time.Instant;
import java.util.Arrays;

/**
 * A zone's keyed state in {@link ForecastOperator} (a Flink POJO, one state access per record): the last
 * {@value #HOURS} hours of load, what was issued, and the forecasts waiting for their actuals (live skill). Load is
 * consumption in MW (positive), NaN where an hour is missing.
 */
public final class ZoneState {

    /** Hours of load kept: 15 days (features read at most 8 days back; two weeks when a week is missing). */
    public static final int HOURS = 360;
    static final long NONE = Long.MIN_VALUE;

    /** Epoch hour (UTC hours since 1970) of the newest hour stored, or {@link #NONE}. */
    public long newestHour = NONE;
    /** {@code load[h mod HOURS]} is hour {@code h}'s load for {@code newestHour - HOURS < h <= newestHour}. */
    public double[] load;
    /** Epoch day of the local day the last day-ahead forecast was requested for, or {@link #NONE}. */
    public long dayAheadDay = NONE;
    /** Epoch second of the last intraday issue time, or {@link #NONE}. */
    public long intradayIssue = NONE;
    /**
     * Forecasts waiting for their actual, per target hour: {@code pending[h mod PENDING_HOURS]} holds the entries of
     * hour {@code pendingHour[h mod PENDING_HOURS]}, packed as {@code track, levels, levels × level, levels × value}
     * (consumption quantiles, MW). Entries of an hour whose actual never came are dropped when the slot is reused.
     */
    public float[][] pending;
    public long[] pendingHour;

    /** Hours ahead a forecast can reach (day-ahead: at most ~49 h; intraday: at most 48 h). */
    static final int PENDING_HOURS = 72;

    public ZoneState() {
    }

    /** A zone with no load yet. */
    public static ZoneState empty() {
        ZoneState state = new ZoneState();
        state.load = new double[HOURS];
        Arrays.fill(state.load, Double.NaN);
        state.pending = new float[PENDING_HOURS][];
        state.pendingHour = new long[PENDING_HOURS];
        Arrays.fill(state.pendingHour, NONE);
        return state;
    }

    /** Keeps one forecast hour (consumption quantiles at {@code levels}) until the hour's actual arrives. */
    void remember(long hour, int track, float[] levels, float[] values) {
        int slot = (int) Math.floorMod(hour, (long) PENDING_HOURS);
        float[] entries = pendingHour[slot] == hour ? pending[slot] : null;
        int q = levels.length;
        int at = entries == null ? 0 : entries.length;
        float[] grown = entries == null ? new float[2 + 2 * q] : Arrays.copyOf(entries, at + 2 + 2 * q);
        grown[at] = track;
        grown[at + 1] = q;
        System.arraycopy(levels, 0, grown, at + 2, q);
        System.arraycopy(values, 0, grown, at + 2 + q, q);
        pending[slot] = grown;
        pendingHour[slot] = hour;
    }

    /** The packed entries waiting for {@code hour}, removed; null when none. */
    float[] takePending(long hour) {
        int slot = (int) Math.floorMod(hour, (long) PENDING_HOURS);
        if (pendingHour[slot] != hour) {
            return null;
        }
        float[] entries = pending[slot];
        pending[slot] = null;
        pendingHour[slot] = NONE;
        return entries;
    }

    /**
     * Stores the load of hour {@code hour}; hours skipped since the newest become missing.
     *
     * @return whether {@code hour} is newer than every hour before (the clock moved on)
     */
    public boolean put(long hour, double consumptionMw) {
        if (newestHour == NONE || hour > newestHour) {
            long from = newestHour == NONE ? hour - HOURS + 1 : Math.max(newestHour + 1, hour - HOURS + 1);
            for (long h = from; h < hour; h++) {
                load[slot(h)] = Double.NaN;
            }
            load[slot(hour)] = consumptionMw;
            newestHour = hour;
            return true;
        }
        if (hour > newestHour - HOURS) {
            load[slot(hour)] = consumptionMw; // a late or corrected hour
        }
        return false;
    }

    /** The load of {@code hour}; NaN when missing or no longer kept. */
    double at(long hour) {
        return newestHour != NONE && hour <= newestHour && hour > newestHour - HOURS ? load[slot(hour)] : Double.NaN;
    }

    /** How many of the hours {@code [fromHour, untilHour)} have a value. */
    int known(long fromHour, long untilHour) {
        int n = 0;
        for (long h = fromHour; h < untilHour; h++) {
            if (!Double.isNaN(at(h))) {
                n++;
            }
        }
        return n;
    }

    /** Every kept hour as a series ending with the newest (a copy). */
    public HourlySeries series() {
        long first = newestHour - HOURS + 1;
        double[] values = new double[HOURS];
        for (int i = 0; i < HOURS; i++) {
            values[i] = load[slot(first + i)];
        }
        return new HourlySeries(Instant.ofEpochSecond(first * 3600), values);
    }

    private static int slot(long hour) {
        return (int) Math.floorMod(hour, (long) HOURS);
    }
}
