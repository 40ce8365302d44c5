package io.gridai.replay;

import io.gridai.model.id.SandboxId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What to replay: archived clean telemetry of {@code [from, to)} (of {@code assets} only, all when empty) from the
 * archive at {@code archive}, into sandbox {@code sandbox}, at {@code speed} times real time
 * ({@link Double#POSITIVE_INFINITY} = as fast as the sandbox takes it).
 */
public record ReplayRequest(Path archive, SandboxId sandbox, Instant from, Instant to, Set<String> assets,
        double speed) {

    /** The speed of {@code --speed max}. */
    public static final double MAX_SPEED = Double.POSITIVE_INFINITY;

    public ReplayRequest {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the replay window is empty: --from " + from + " is not before --to "
                    + to);
        }
        assets = Set.copyOf(Objects.requireNonNull(assets, "assets"));
        if (!(speed > 0) || Double.isNaN(speed)) {
            throw new IllegalArgumentException("--speed must be positive (e.g. 100 for 100× real time, or max) but"
                    + " was " + speed);
        }
    }

    /** {@code 100} → 100.0; {@code max} → {@link #MAX_SPEED}; anything else is refused with a reason. */
    public static double parseSpeed(String text) {
        if (text.equalsIgnoreCase("max")) {
            return MAX_SPEED;
        }
        try {
            double speed = Double.parseDouble(text.endsWith("x") ? text.substring(0, text.length() - 1) : text);
            if (speed > 0 && Double.isFinite(speed)) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--speed '" + text + "' is not a speed; give a positive factor of real time"
                + " (1, 100, 1000) or max");
    }

    public boolean maxSpeed() {
        return speed == MAX_SPEED;
    }
}
