package io.gridai.gateway.proposals;

import io.gridai.model.RiskLevel;
import java.time.Duration;
import java.util.List;

/**
 * A proposal's review as the gateway records and answers it: the verdict, the risk, each step, the reasons of a
 * rejection. Made from the review library's report ({@link Reviewer}).
 */
public record Reviewed(Verdict verdict, RiskLevel risk, List<Step> steps, List<String> reasons, String rulesVersion,
        Duration duration) {

    /** The review's decision. */
    public enum Verdict { REJECTED, AUTO_APPROVE, NEEDS_HUMAN }

    /** One step: its name, status (PASSED, REFUSED, SKIPPED), what it found, how long it took. */
    public record Step(String name, String status, String detail, Duration duration) {
    }

    public Reviewed {
        steps = List.copyOf(steps);
        reasons = List.copyOf(reasons);
    }

    /** A rejection before the review ran (the gateway's own checks: schema, scope, grid). */
    public static Reviewed refusedBefore(String step, String reason) {
        return new Reviewed(Verdict.REJECTED, RiskLevel.CRITICAL, List.of(new Step(step, "REFUSED", reason,
                Duration.ZERO)), List.of(reason), "-", Duration.ZERO);
    }
}
