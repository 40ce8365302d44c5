package io.gridai.gateway.review.risk;

/**
 * How a proposal's risk is scored (see {@link RiskScoring}).
 *
 * @param mwScale      MW moved (sum of |target - live|) that counts as full risk on that term (default
 *                     {@value #MW_SCALE_DEFAULT})
 * @param marginScale  N-1 margin, percentage points below the overload threshold, under which the margin term rises
 *                     (default {@value #MARGIN_SCALE_DEFAULT}): a margin of 0 is full risk, {@code marginScale} or
 *                     more is none
 * @param mwWeight     weight of the MW moved term (default {@value #MW_WEIGHT_DEFAULT})
 * @param shareWeight  weight of the largest share of a unit's rating moved (default {@value #SHARE_WEIGHT_DEFAULT})
 * @param marginWeight weight of the N-1 margin term (default {@value #MARGIN_WEIGHT_DEFAULT})
 * @param lowBelow     a score below this is LOW (default {@value #LOW_BELOW_DEFAULT})
 * @param mediumBelow  below this MEDIUM (default {@value #MEDIUM_BELOW_DEFAULT})
 * @param highBelow    below this HIGH, else CRITICAL (default {@value #HIGH_BELOW_DEFAULT})
 */
public record RiskSettings(double mwScale, double marginScale, double mwWeight, double shareWeight, double marginWeight,
                           double lowBelow, double mediumBelow, double highBelow) {

    public static final double MW_SCALE_DEFAULT = 200.0;
    public static final double MARGIN_SCALE_DEFAULT = 20.0;
    public static final double MW_WEIGHT_DEFAULT = 0.4;
    public static final double SHARE_WEIGHT_DEFAULT = 0.3;
    public static final double MARGIN_WEIGHT_DEFAULT = 0.3;
    public static final double LOW_BELOW_DEFAULT = 0.25;
    public static final double MEDIUM_BELOW_DEFAULT = 0.5;
    public static final double HIGH_BELOW_DEFAULT = 0.75;

    public RiskSettings {
        if (!(mwScale > 0) || !(marginScale > 0) || !(mwWeight >= 0) || !(shareWeight >= 0) || !(marginWeight >= 0)
                || Math.abs(mwWeight + shareWeight + marginWeight - 1.0) > 1e-9
                || !(0 < lowBelow && lowBelow <= mediumBelow && mediumBelow <= highBelow && highBelow <= 1)) {
            throw new IllegalArgumentException("RiskSettings need positive scales, non-negative weights summing to 1 and"
                    + " 0 < lowBelow <= mediumBelow <= highBelow <= 1: " + mwScale + ", " + marginScale + ", " + mwWeight
                    + ", " + shareWeight + ", " + marginWeight + ", " + lowBelow + ", " + mediumBelow + ", " + highBelow);
        }
    }

    public static RiskSettings defaults() {
        return new RiskSettings(MW_SCALE_DEFAULT, MARGIN_SCALE_DEFAULT, MW_WEIGHT_DEFAULT, SHARE_WEIGHT_DEFAULT,
                MARGIN_WEIGHT_DEFAULT, LOW_BELOW_DEFAULT, MEDIUM_BELOW_DEFAULT, HIGH_BELOW_DEFAULT);
    }
}
