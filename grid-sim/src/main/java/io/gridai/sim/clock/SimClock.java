package io.gridai.sim.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Simulated grid time: starts at a given instant and moves in ticks of a fixed grid-time step, at a speed
 * relative to wall time (1 to 1000 ×) or {@link #AS_FAST_AS_POSSIBLE}.
 *
 * <p>Grid time after {@code k} ticks is exactly {@code start + k × tick}, computed from {@code k} in integer
 * nanoseconds, so it never drifts. The clock never waits itself: the driver asks
 * {@link #wallDelayUntilNextTick(long)} how long to wait (e.g. with a {@code ScheduledExecutorService}) and then
 * calls {@link #advance()}. The wall schedule is also computed from {@code k}: tick {@code k} is due
 * {@code k × tick / speed} after the wall anchor, so late ticks do not push later ones back (the driver catches
 * up) and rounding does not accumulate.
 *
 * <p>One driver thread advances the clock; {@link #now()} may be read from any thread.
 */
public final class SimClock {

    /** Speed for tests and benchmarks: no waiting between ticks. */
    public static final double AS_FAST_AS_POSSIBLE = Double.POSITIVE_INFINITY;
    /** Slowest real-time speed: grid time runs as fast as wall time. */
    public static final double MIN_SPEED = 1;
    /** Fastest paced speed: 1000 s of grid time per second of wall time. */
    public static final double MAX_SPEED = 1000;

    private final Instant start;
    private final Duration tick;
    private final long tickNanos;
    private final double speed;
    private volatile long ticks;
    private boolean anchored;
    private long anchorWallNanos;
    private long anchorTicks;

    private SimClock(Instant start, Duration tick, double speed) {
        this.start = Objects.requireNonNull(start, "start must not be null; give the grid time of the first tick");
        Objects.requireNonNull(tick, "tick must not be null; give the grid-time step, e.g. Duration.ofSeconds(1)");
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be a positive duration but was " + tick
                    + "; e.g. Duration.ofSeconds(1)");
        }
        this.tick = tick;
        this.tickNanos = tick.toNanos();
        this.speed = validSpeed(speed);
    }

    /**
     * A clock at tick 0.
     *
     * @param start time of tick 0
     * @param tick  grid time between ticks, positive, e.g. 1 s
     * @param speed grid seconds per wall second, [{@value #MIN_SPEED}, {@value #MAX_SPEED}], or
     *              {@link #AS_FAST_AS_POSSIBLE}
     * @throws IllegalArgumentException for a tick that is not positive or a speed out of range
     */
    public static SimClock of(Instant start, Duration tick, double speed) {
        return new SimClock(start, tick, speed);
    }

    /** A clock at tick 0 that never waits, for tests and benchmarks. */
    public static SimClock asFastAsPossible(Instant start, Duration tick) {
        return new SimClock(start, tick, AS_FAST_AS_POSSIBLE);
    }

    /** Checks a speed: within [1, 1000] or {@link #AS_FAST_AS_POSSIBLE}; returns it. */
    public static double validSpeed(double speed) {
        if (speed == AS_FAST_AS_POSSIBLE || (speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            return speed;
        }
        throw new IllegalArgumentException("speed must be between " + MIN_SPEED + " and " + MAX_SPEED
                + " (grid seconds per wall second) or SimClock.AS_FAST_AS_POSSIBLE, but was " + speed
                + "; choose e.g. 1 for real time or 1000 for a fast replay");
    }

    /** Grid time of tick 0. */
    public Instant start() {
        return start;
    }

    /** Grid time between ticks. */
    public Duration tick() {
        return tick;
    }

    /** Grid seconds per wall second; {@link #AS_FAST_AS_POSSIBLE} (positive infinity) when unlimited. */
    public double speed() {
        return speed;
    }

    /** Whether the clock runs without waiting. */
    public boolean unlimited() {
        return speed == AS_FAST_AS_POSSIBLE;
    }

    /** Number of ticks taken since the start. */
    public long ticks() {
        return ticks;
    }

    /** Current grid time: {@code start + ticks × tick}. */
    public Instant now() {
        return timeOf(ticks);
    }

    /**
     * Moves grid time on by one tick.
     *
     * @return the new grid time, {@code start + ticks × tick}
     */
    public Instant advance() {
        long next = ticks + 1;
        Instant time = timeOf(next);
        ticks = next;
        return time;
    }

    /**
     * How long the driver should wait, in wall time, before the next {@link #advance()}: zero when unlimited or
     * when the next tick is already due. The first call anchors the wall schedule: the current tick is taken to
     * have happened at {@code wallNanosNow}.
     *
     * @param wallNanosNow the wall clock now, from {@link System#nanoTime()} (only differences matter)
     */
    public Duration wallDelayUntilNextTick(long wallNanosNow) {
        if (unlimited()) {
            return Duration.ZERO;
        }
        if (!anchored) {
            anchorWall(wallNanosNow);
        }
        long due = anchorWallNanos + wallNanosAfterAnchor(ticks + 1 - anchorTicks);
        return Duration.ofNanos(Math.max(0, due - wallNanosNow));
    }

    /**
     * Anchors the wall schedule: the current tick is taken to have happened at {@code wallNanosNow}. Call it
     * after a pause so the driver does not rush to catch up.
     */
    public void anchorWall(long wallNanosNow) {
        anchored = true;
        anchorWallNanos = wallNanosNow;
        anchorTicks = ticks;
    }

    /** Wall time, in nanoseconds, that {@code n} ticks take at this speed (rounded to the nearest nanosecond). */
    long wallNanosAfterAnchor(long n) {
        long gridNanos = Math.multiplyExact(n, tickNanos);
        if (speed == Math.rint(speed)) {
            long s = (long) speed;
            return gridNanos / s + (2 * (gridNanos % s) >= s ? 1 : 0);
        }
        return Math.round(gridNanos / speed);
    }

    private Instant timeOf(long tickCount) {
        return start.plusNanos(Math.multiplyExact(tickCount, tickNanos));
    }

    @Override
    public String toString() {
        return "SimClock[" + now() + ", tick " + tick + ", speed " + (unlimited() ? "unlimited" : speed + "x") + "]";
    }
}
