package io.gridai.gateway.review.study;

import io.gridai.model.id.AssetId;

/**
 * A branch's flow in a solved state. Powers are those entering the branch at each end (PowSyBl's terminal
 * convention): {@code pFromMw} &gt; 0 means active power flows from the from-bus into the branch.
 *
 * @param branch     its asset id ({@code branch-<from>-<to>[-k]})
 * @param pFromMw    active power entering at the from-bus end, MW
 * @param qFromMvar  reactive power entering at the from-bus end, Mvar
 * @param pToMw      active power entering at the to-bus end, MW
 * @param qToMvar    reactive power entering at the to-bus end, Mvar
 * @param ratingMva  its long-term rating, MVA ({@code NaN} when unrated)
 * @param loadingPct the larger end's apparent power as % of the rating ({@code NaN} when unrated)
 */
public record BranchFlow(AssetId branch, double pFromMw, double qFromMvar, double pToMw, double qToMvar, double ratingMva,
                         double loadingPct) {
}
