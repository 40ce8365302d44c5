package io.gridai.inference.train;

import java.util.List;

/**
 * Settings of {@link QuantileGbmTrainer}: XGBoost's {@code hist} trees with the {@code reg:quantileerror} objective,
 * one tree per quantile and round. Defaults are the {@code DEFAULT_*} constants ({@link #defaults()}).
 *
 * @param rounds              boosting rounds at most (XGBoost {@code num_boost_round}); default {@value #DEFAULT_ROUNDS}
 * @param maxDepth            depth of each tree ({@code max_depth}); default {@value #DEFAULT_MAX_DEPTH}
 * @param eta                 learning rate ({@code eta}); default {@value #DEFAULT_ETA}
 * @param subsample           fraction of rows drawn per tree, (0, 1] ({@code subsample}); default {@value #DEFAULT_SUBSAMPLE}
 * @param colsampleByTree     fraction of features drawn per tree, (0, 1] ({@code colsample_bytree}); default
 *                            {@value #DEFAULT_COLSAMPLE_BY_TREE}
 * @param minChildWeight      least hessian sum in a child ({@code min_child_weight}); default
 *                            {@value #DEFAULT_MIN_CHILD_WEIGHT}
 * @param lambda              L2 regularisation of leaf weights ({@code lambda}); default {@value #DEFAULT_LAMBDA}
 * @param threads             training threads ({@code nthread}), ≥ 1; default {@value #DEFAULT_THREADS}
 *                            (training on the same data with the same seed and threads gives the same model)
 * @param seed                random seed ({@code seed}) of row and feature sampling; default
 *                            {@value #DEFAULT_SEED}
 * @param quantiles           the quantiles to predict, strictly increasing in (0, 1); default 0.1, 0.5, 0.9
 * @param earlyStoppingRounds stop when the validation pinball loss has not improved for this many rounds and keep the
 *                            best round's trees; 0 = never stop early. Needs a validation set. Default
 *                            {@value #DEFAULT_EARLY_STOPPING_ROUNDS}.
 */
public record TrainingOptions(
        int rounds,
        int maxDepth,
        double eta,
        double subsample,
        double colsampleByTree,
        double minChildWeight,
        double lambda,
        int threads,
        long seed,
        List<Double> quantiles,
        int earlyStoppingRounds) {

    public static final int DEFAULT_ROUNDS = 300;
    public static final int DEFAULT_MAX_DEPTH = 6;
    public static final double DEFAULT_ETA = 0.05;
    public static final double DEFAULT_SUBSAMPLE = 0.8;
    public static final double DEFAULT_COLSAMPLE_BY_TREE = 0.8;
    public static final double DEFAULT_MIN_CHILD_WEIGHT = 1.0;
    public static final double DEFAULT_LAMBDA = 1.0;
    public static final int DEFAULT_THREADS = 1;
    public static final long DEFAULT_SEED = 42;
    public static final List<Double> DEFAULT_QUANTILES = List.of(0.1, 0.5, 0.9);
    public static final int DEFAULT_EARLY_STOPPING_ROUNDS = 30;

    public TrainingOptions {
        quantiles = List.copyOf(quantiles);
        requireAtLeast(rounds, 1, "rounds");
        requireAtLeast(maxDepth, 1, "maxDepth");
        requireAtLeast(threads, 1, "threads");
        requireAtLeast(earlyStoppingRounds, 0, "earlyStoppingRounds");
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("TrainingOptions.eta must be in (0, 1] but was " + eta);
        }
        requireFraction(subsample, "subsample");
        requireFraction(colsampleByTree, "colsampleByTree");
        if (!(minChildWeight >= 0) || !(lambda >= 0)) {
            throw new IllegalArgumentException("TrainingOptions.minChildWeight and lambda must be ≥ 0 but were "
                    + minChildWeight + " and " + lambda);
        }
        if (quantiles.isEmpty()) {
            throw new IllegalArgumentException("TrainingOptions.quantiles is empty; give e.g. [0.1, 0.5, 0.9]");
        }
        for (int i = 0; i < quantiles.size(); i++) {
            double q = quantiles.get(i);
            if (!(q > 0 && q < 1) || (i > 0 && q <= quantiles.get(i - 1))) {
                throw new IllegalArgumentException("TrainingOptions.quantiles must be strictly increasing in (0, 1) but were "
                        + quantiles);
            }
        }
    }

    /** All defaults. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(DEFAULT_ROUNDS, DEFAULT_MAX_DEPTH, DEFAULT_ETA, DEFAULT_SUBSAMPLE,
                DEFAULT_COLSAMPLE_BY_TREE, DEFAULT_MIN_CHILD_WEIGHT, DEFAULT_LAMBDA, DEFAULT_THREADS, DEFAULT_SEED,
                DEFAULT_QUANTILES, DEFAULT_EARLY_STOPPING_ROUNDS);
    }

    public TrainingOptions withRounds(int newRounds) {
        return new TrainingOptions(newRounds, maxDepth, eta, subsample, colsampleByTree, minChildWeight, lambda, threads,
                seed, quantiles, earlyStoppingRounds);
    }

    public TrainingOptions withMaxDepth(int newMaxDepth) {
        return new TrainingOptions(rounds, newMaxDepth, eta, subsample, colsampleByTree, minChildWeight, lambda, threads,
                seed, quantiles, earlyStoppingRounds);
    }

    public TrainingOptions withEta(double newEta) {
        return new TrainingOptions(rounds, maxDepth, newEta, subsample, colsampleByTree, minChildWeight, lambda, threads,
                seed, quantiles, earlyStoppingRounds);
    }

    public TrainingOptions withThreads(int newThreads) {
        return new TrainingOptions(rounds, maxDepth, eta, subsample, colsampleByTree, minChildWeight, lambda, newThreads,
                seed, quantiles, earlyStoppingRounds);
    }

    public TrainingOptions withSeed(long newSeed) {
        return new TrainingOptions(rounds, maxDepth, eta, subsample, colsampleByTree, minChildWeight, lambda, threads,
                newSeed, quantiles, earlyStoppingRounds);
    }

    public TrainingOptions withQuantiles(List<Double> newQuantiles) {
        return new TrainingOptions(rounds, maxDepth, eta, subsample, colsampleByTree, minChildWeight, lambda, threads,
                seed, newQuantiles, earlyStoppingRounds);
    }

    public TrainingOptions withEarlyStoppingRounds(int newEarlyStoppingRounds) {
        return new TrainingOptions(rounds, maxDepth, eta, subsample, colsampleByTree, minChildWeight, lambda, threads,
                seed, quantiles, newEarlyStoppingRounds);
    }

    private static void requireAtLeast(int value, int least, String field) {
        if (value < least) {
            throw new IllegalArgumentException("TrainingOptions." + field + " must be ≥ " + least + " but was " + value);
        }
    }

    private static void requireFraction(double value, String field) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("TrainingOptions." + field + " must be in (0, 1] but was " + value);
        }
    }
}
