package io.gridai.inference.train;

import io.gridai.inference.model.ModelMetadata;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic hourly load (MW) with calendar, weather and lag features, some of them missing, and noise whose spread
 * grows with temperature — so the quantiles differ in more than an offset.
 *
 * <pre>
 *   load = 1000 + 180·sin(2π·hour/24) + 60·weekday − 90·holiday + 8·|temp − 15| + 0.3·(lag24 − 1000) + noise
 *   noise ~ Normal(0, 20 + 2·|temp − 15|)
 * </pre>
 *
 * Missing (NaN): {@code temperature} 8 %, {@code load_lag_24h} 10 %, {@code load_lag_168h} 5 % of the rows.
 *
 * @param x     rows × {@link #FEATURES} floats, row-major
 * @param y     measured load, noise included
 * @param truth load without noise (the median)
 * @param rows  row count
 */
public record SyntheticLoad(float[] x, float[] y, float[] truth, int rows) {

    public static final List<String> FEATURES = List.of("hour_sin", "hour_cos", "weekday", "holiday", "temperature",
            "temperature_24h_mean", "load_lag_24h", "load_lag_168h");

    public static SyntheticLoad generate(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int f = FEATURES.size();
        float[] x = new float[rows * f];
        float[] y = new float[rows];
        float[] truth = new float[rows];
        for (int r = 0; r < rows; r++) {
            int hour = r % 24;
            int day = (r / 24) % 7;
            double hourSin = Math.sin(2 * Math.PI * hour / 24);
            double weekday = day < 5 ? 1 : 0;
            double holiday = random.nextDouble() < 0.03 ? 1 : 0;
            double temperature = 15 + 12 * Math.sin(2 * Math.PI * r / (24 * 365.0)) + 6 * random.nextGaussian();
            double lag24 = 1000 + 150 * random.nextGaussian();
            double lag168 = lag24 + 30 * random.nextGaussian();
            double centre = 1000 + 180 * hourSin + 60 * weekday - 90 * holiday + 8 * Math.abs(temperature - 15)
                    + 0.3 * (lag24 - 1000);
            double spread = 20 + 2 * Math.abs(temperature - 15);
            truth[r] = (float) centre;
            y[r] = (float) (centre + spread * random.nextGaussian());
            int o = r * f;
            x[o] = (float) hourSin;
            x[o + 1] = (float) Math.cos(2 * Math.PI * hour / 24);
            x[o + 2] = (float) weekday;
            x[o + 3] = (float) holiday;
            x[o + 4] = random.nextDouble() < 0.08 ? Float.NaN : (float) temperature;
            x[o + 5] = (float) (temperature + 2 * random.nextGaussian());
            x[o + 6] = random.nextDouble() < 0.10 ? Float.NaN : (float) lag24;
            x[o + 7] = random.nextDouble() < 0.05 ? Float.NaN : (float) lag168;
        }
        return new SyntheticLoad(x, y, truth, rows);
    }

    /** Metadata as the trainer would write it for a model on these features. */
    public static ModelMetadata metadata(String version, List<String> features, List<Double> quantiles) {
        return new ModelMetadata(version, ModelMetadata.Horizon.DAY_AHEAD, features, quantiles, "Europe/Paris", "FR",
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
                Map.of("train_mape", 0.031, "validation_pinball", 11.5), "QuantileGbmTrainer test fixture");
    }

    public int features() {
        return FEATURES.size();
    }
}
