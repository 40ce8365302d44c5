package io.gridai.sim.twin;

/**
 * Parameters of the aggregate (single-bus) frequency model, on the system base {@code S} = sum of the
 * online generators' ratings (MW).
 *
 * @param nominalHz         nominal frequency f0 (Hz), 50 or 60
 * @param inertiaSeconds    aggregate inertia constant H (s): kinetic energy at f0 = H·S
 * @param droopPu           governor droop R (p.u. frequency per p.u. power), e.g. 0.05 = 5 %
 * @param dampingPu         load damping D (p.u. power per p.u. frequency)
 * @param governorSeconds   governor/turbine time constant Tg (s)
 * @param agcGainPerSecond  secondary control (AGC) integral gain Ki (p.u. power per p.u. frequency per second)
 */
public record FrequencyParameters(double nominalHz, double inertiaSeconds, double droopPu, double dampingPu,
        double governorSeconds, double agcGainPerSecond) {

    /** Default nominal frequency (Hz); RTS-GMLC and the IEEE cases are 60 Hz systems. */
    public static final double DEFAULT_NOMINAL_HZ = 60.0;
    /** Default H (s): a thermal-dominated system. */
    public static final double DEFAULT_INERTIA_S = 5.0;
    /** Default R: 5 % droop. */
    public static final double DEFAULT_DROOP_PU = 0.05;
    /** Default D: 1 % load change per 1 % frequency change. */
    public static final double DEFAULT_DAMPING_PU = 1.0;
    /** Default Tg (s). */
    public static final double DEFAULT_GOVERNOR_S = 0.5;
    /** Default Ki (1/s): restores nominal frequency within about a minute. */
    public static final double DEFAULT_AGC_GAIN = 0.5;

    public FrequencyParameters {
        positive("nominalHz", nominalHz);
        positive("inertiaSeconds", inertiaSeconds);
        positive("droopPu", droopPu);
        nonNegative("dampingPu", dampingPu);
        positive("governorSeconds", governorSeconds);
        nonNegative("agcGainPerSecond", agcGainPerSecond);
    }

    public static FrequencyParameters defaults() {
        return new FrequencyParameters(DEFAULT_NOMINAL_HZ, DEFAULT_INERTIA_S, DEFAULT_DROOP_PU, DEFAULT_DAMPING_PU,
                DEFAULT_GOVERNOR_S, DEFAULT_AGC_GAIN);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be zero or a positive finite number, was " + v);
        }
    }
}
