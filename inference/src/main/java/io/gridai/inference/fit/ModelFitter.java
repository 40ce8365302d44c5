package io.gridai.inference.fit;

import io.gridai.inference.features.Feature;
import io.gridai.inference.features.FeatureBuilder;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.train.LoadBaseline;
import io.gridai.inference.train.QuantileCalibration;
import io.gridai.inference.train.QuantileGbmTrainer;
import io.gridai.inference.train.TrainedModel;
import io.gridai.inference.train.TrainingOptions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fits one forecast model the way every GridAI model is fitted: the trees learn the load less a baseline (the mean
 * of the same hour last week and on the last known day, {@link #BASELINE}); they boost on the older part of the
 * training rows while the pinball loss on the most recent part (the validation rows) chooses the number of rounds;
 * the validation residuals of that probe model give per-quantile shifts that make P10/P90 cover what they claim
 * out of sample (conformal calibration); then the model boosts again on all rows for that many rounds, takes the
 * shifts, and is stamped with its metadata.
 */
public final class ModelFitter {

    /**
     * The trees learn the load less the mean of these known lags (the same hour a week back and on the last known
     * day): on the France 2015–2018 validation days this cut the P50 MAPE from 1.92 % to 1.70 % and the pinball loss
     * from 330 to 306 MW against trees on the load itself (the weekly lag alone: 1.99 %; the last known day alone:
     * 1.73 %; with max_depth 8: 1.78 %). France 2019, scored once for this choice: MAPE 1.97 → 1.83 %.
     */
    public static final LoadBaseline BASELINE = LoadBaseline.meanOf(List.of(
            Feature.LOAD_SAME_HOUR_LAST_WEEK.featureName(), Feature.LOAD_SAME_HOUR_LAST_KNOWN_DAY.featureName()));

    private ModelFitter() {
    }

    /**
     * A fitted model: the trainer's own model (for its predictions), the same without calibration (for comparison),
     * the calibration, its metadata and its ONNX bytes.
     */
    public record Fitted(TrainedModel model, TrainedModel uncalibrated, QuantileCalibration calibration,
            ModelMetadata metadata, byte[] onnx) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
            uncalibrated.close();
        }
    }

    /**
     * @param versionPrefix the version is {@code <prefix>-<UTC time of fitting>}, e.g. {@code day-ahead-20261129T0700Z}
     * @param fit           the older training rows
     * @param validation    the most recent training rows, used only to choose the number of rounds
     * @param all           {@code fit} and {@code validation} together, which the final model is trained on
     */
    public static Fitted fit(Horizon horizon, String versionPrefix, FeatureBuilder features, String country,
            TrainingRows fit, TrainingRows validation, TrainingRows all, Instant trainedFrom, Instant trainedUntil,
            TrainingOptions training, Consumer<String> progress) {
        if (fit.rows() == 0 || validation.rows() == 0) {
            throw new IllegalArgumentException("not enough training data: " + fit.rows() + " rows to fit and "
                    + validation.rows() + " to validate; give more history before the end of training");
        }
        QuantileGbmTrainer trainer = new QuantileGbmTrainer();
        long t0 = System.nanoTime();
        int rounds;
        double validationLoss;
        QuantileCalibration calibration;
        try (TrainedModel probe = trainer.train(fit.x(), fit.rows(), features.names(), fit.y(), validation.x(),
                validation.rows(), validation.y(), training, BASELINE)) {
            rounds = Math.max(1, probe.rounds());
            validationLoss = probe.validationLoss();
            progress.accept(String.format(Locale.ROOT, "      validation picked %d rounds (pinball %.1f) in %.1f s;"
                    + " retraining on all %d rows", rounds, validationLoss, (System.nanoTime() - t0) / 1e9, all.rows()));
            calibration = QuantileCalibration.measure(probe.predict(validation.x(), validation.rows()),
                    validation.y(), validation.rows(), training.quantiles());
            progress.accept(String.format(Locale.ROOT, "      calibration on the validation rows: shifts %s,"
                    + " outer-quantile coverage %.3f → %.3f", Arrays.toString(calibration.shifts()),
                    calibration.coverageBefore(), calibration.coverageAfter()));
        }
        t0 = System.nanoTime();
        TrainedModel uncalibrated = trainer.train(all.x(), all.rows(), features.names(), all.y(), null, 0, null,
                training.withRounds(rounds).withEarlyStoppingRounds(0), BASELINE);
        TrainedModel trained = uncalibrated.calibrated(calibration);
        progress.accept(String.format(Locale.ROOT, "      trained in %.1f s", (System.nanoTime() - t0) / 1e9));
        float[] fitted = trained.predict(all.x(), all.rows());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_mape", mape(fitted, all.y(), all.rows(), training.quantiles().size()));
        metrics.put("validation_pinball", validationLoss);
        metrics.put("rounds", (double) rounds);
        metrics.put("training_rows", (double) all.rows());
        for (int j = 0; j < training.quantiles().size(); j++) {
            metrics.put(QuantileCalibration.shiftMetric(training.quantiles().get(j)), (double) calibration.shifts()[j]);
        }
        metrics.put("validation_coverage_uncalibrated", calibration.coverageBefore());
        metrics.put("validation_coverage_calibrated", calibration.coverageAfter());
        String version = versionPrefix + "-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC).format(Instant.now());
        ModelMetadata metadata = new ModelMetadata(version, horizon, features.names(), training.quantiles(),
                features.zone().getId(), country, trainedFrom, trainedUntil, metrics,
                String.format(Locale.ROOT, "XGBoost reg:quantileerror on load less the mean of %s, %d rounds,"
                        + " conformal shifts %s, %s", BASELINE.features(), rounds,
                        Arrays.toString(calibration.shifts()), training));
        return new Fitted(trained, uncalibrated, calibration, metadata, trained.toOnnx(metadata));
    }

    /** MAPE (%) of the median column against the labels (labels of 0 are skipped). */
    public static double mape(float[] predictions, float[] actual, int rows, int quantiles) {
        int median = quantiles / 2;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < rows; i++) {
            if (actual[i] != 0 && !Float.isNaN(actual[i])) {
                sum += Math.abs(predictions[i * quantiles + median] - actual[i]) / Math.abs(actual[i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : 100 * sum / n;
    }
}
