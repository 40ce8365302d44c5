package io.gridai.gateway.review.study;

import io.gridai.model.id.AssetId;
import java.util.Optional;

/**
 * One N-1 outage as solved.
 *
 * @param outage        the branch taken out
 * @param converged     whether the AC power flow after the outage converged
 * @param status        OpenLoadFlow's status ({@code CONVERGED}, {@code MAX_ITERATION_REACHED}, {@code SOLVER_FAILED},
 *                      {@code FAILED}, {@code NO_IMPACT})
 * @param maxLoadingPct the most loaded rated branch's loading, % ({@code NaN} when none is rated or not converged)
 * @param mostLoaded    that branch
 */
public record ContingencyOutcome(AssetId outage, boolean converged, String status, double maxLoadingPct,
                                 Optional<AssetId> mostLoaded) {
}
