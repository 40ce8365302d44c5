package io.gridai.inference.train;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Trains gradient-boosted quantile trees with XGBoost ({@code reg:quantileerror}, {@code hist}): one model, one tree
 * per quantile and round, all quantiles from the same features. XGBoost (3.4) sorts each predicted row, so the
 * quantiles never cross; the ONNX export does the same.
 *
 * <p>Missing features are {@link Float#NaN}: XGBoost learns a default direction per split, and the ONNX export
 * ({@link TrainedModel#toOnnx}) follows the same directions. With a validation set and
 * {@link TrainingOptions#earlyStoppingRounds()} &gt; 0, training stops once the validation pinball loss has not
 * improved for that many rounds, and the model keeps exactly the best round's trees (it is retrained for that many
 * rounds: boosting does not look at the validation set, so the trees are the same ones). Same data, same options
 * (seed and threads included) → the same model.
 */
public final class QuantileGbmTrainer {

    /** XGBoost's pinball-loss metric, averaged over the quantiles. */
    static final String EVAL_METRIC = "quantile";
    private static final String VALIDATION = "validation";

    /**
     * Trains a model.
     *
     * @param x              {@code rows × featureNames.size()} floats, row-major, NaN where a feature is unknown
     * @param featureNames   the column names, distinct
     * @param y              one finite target per row
     * @param validationX    rows for early stopping and {@link TrainedModel#validationLoss()}, or null for none
     * @param validationRows rows in {@code validationX}
     * @param validationY    targets of the validation rows, or null when {@code validationX} is
     */
    public TrainedModel train(float[] x, int rows, List<String> featureNames, float[] y,
                              float[] validationX, int validationRows, float[] validationY, TrainingOptions options) {
        return train(x, rows, featureNames, y, validationX, validationRows, validationY, options, LoadBaseline.none());
    }

    /**
     * Trains trees on {@code y − baseline} ({@link LoadBaseline}); the model adds the baseline back. The baseline's
     * fallback (for rows where all its columns are missing) becomes the mean training target.
     */
    public TrainedModel train(float[] x, int rows, List<String> featureNames, float[] y,
                              float[] validationX, int validationRows, float[] validationY, TrainingOptions options,
                              LoadBaseline baseline) {
        if (!baseline.isNone()) {
            checkFeatures(featureNames);
            checkRows("training", x, rows, featureNames.size(), y);
            baseline.columns(featureNames);
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += y[r] / (double) rows;
            }
            LoadBaseline fitted = baseline.withFallback((float) mean);
            float[] residual = minus(y, fitted.offsets(x, rows, featureNames), rows);
            float[] validationResidual = validationX == null || validationY == null ? validationY
                    : minus(validationY, fitted.offsets(validationX, validationRows, featureNames), validationRows);
            return train(x, rows, featureNames, residual, validationX, validationRows, validationResidual, options,
                    LoadBaseline.none()).withBaseline(fitted);
        }
        int features = checkFeatures(featureNames);
        checkRows("training", x, rows, features, y);
        boolean validated = validationX != null || validationY != null;
        if (validated) {
            if (validationX == null || validationY == null) {
                throw new IllegalArgumentException("validation set needs both validationX and validationY; one is null");
            }
            checkRows("validation", validationX, validationRows, features, validationY);
        }

        DMatrix train = null;
        DMatrix validation = null;
        try {
            train = matrix(x, rows, features, y);
            if (!validated) {
                return new TrainedModel(boost(train, options, options.rounds()), featureNames, options.quantiles(),
                        options.rounds(), Double.NaN);
            }
            validation = matrix(validationX, validationRows, features, validationY);
            return trainWithValidation(train, validation, featureNames, options);
        } catch (XGBoostError e) {
            throw new TrainingException("XGBoost training failed: " + e.getMessage(), e);
        } finally {
            if (train != null) {
                train.dispose();
            }
            if (validation != null) {
                validation.dispose();
            }
        }
    }

    /**
     * Boosts round by round, measuring the validation loss after each; with early stopping, retrains for the best
     * round count (boosting never looks at the validation set, so these are the same trees).
     */
    private static TrainedModel trainWithValidation(DMatrix train, DMatrix validation, List<String> featureNames,
                                                    TrainingOptions options) throws XGBoostError {
        // Zero rounds: a booster whose prediction cache holds both sets, boosted below without XGBoost's console log.
        Booster booster = XGBoost.train(train, params(options), 0, Map.of(VALIDATION, validation), null, null);
        DMatrix[] sets = {validation};
        String[] names = {VALIDATION};
        double bestLoss = Double.POSITIVE_INFINITY;
        double lastLoss = Double.NaN;
        int bestRounds = 0;
        int trained = 0;
        while (trained < options.rounds()) {
            booster.update(train, trained);
            lastLoss = loss(booster.evalSet(sets, names, trained));
            trained++;
            if (lastLoss < bestLoss) {
                bestLoss = lastLoss;
                bestRounds = trained;
            } else if (options.earlyStoppingRounds() > 0 && trained - bestRounds >= options.earlyStoppingRounds()) {
                break;
            }
        }
        if (options.earlyStoppingRounds() == 0) {
            return new TrainedModel(booster, featureNames, options.quantiles(), trained, lastLoss);
        }
        if (bestRounds < trained) {
            booster.dispose();
            booster = boost(train, options, bestRounds);
        }
        return new TrainedModel(booster, featureNames, options.quantiles(), bestRounds, bestLoss);
    }

    private static float[] minus(float[] y, float[] offsets, int rows) {
        if (y.length != rows) {
            return y; // checkRows reports it
        }
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = y[r] - offsets[r];
        }
        return out;
    }

    /** The metric of {@code "[12]\tvalidation-quantile:11.45"}. */
    static double loss(String evaluation) {
        int colon = evaluation.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalStateException("XGBoost evaluation '" + evaluation + "' has no metric value");
        }
        return Double.parseDouble(evaluation.substring(colon + 1).strip());
    }

    private static Booster boost(DMatrix train, TrainingOptions options, int rounds) throws XGBoostError {
        return XGBoost.train(train, params(options), rounds, Map.of(), null, null);
    }

    /** XGBoost's parameters for {@code options}. */
    static Map<String, Object> params(TrainingOptions options) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "reg:quantileerror");
        params.put("quantile_alpha", options.quantiles().stream().map(q -> Double.toString(q))
                .collect(Collectors.joining(",", "[", "]")));
        params.put("tree_method", "hist");
        params.put("max_depth", options.maxDepth());
        params.put("eta", options.eta());
        params.put("subsample", options.subsample());
        params.put("colsample_bytree", options.colsampleByTree());
        params.put("min_child_weight", options.minChildWeight());
        params.put("lambda", options.lambda());
        params.put("nthread", options.threads());
        params.put("seed", options.seed());
        params.put("eval_metric", EVAL_METRIC);
        params.put("verbosity", 1);
        return params;
    }

    private static DMatrix matrix(float[] x, int rows, int features, float[] y) throws XGBoostError {
        DMatrix matrix = new DMatrix(x, rows, features, Float.NaN);
        try {
            matrix.setLabel(y);
            return matrix;
        } catch (XGBoostError e) {
            matrix.dispose();
            throw e;
        }
    }

    private static int checkFeatures(List<String> featureNames) {
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("featureNames is empty; a model needs at least one input");
        }
        if (new HashSet<>(featureNames).size() != featureNames.size()) {
            throw new IllegalArgumentException("featureNames has duplicates: " + featureNames);
        }
        return featureNames.size();
    }

    private static void checkRows(String set, float[] x, int rows, int features, float[] y) {
        if (rows < 1) {
            throw new IllegalArgumentException(set + " set has " + rows + " rows; needs at least one");
        }
        if (x.length != (long) rows * features) {
            throw new IllegalArgumentException(set + " set: " + rows + " rows of " + features + " features need "
                    + (long) rows * features + " values but x has " + x.length);
        }
        if (y.length != rows) {
            throw new IllegalArgumentException(set + " set: " + rows + " rows but " + y.length + " targets");
        }
        for (int r = 0; r < rows; r++) {
            if (!Float.isFinite(y[r])) {
                throw new IllegalArgumentException(set + " set: target of row " + r + " is " + y[r]
                        + "; drop rows without a measured target before training");
            }
        }
    }
}
