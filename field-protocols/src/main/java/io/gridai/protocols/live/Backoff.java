package io.gridai.protocols.live;

import java.time.Duration;

/**
 * Exponential back-off between connection attempts: {@code initial}, then twice as long each failed attempt, at most
 * {@code max}. A client starts again from {@code initial} once a connection succeeded.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the first reconnect delay " + initial + " must be positive, e.g."
                    + " PT1S");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the longest reconnect delay " + max + " is shorter than the first "
                    + initial + "; give at least the first");
        }
    }

    /** The wait after {@code failures} failed attempts in a row (1 = the first failure). */
    public Duration delay(int failures) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
