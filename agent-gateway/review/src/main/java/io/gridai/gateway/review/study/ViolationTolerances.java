package io.gridai.gateway.review.study;

/**
 * What counts as a violation, and as a new one when a changed state is compared with its base.
 *
 * @param overloadPct        a branch is overloaded above this % of its rating (default {@value #OVERLOAD_PCT_DEFAULT})
 * @param loadingWorsenPct   a branch already overloaded in the base (same contingency) counts again when its loading
 *                           rises by more than this many percentage points (default
 *                           {@value #LOADING_WORSEN_PCT_DEFAULT})
 * @param voltageMarginPu    a bus violates when its voltage is outside [VMIN - margin, VMAX + margin] of the case
 *                           (default {@value #VOLTAGE_MARGIN_PU_DEFAULT})
 * @param voltageWorsenPu    a bus already violating in the base counts again when it moves further out by more than
 *                           this (default {@value #VOLTAGE_WORSEN_PU_DEFAULT})
 */
public record ViolationTolerances(double overloadPct, double loadingWorsenPct, double voltageMarginPu,
                                  double voltageWorsenPu) {

    public static final double OVERLOAD_PCT_DEFAULT = 100.0;
    public static final double LOADING_WORSEN_PCT_DEFAULT = 1.0;
    public static final double VOLTAGE_MARGIN_PU_DEFAULT = 0.0;
    public static final double VOLTAGE_WORSEN_PU_DEFAULT = 0.005;

    public ViolationTolerances {
        if (!(overloadPct > 0) || !(loadingWorsenPct >= 0) || !(voltageMarginPu >= 0) || !(voltageWorsenPu >= 0)) {
            throw new IllegalArgumentException("ViolationTolerances must be finite and non-negative (overloadPct > 0): "
                    + overloadPct + ", " + loadingWorsenPct + ", " + voltageMarginPu + ", " + voltageWorsenPu);
        }
    }

    public static ViolationTolerances defaults() {
        return new ViolationTolerances(OVERLOAD_PCT_DEFAULT, LOADING_WORSEN_PCT_DEFAULT, VOLTAGE_MARGIN_PU_DEFAULT,
                VOLTAGE_WORSEN_PU_DEFAULT);
    }
}
