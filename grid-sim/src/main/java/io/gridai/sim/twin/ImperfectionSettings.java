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

    /**
     * Reads settings from text: {@code none}, {@code realistic}, or a comma-separated list of {@code key=value}
     * applied over the {@code none} or {@code realistic} defaults named first, e.g.
     * {@code realistic,noise=0.01,late=0.01} or {@code drop=0.05}. Keys: {@code seed}, {@code noise},
     * {@code drop}, {@code stuck}, {@code stuck-ticks}, {@code spike}, {@code spike-factor}, {@code duplicate},
     * {@code late}, {@code late-ticks}.
     */
    public static ImperfectionSettings parse(String text) {
        String[] items = text.trim().split("\\s*,\\s*");
        ImperfectionSettings s = items[0].equals("realistic") ? realistic(42) : none();
        int first = items[0].equals("realistic") || items[0].equals("none") ? 1 : 0;
        long seed = s.seed();
        double noise = s.noiseRelative();
        double drop = s.dropProbability();
        double stuck = s.stuckProbability();
        int stuckTicks = s.stuckTicks();
        double spike = s.spikeProbability();
        double spikeFactor = s.spikeFactor();
        double duplicate = s.duplicateProbability();
        double late = s.lateProbability();
        int lateTicks = s.lateMaxTicks();
        for (int i = first; i < items.length; i++) {
            String[] kv = items[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("imperfections: '" + items[i] + "' is not key=value; use none, realistic,"
                        + " or e.g. realistic,noise=0.01,drop=0.001");
            }
            try {
                switch (kv[0]) {
                    case "seed" -> seed = Long.parseLong(kv[1]);
                    case "noise" -> noise = Double.parseDouble(kv[1]);
                    case "drop" -> drop = Double.parseDouble(kv[1]);
                    case "stuck" -> stuck = Double.parseDouble(kv[1]);
                    case "stuck-ticks" -> stuckTicks = Integer.parseInt(kv[1]);
                    case "spike" -> spike = Double.parseDouble(kv[1]);
                    case "spike-factor" -> spikeFactor = Double.parseDouble(kv[1]);
                    case "duplicate" -> duplicate = Double.parseDouble(kv[1]);
                    case "late" -> late = Double.parseDouble(kv[1]);
                    case "late-ticks" -> lateTicks = Integer.parseInt(kv[1]);
                    default -> throw new IllegalArgumentException("imperfections: unknown key '" + kv[0] + "'; known: seed,"
                            + " noise, drop, stuck, stuck-ticks, spike, spike-factor, duplicate, late, late-ticks");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("imperfections: '" + items[i] + "' needs a number", e);
            }
        }
        return new ImperfectionSettings(seed, noise, drop, stuck, stuckTicks, spike, spikeFactor, duplicate, late, lateTicks);
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
