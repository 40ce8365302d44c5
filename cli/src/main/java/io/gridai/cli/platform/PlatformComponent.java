package io.gridai.cli.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * A part of the embedded platform that `gridai up` starts, in order, and stops in reverse order.
 * Later modules (services, Flink jobs, the grid twin) join by implementing this.
 */
public interface PlatformComponent {

    /** Stable name shown by `gridai status`, e.g. {@code kafka}. */
    String name();

    /**
     * Why this component cannot run with the rest of this platform (e.g. the twin's case has no costs to dispatch
     * by), asked just before its turn to start: `up` prints the reason and goes on without it. Empty by default.
     */
    default Optional<String> whyNotStarted() {
        return Optional.empty();
    }

    /**
     * Starts the component and returns once it is ready for work, or throws
     * {@link ComponentStartException} with the reason and what to do.
     */
    ComponentRecord start(PlatformLayout layout, Duration readyTimeout);

    /** Stops the component and waits for it, at most {@code timeout}; idempotent. */
    void stop(Duration timeout);

    /** True while the component's process (or threads) still run. */
    boolean isAlive();
}
