package io.gridai.dispatch.opf.highs;

import java.time.Duration;

/**
 * Solves {@link QpModel}s with HiGHS: dual simplex for an LP, HiGHS's active-set QP solver when some column has a
 * quadratic cost. Both give vertex-exact (LP) or KKT-exact (QP) solutions, not interior-point approximations.
 * Each solve or session uses its own HiGHS instance, so calls on different threads do not interfere.
 */
public final class HighsSolver {

    /**
     * The QP regularisation used unless told otherwise. HiGHS's own default (1e-7) perturbs the optimum: on MATPOWER's
     * case300 it leaves units' marginal costs 2e-4 $/MWh apart and a unit 0.003 MW off MATPOWER's dispatch; at 1e-12
     * the marginal costs agree to 2e-9 $/MWh (measured, see the module README).
     */
    public static final double DEFAULT_QP_REGULARIZATION = 1e-12;

    private final Duration timeLimit;
    private final double qpRegularization;

    /** @param timeLimit wall-clock limit of one solve; the result is then {@link QpResult.Status#TIME_LIMIT} */
    public HighsSolver(Duration timeLimit) {
        this(timeLimit, DEFAULT_QP_REGULARIZATION);
    }

    /**
     * @param timeLimit        wall-clock limit of one solve
     * @param qpRegularization HiGHS's {@code qp_regularization_value}: a proximal term that keeps its active-set QP
     *                         solver stable, at the price of that much error in the optimum
     */
    public HighsSolver(Duration timeLimit, double qpRegularization) {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive, got " + timeLimit);
        }
        if (!(qpRegularization >= 0)) {
            throw new IllegalArgumentException("QP regularisation must be >= 0, got " + qpRegularization);
        }
        this.timeLimit = timeLimit;
        this.qpRegularization = qpRegularization;
    }

    /** Solves a model once. */
    public QpResult solve(QpModel model) {
        try (HighsSession session = open(model)) {
            return session.solve();
        }
    }

    /** Opens a session on a model, to add rows and re-solve warm. */
    public HighsSession open(QpModel model) {
        return new HighsSession(model, timeLimit, qpRegularization);
    }
}
