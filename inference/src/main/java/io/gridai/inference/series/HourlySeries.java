package io.gridai.inference.series;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * A value per whole UTC hour on a regular grid; {@link Double#NaN} where the hour is missing. The value at hour
 * {@code h} describes {@code [h, h + 1 h)}, so it is known from {@code h + 1 h} on.
 */
public final class HourlySeries {

    private final long firstHour;
    private final double[] values;

    /** {@code values[i]} is the value of the hour {@code start + i h}; {@code start} must be a whole hour. */
    public HourlySeries(Instant start, double[] values) {
        if (!start.truncatedTo(ChronoUnit.HOURS).equals(start)) {
            throw new IllegalArgumentException("an hourly series starts on a whole hour, not " + start);
        }
        this.firstHour = start.getEpochSecond() / 3600;
        this.values = values;
    }

    /** A series of {@code hours} missing values from {@code start}, to fill with {@link #set}. */
    public static HourlySeries empty(Instant start, int hours) {
        double[] values = new double[hours];
        Arrays.fill(values, Double.NaN);
        return new HourlySeries(start, values);
    }

    public Instant start() {
        return Instant.ofEpochSecond(firstHour * 3600);
    }

    /** The end of the last hour (exclusive). */
    public Instant end() {
        return Instant.ofEpochSecond((firstHour + values.length) * 3600);
    }

    public int size() {
        return values.length;
    }

    public Instant time(int index) {
        return Instant.ofEpochSecond((firstHour + index) * 3600);
    }

    /** The index of the hour that contains {@code t}; may be outside {@code [0, size)}. */
    public int indexOf(Instant t) {
        return (int) (Math.floorDiv(t.getEpochSecond(), 3600) - firstHour);
    }

    /** The value of the hour that contains {@code t}; NaN when missing or outside the series. */
    public double at(Instant t) {
        return atIndex(indexOf(t));
    }

    /** The value of hour {@code index}; NaN when missing or outside the series. */
    public double atIndex(int index) {
        return index >= 0 && index < values.length ? values[index] : Double.NaN;
    }

    public void set(int index, double value) {
        values[index] = value;
    }

    /** How many hours are missing. */
    public int missing() {
        int n = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** The hours {@code [from, until)} as a series of their own (NaN outside this one). */
    public HourlySeries slice(Instant from, Instant until) {
        int hours = (int) Duration.between(from, until).toHours();
        double[] out = new double[Math.max(0, hours)];
        int offset = indexOf(from);
        for (int i = 0; i < out.length; i++) {
            out[i] = atIndex(offset + i);
        }
        return new HourlySeries(from, out);
    }
}
