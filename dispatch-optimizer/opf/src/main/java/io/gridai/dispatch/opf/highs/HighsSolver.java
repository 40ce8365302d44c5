package io.gridai.dispatch.opf.highs;

import java.time.Duration;

/**
 * Solves {@link QpModel}s with HiGHS: dual simplex for an LP, HiGHS's active-set QP solver when some column has a
 * quadratic cost. Both give vertex-exact (LP) or KKT-exact (QP) solutions, not interior-point approximations.
 * Each solve or session uses its own HiGHS instance, so calls on different threads do not interfere.
 */
public final class HighsSolver {

    private final Duration timeLimit;

    /** @param timeLimit wall-clock limit of one solve; the result is then {@link QpResult.Status#TIME_LIMIT} */
    public HighsSolver(Duration timeLimit) {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive, got " + timeLimit);
        }
        this.timeLimit = timeLimit;
    }

    /** Solves a model once. */
    public QpResult solve(QpModel model) {
        try (HighsSession session = open(model)) {
            return session.solve();
        }
    }

    /** Opens a session on a model, to add rows and re-solve warm. */
    public HighsSession open(QpModel model) {
        return new HighsSession(model, timeLimit);
    }
}
