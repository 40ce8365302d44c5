package io.gridai.sim.twin;

/**
 * How imperfect the twin's telemetry is, like a real SCADA/PMU feed. All off in {@link #none()}, which exactness
 * tests use. Probabilities are per emitted value per tick.
 *
 * @param seed                  seed of the pseudo-random generator (runs are repeatable)
 * @param noiseRelative         standard deviation of Gaussian noise, as a fraction of the value's magnitude
 * @param dropProbability       a reading is never sent
 * @param stuckProbability      a sensor freezes at its current value ...
 * @param stuckTicks            ... for this many ticks
 * @param spikeProbability      an out-of-range spike: the value multiplied by {@code spikeFactor}
 * @param spikeFactor           multiplier of a spike, e.g. 10
 * @param duplicateProbability  a reading is sent twice (same id)
 * @param lateProbability       a reading is held back ...
 * @param lateMaxTicks          ... by 1 to this many ticks, then sent with its original event time (out of order)
 */
public record ImperfectionSettings(long seed, double noiseRelative, double dropProbability, double stuckProbability,
        int stuckTicks, double spikeProbability, double spikeFactor, double duplicateProbability,
        double lateProbability, int lateMaxTicks) {

    public ImperfectionSettings {
        probability("dropProbability", dropProbability);
        probability("stuckProbability", stuckProbability);
        probability("spikeProbability", spikeProbability);
        probability("duplicateProbability", duplicateProbability);
        probability("lateProbability", lateProbability);
        if (!(noiseRelative >= 0)) {
            throw new IllegalArgumentException("noiseRelative must be >= 0, was " + noiseRelative);
        }
        if (stuckTicks < 1 || lateMaxTicks < 1) {
            throw new IllegalArgumentException("stuckTicks and lateMaxTicks must be at least 1");
        }
    }

    /** Perfect telemetry: every value exact, once, on time. */
    public static ImperfectionSettings none() {
        return new ImperfectionSettings(0, 0, 0, 0, 1, 0, 1, 0, 0, 1);
    }

    /** A plausible field feed: 0.5 % noise, 0.1 % drops, rare stuck sensors and spikes, some duplicates and late data. */
    public static ImperfectionSettings realistic(long seed) {
        return new ImperfectionSettings(seed, 0.005, 0.001, 0.0001, 30, 0.00005, 10, 0.001, 0.002, 5);
    }

    public boolean isNone() {
        return noiseRelative == 0 && dropProbability == 0 && stuckProbability == 0 && spikeProbability == 0
                && duplicateProbability == 0 && lateProbability == 0;
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + p);
        }
    }
}
