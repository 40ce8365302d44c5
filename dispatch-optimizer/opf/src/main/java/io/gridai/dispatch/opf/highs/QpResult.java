package io.gridai.dispatch.opf.highs;

import java.util.Arrays;

/**
 * What HiGHS returned for a {@link QpModel}.
 *
 * @param status       the outcome
 * @param highsStatus  HiGHS's own model status code ({@code kHighsModelStatus...}), for diagnostics
 * @param objective    the objective at {@code x} (offset included); NaN without a solution
 * @param x            column values (empty without a solution)
 * @param rowActivity  row activities {@code a x}
 * @param rowDual      row duals: the objective's rate of change per unit of a row's active bound
 * @param columnDual   reduced costs
 * @param iterations   simplex plus QP iterations
 * @param solveNanos   wall time of {@code Highs_run}
 */
public record QpResult(Status status, int highsStatus, double objective, double[] x, double[] rowActivity,
                       double[] rowDual, double[] columnDual, int iterations, long solveNanos) {

    /** Outcomes, from HiGHS's model status. */
    public enum Status {
        OPTIMAL, INFEASIBLE, UNBOUNDED, TIME_LIMIT, ITERATION_LIMIT, ERROR
    }

    public boolean optimal() {
        return status == Status.OPTIMAL;
    }

    @Override
    public String toString() {
        return "QpResult[status=" + status + " (HiGHS " + highsStatus + "), objective=" + objective + ", columns=" + x.length
                + ", iterations=" + iterations + ", solveMs=" + solveNanos / 1e6 + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QpResult r && status == r.status && highsStatus == r.highsStatus
                && Double.compare(objective, r.objective) == 0 && Arrays.equals(x, r.x);
    }

    @Override
    public int hashCode() {
        return 31 * status.hashCode() + Arrays.hashCode(x);
    }
}
