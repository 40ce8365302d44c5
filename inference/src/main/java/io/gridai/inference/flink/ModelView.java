package io.gridai.inference.flink;

import io.gridai.inference.features.FeatureBuilder;
import io.gridai.inference.features.Holidays;
import io.gridai.inference.model.ModelMetadata;
import java.time.ZoneId;
import java.util.List;

/**
 * What the forecast operator (and the offline runner) derive once from a model's metadata: its version, time zone,
 * feature builder and quantile levels. Not thread-safe (the feature builder caches holidays).
 */
public final class ModelView {

    /** The model's version, published in {@code Forecast.modelVersion}. */
    public final String version;
    /** The model's time zone: calendar features and the day-ahead issue time. */
    public final ZoneId timeZone;
    /** Fills the model's feature rows. */
    public final FeatureBuilder features;
    /** Consumption levels, as stored for scoring. */
    final float[] levels;
    /** The published (generator-sign) levels: {@code 1 - q}, increasing. */
    public final List<Double> publishedLevels;

    public ModelView(ModelMetadata metadata) {
        version = metadata.version();
        timeZone = ZoneId.of(metadata.timeZone());
        features = new FeatureBuilder(metadata.features(), timeZone, Holidays.of(metadata.country()));
        List<Double> q = metadata.quantiles();
        levels = new float[q.size()];
        Double[] published = new Double[q.size()];
        for (int j = 0; j < q.size(); j++) {
            levels[j] = q.get(j).floatValue();
            published[q.size() - 1 - j] = Math.round((1 - q.get(j)) * 1e9) / 1e9;
        }
        publishedLevels = List.of(published);
    }

    /** Quantiles per row. */
    public int quantiles() {
        return levels.length;
    }
}
