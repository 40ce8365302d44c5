package io.gridai.inference.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a forecast model file says about itself (ONNX {@code metadata_props}): everything a server needs to feed it
 * and to trust its output, without the training code.
 *
 * @param version      the model version, unique per zone, e.g. {@code fr-day-ahead-20261129T0700Z}
 * @param horizon      which forecast it makes
 * @param features     the input tensor's columns, in order; names from {@code io.gridai.inference.features.FeatureBuilder}
 * @param quantiles    the output tensor's columns, in order, strictly increasing in (0, 1)
 * @param timeZone     the IANA zone the calendar features are computed in, e.g. {@code Europe/Paris}
 * @param country      the ISO 3166 country whose public holidays are features, or {@code ""} for none
 * @param trainedFrom  first target hour of the training data (inclusive)
 * @param trainedUntil end of the training data (exclusive)
 * @param metrics      figures measured on the training or validation data, e.g. {@code train_mape}
 * @param trainer      what trained it and with which settings, for humans
 */
public record ModelMetadata(
        String version,
        Horizon horizon,
        List<String> features,
        List<Double> quantiles,
        String timeZone,
        String country,
        Instant trainedFrom,
        Instant trainedUntil,
        Map<String, Double> metrics,
        String trainer) {

    /** Keys of the ONNX {@code metadata_props}. */
    public static final String KEY_PREFIX = "gridai.";

    /** The forecasts a model makes. */
    public enum Horizon {
        /** Issued once a day at a fixed local time for every hour of the next local day. */
        DAY_AHEAD,
        /** Issued every hour for the next hours. */
        INTRADAY
    }

    public ModelMetadata {
        requireText(version, "version");
        Objects.requireNonNull(horizon, "ModelMetadata.horizon");
        features = List.copyOf(features);
        quantiles = List.copyOf(quantiles);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("ModelMetadata.features is empty; a model needs at least one input");
        }
        if (quantiles.isEmpty()) {
            throw new IllegalArgumentException("ModelMetadata.quantiles is empty; give e.g. [0.1, 0.5, 0.9]");
        }
        for (int i = 0; i < quantiles.size(); i++) {
            double q = quantiles.get(i);
            if (!(q > 0 && q < 1) || (i > 0 && q <= quantiles.get(i - 1))) {
                throw new IllegalArgumentException("ModelMetadata.quantiles must be strictly increasing in (0, 1) but were "
                        + quantiles);
            }
        }
        java.time.ZoneId.of(requireText(timeZone, "timeZone"));
        country = country == null ? "" : country;
        Objects.requireNonNull(trainedFrom, "ModelMetadata.trainedFrom");
        Objects.requireNonNull(trainedUntil, "ModelMetadata.trainedUntil");
        metrics = Map.copyOf(metrics);
        trainer = trainer == null ? "" : trainer;
    }

    /** The same metadata under another version (the registry stamps versions). */
    public ModelMetadata withVersion(String newVersion) {
        return new ModelMetadata(newVersion, horizon, features, quantiles, timeZone, country, trainedFrom,
                trainedUntil, metrics, trainer);
    }

    /** The same metadata with more metrics (later keys win). */
    public ModelMetadata withMetrics(Map<String, Double> more) {
        Map<String, Double> merged = new LinkedHashMap<>(metrics);
        merged.putAll(more);
        return new ModelMetadata(version, horizon, features, quantiles, timeZone, country, trainedFrom,
                trainedUntil, merged, trainer);
    }

    /** As ONNX {@code metadata_props}: flat string keys under {@link #KEY_PREFIX}. */
    public Map<String, String> toProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(KEY_PREFIX + "version", version);
        props.put(KEY_PREFIX + "horizon", horizon.name());
        props.put(KEY_PREFIX + "features", String.join(",", features));
        props.put(KEY_PREFIX + "quantiles", quantiles.stream().map(q -> Double.toString(q))
                .collect(Collectors.joining(",")));
        props.put(KEY_PREFIX + "time-zone", timeZone);
        props.put(KEY_PREFIX + "country", country);
        props.put(KEY_PREFIX + "trained-from", trainedFrom.toString());
        props.put(KEY_PREFIX + "trained-until", trainedUntil.toString());
        metrics.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                props.put(KEY_PREFIX + "metric." + e.getKey(), String.format(Locale.ROOT, "%.6g", e.getValue())));
        props.put(KEY_PREFIX + "trainer", trainer);
        return props;
    }

    /** Reads what {@link #toProperties()} wrote; names the missing key when one is absent. */
    public static ModelMetadata fromProperties(Map<String, String> props) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(KEY_PREFIX + "metric.")) {
                metrics.put(k.substring((KEY_PREFIX + "metric.").length()), Double.parseDouble(v));
            }
        });
        return new ModelMetadata(
                required(props, "version"),
                Horizon.valueOf(required(props, "horizon")),
                List.of(required(props, "features").split(",")),
                java.util.Arrays.stream(required(props, "quantiles").split(",")).map(Double::valueOf).toList(),
                required(props, "time-zone"),
                props.getOrDefault(KEY_PREFIX + "country", ""),
                Instant.parse(required(props, "trained-from")),
                Instant.parse(required(props, "trained-until")),
                metrics,
                props.getOrDefault(KEY_PREFIX + "trainer", ""));
    }

    private static String required(Map<String, String> props, String key) {
        String value = props.get(KEY_PREFIX + key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("model metadata has no " + KEY_PREFIX + key
                    + "; this file was not written by GridAI's trainer — retrain or re-export it");
        }
        return value;
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("ModelMetadata." + field + " is blank");
        }
        return value;
    }
}
