package io.gridai.sim.series;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, regularly sampled series: sample {@code i} holds the value at {@code start + i × step}.
 *
 * <p>The unit of the values is the caller's to document (MW for a regional load or a plant's available
 * power, per unit for a shape); this class never converts. Values are finite.
 *
 * <p>Between samples, {@link #at(Instant)} interpolates linearly; before the first sample it returns the first
 * value and after the last sample the last value (clamped, never extrapolated). {@link #atWrapped(Instant)}
 * instead treats the series as one period of a loop of length {@link #period()} = size × step, so a profile
 * can drive a simulated clock that runs beyond the data: between the last sample and the period's end it
 * interpolates from the last value back to the first.
 *
 * <p>Time arithmetic is in integer nanoseconds, so a query at {@code start + k × step} returns sample
 * {@code k} exactly. The period must fit in a {@code long} of nanoseconds (about 292 years).
 */
public final class TimeSeries {

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private final Instant start;
    private final Duration step;
    private final long stepNanos;
    private final long periodNanos;
    private final double[] values;

    /**
     * @param start  time of the first sample
     * @param step   time between samples, positive
     * @param values the samples, at least one, all finite (copied)
     * @throws IllegalArgumentException if a value is not finite, there are no values, the step is not positive
     *                                  or the period does not fit in 292 years
     */
    public TimeSeries(Instant start, Duration step, double[] values) {
        this.start = Objects.requireNonNull(start, "start must not be null; give the time of the first sample");
        this.step = Objects.requireNonNull(step, "step must not be null; give the time between samples");
        Objects.requireNonNull(values, "values must not be null; give at least one sample");
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive but was " + step
                    + "; give the time between two samples");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("a series needs at least one value; give one sample or more");
        }
        try {
            this.stepNanos = step.toNanos();
            this.periodNanos = Math.multiplyExact(stepNanos, (long) values.length);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a series of " + values.length + " samples every " + step
                    + " spans more than 292 years; use a coarser step or fewer samples", e);
        }
        this.values = values.clone();
        for (int i = 0; i < this.values.length; i++) {
            if (!Double.isFinite(this.values[i])) {
                throw new IllegalArgumentException("value " + i + " (at " + timeAt(i) + ") is " + this.values[i]
                        + "; fill or interpolate missing values before building the series");
            }
        }
    }

    /** Time of the first sample. */
    public Instant start() {
        return start;
    }

    /** Time between two samples. */
    public Duration step() {
        return step;
    }

    /** Number of samples. */
    public int size() {
        return values.length;
    }

    /** Time of the last sample (inclusive): {@code start + (size − 1) × step}. */
    public Instant end() {
        return timeAt(values.length - 1);
    }

    /** Length of one loop for {@link #atWrapped(Instant)}: {@code size × step}. */
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /** Time of sample {@code index}. */
    public Instant timeAt(int index) {
        Objects.checkIndex(index, values.length);
        return start.plusNanos(stepNanos * index);
    }

    /** Sample {@code index}, in the series' unit. */
    public double valueAt(int index) {
        return values[index];
    }

    /** A copy of the samples. */
    public double[] values() {
        return values.clone();
    }

    /** Largest sample, in the series' unit. */
    public double max() {
        double max = values[0];
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Smallest sample, in the series' unit. */
    public double min() {
        double min = values[0];
        for (double v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    /** Arithmetic mean of the samples, in the series' unit. */
    public double mean() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * The value at {@code t}: linear interpolation between the two samples around {@code t}; the first value
     * for any {@code t} at or before {@link #start()}, the last value for any {@code t} at or after
     * {@link #end()}.
     */
    public double at(Instant t) {
        long offset;
        try {
            offset = offsetNanos(t);
        } catch (ArithmeticException e) {
            return t.isBefore(start) ? values[0] : values[values.length - 1];
        }
        if (offset <= 0) {
            return values[0];
        }
        long index = offset / stepNanos;
        if (index >= values.length - 1) {
            return values[values.length - 1];
        }
        return interpolate((int) index, offset % stepNanos, values[(int) index + 1]);
    }

    /**
     * The value at {@code t} with the series looped: {@code t} is mapped into
     * {@code [start, start + period)} by whole periods (also for {@code t} before the start), then
     * interpolated linearly; between the last sample and the end of the period the value goes linearly from
     * the last sample back to the first.
     */
    public double atWrapped(Instant t) {
        long offset;
        try {
            offset = Math.floorMod(offsetNanos(t), periodNanos);
        } catch (ArithmeticException e) {
            BigInteger big = BigInteger.valueOf(t.getEpochSecond()).subtract(BigInteger.valueOf(start.getEpochSecond()))
                    .multiply(NANOS_PER_SECOND)
                    .add(BigInteger.valueOf((long) t.getNano() - start.getNano()));
            offset = big.mod(BigInteger.valueOf(periodNanos)).longValueExact();
        }
        int index = (int) (offset / stepNanos);
        double next = index + 1 < values.length ? values[index + 1] : values[0];
        return interpolate(index, offset % stepNanos, next);
    }

    /** A series with every value multiplied by {@code factor}, same times. */
    public TimeSeries scaled(double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("scale factor must be finite but was " + factor);
        }
        double[] scaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = values[i] * factor;
        }
        return new TimeSeries(start, step, scaled);
    }

    /**
     * The series divided by its {@link #max()}, so its largest value is exactly 1 (per unit of the maximum).
     *
     * @throws IllegalStateException if the maximum is not positive
     */
    public TimeSeries normalised() {
        double max = max();
        if (!(max > 0)) {
            throw new IllegalStateException("cannot normalise a series whose maximum is " + max
                    + "; only a series with a positive maximum has a per-unit shape");
        }
        double[] shape = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            shape[i] = values[i] / max;
        }
        return new TimeSeries(start, step, shape);
    }

    private long offsetNanos(Instant t) {
        long seconds = Math.subtractExact(t.getEpochSecond(), start.getEpochSecond());
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), (long) t.getNano() - start.getNano());
    }

    private double interpolate(int index, long remainderNanos, double next) {
        double current = values[index];
        if (remainderNanos == 0) {
            return current;
        }
        return current + (next - current) * ((double) remainderNanos / stepNanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries other && start.equals(other.start) && step.equals(other.step)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, step, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TimeSeries[" + values.length + " samples every " + step + " from " + start + "]";
    }
}
