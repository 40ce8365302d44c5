package io.gridai.protocols.live.c37118;

import java.time.Duration;

/**
 * Exponential back-off between reconnects: {@code initial}, doubled after each attempt that brought no data, never
 * more than {@code max}; back to {@code initial} after an attempt that did. Not thread-safe (one connection thread).
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    /** The wait before the next attempt, after an attempt that did ({@code hadData}) or did not bring data. */
    long nextWaitMillis(boolean hadData) {
        if (hadData) {
            nextMillis = initialMillis;
        }
        long wait = nextMillis;
        nextMillis = Math.min(nextMillis * 2, maxMillis);
        return wait;
    }
}
