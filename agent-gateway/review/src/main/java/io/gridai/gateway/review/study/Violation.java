package io.gridai.gateway.review.study;

import io.gridai.model.id.AssetId;
import java.util.Locale;
import java.util.Optional;

/**
 * A limit broken in a solved state: a branch over its rating, a bus outside its voltage limits, or an outage after
 * which the AC power flow does not converge.
 *
 * @param type      what is broken
 * @param outage    the N-1 outage it occurs after; empty in the state without outage (N)
 * @param element   the branch or bus (for {@code NOT_CONVERGED}, the outage's branch)
 * @param value     loading %, or voltage p.u. ({@code NaN} for {@code NOT_CONVERGED})
 * @param limit     the limit: the overload threshold %, VMIN or VMAX p.u.
 * @param baseValue the same element's value in the base state it was compared with ({@code NaN} when not compared or
 *                  not available; for a loading after an outage below the report threshold, minus that threshold:
 *                  {@code -85} means "below 85 %")
 * @param ratingMva the branch's rating for an overload ({@code NaN} otherwise)
 */
public record Violation(Type type, Optional<AssetId> outage, AssetId element, double value, double limit,
                        double baseValue, double ratingMva) {

    /** What is broken. */
    public enum Type { OVERLOAD, UNDER_VOLTAGE, OVER_VOLTAGE, NOT_CONVERGED }

    /** The same violation with the base state's value. */
    public Violation withBaseValue(double base) {
        return new Violation(type, outage, element, value, limit, base, ratingMva);
    }

    /** In words, e.g. {@code branch-5-6 loaded 112.4 % of its 100.0 MVA rating after outage of branch-4-5 (96.0 % without the change)}. */
    public String describe() {
        String where = outage.map(o -> " after outage of " + o).orElse(" without outage (N)");
        String base = Double.isNaN(baseValue) ? "" : switch (type) {
            case OVERLOAD -> baseValue < 0 ? fmt(" (below %.1f %% without the change)", -baseValue)
                    : fmt(" (%.1f %% without the change)", baseValue);
            case UNDER_VOLTAGE, OVER_VOLTAGE -> fmt(" (%.4f p.u. without the change)", baseValue);
            case NOT_CONVERGED -> "";
        };
        return switch (type) {
            case OVERLOAD -> fmt("%s loaded %.1f %% of its %.1f MVA rating (limit %.1f %%)", element, value, ratingMva, limit)
                    + where + base;
            case UNDER_VOLTAGE -> fmt("%s at %.4f p.u., below VMIN %.4f p.u.", element, value, limit) + where + base;
            case OVER_VOLTAGE -> fmt("%s at %.4f p.u., above VMAX %.4f p.u.", element, value, limit) + where + base;
            case NOT_CONVERGED -> "the AC power flow does not converge" + where;
        };
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
