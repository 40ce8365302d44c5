package io.gridai.gateway.review;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a review as it was recorded.
 *
 * @param name     {@code limits}, {@code policy}, {@code study}, {@code conflicts} or {@code risk}
 * @param status   passed, refused, or skipped (an earlier step refused)
 * @param detail   what was checked and found, in words (names the asset, rule, branch, contingency and values)
 * @param duration how long it took
 */
public record ReviewStep(String name, Status status, String detail, Duration duration) {

    /** The step names, in review order. */
    public static final String LIMITS = "limits";
    public static final String POLICY = "policy";
    public static final String STUDY = "study";
    public static final String CONFLICTS = "conflicts";
    public static final String RISK = "risk";

    /** How a step ended. */
    public enum Status { PASSED, REFUSED, SKIPPED }

    public ReviewStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether the step passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }
}
