package io.gridai.inference.model;

/**
 * A loaded load-forecast model: feature rows in, quantiles out, in batches.
 *
 * <p>Input is row-major: {@code rows} rows of {@code metadata().features().size()} floats, {@link Float#NaN}
 * where a feature is unknown. Output is row-major too: {@code rows} rows of {@code metadata().quantiles().size()}
 * floats, raw model output (quantiles may cross; callers that publish sort them). Implementations are safe for
 * concurrent {@code predict} calls.
 */
public interface ForecastModel extends AutoCloseable {

    ModelMetadata metadata();

    /** The execution provider the model runs on, e.g. {@code CPU} or {@code CUDA}. */
    String executionProvider();

    /** Runs {@code rows} rows from {@code input[0 .. rows*features)} into {@code output[0 .. rows*quantiles)}. */
    void predict(float[] input, int rows, float[] output);

    /** Convenience: one array per row in and out. */
    default float[][] predict(float[][] rows) {
        int features = metadata().features().size();
        int quantiles = metadata().quantiles().size();
        float[] input = new float[rows.length * features];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != features) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " features but model "
                        + metadata().version() + " takes " + features + ": " + metadata().features());
            }
            System.arraycopy(rows[r], 0, input, r * features, features);
        }
        float[] output = new float[rows.length * quantiles];
        predict(input, rows.length, output);
        float[][] result = new float[rows.length][quantiles];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(output, r * quantiles, result[r], 0, quantiles);
        }
        return result;
    }

    @Override
    void close();
}
