package io.gridai.inference.train;

import java.util.List;

/**
 * A baseline the trees correct instead of predicting the load from scratch: the mean of some feature columns (e.g.
 * the same hour last week and on the last known day), the trees learning {@code load − baseline}. Trees cannot
 * extrapolate a level they have not seen; a baseline carries the level and the trees the shape of the difference.
 * Row by row the baseline is the mean of the listed columns that are known (not NaN), or {@link #fallback()} when none
 * is. {@link TrainedModel#predict} and the ONNX export both add it back to every quantile.
 *
 * @param features the feature columns averaged, MW; empty for no baseline
 * @param fallback MW used when every listed column is missing (the trainer sets the training mean)
 */
public record LoadBaseline(List<String> features, float fallback) {

    public LoadBaseline {
        features = List.copyOf(features);
        if (!Float.isFinite(fallback)) {
            throw new IllegalArgumentException("LoadBaseline.fallback must be finite but was " + fallback);
        }
    }

    /** No baseline: the trees predict the load itself. */
    public static LoadBaseline none() {
        return new LoadBaseline(List.of(), 0f);
    }

    /** The mean of {@code features}; the trainer sets the fallback. */
    public static LoadBaseline meanOf(List<String> features) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("LoadBaseline.meanOf needs at least one feature");
        }
        return new LoadBaseline(features, 0f);
    }

    public boolean isNone() {
        return features.isEmpty();
    }

    public LoadBaseline withFallback(float newFallback) {
        return new LoadBaseline(features, newFallback);
    }

    /** The positions of {@link #features()} in {@code featureNames}. */
    public int[] columns(List<String> featureNames) {
        int[] columns = new int[features.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = featureNames.indexOf(features.get(i));
            if (columns[i] < 0) {
                throw new IllegalArgumentException("baseline feature '" + features.get(i) + "' is not among the model's"
                        + " features " + featureNames);
            }
        }
        return columns;
    }

    /**
     * The baseline of each row, in float arithmetic as the ONNX graph computes it (sum of the known columns in order,
     * divided by their count).
     */
    public float[] offsets(float[] x, int rows, List<String> featureNames) {
        float[] offsets = new float[rows];
        if (isNone()) {
            return offsets;
        }
        int[] columns = columns(featureNames);
        int width = featureNames.size();
        for (int r = 0; r < rows; r++) {
            float sum = 0f;
            float known = 0f;
            for (int c : columns) {
                float v = x[r * width + c];
                if (!Float.isNaN(v)) {
                    sum += v;
                    known += 1f;
                }
            }
            float mean = sum / known;
            offsets[r] = Float.isNaN(mean) ? fallback : mean;
        }
        return offsets;
    }
}
