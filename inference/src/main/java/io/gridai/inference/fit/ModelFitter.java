package io.gridai.inference.fit;

import io.gridai.inference.features.FeatureBuilder;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.train.QuantileGbmTrainer;
import io.gridai.inference.train.TrainedModel;
import io.gridai.inference.train.TrainingOptions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fits one forecast model the way every GridAI model is fitted: boost on the older part of the training rows while
 * watching the pinball loss on the most recent part (the validation rows) to choose the number of rounds, then
 * boost again on all rows for that many rounds, and stamp the result with its metadata.
 */
public final class ModelFitter {

    private ModelFitter() {
    }

    /** A fitted model: the trainer's own model (for its predictions), its metadata and its ONNX bytes. */
    public record Fitted(TrainedModel model, ModelMetadata metadata, byte[] onnx) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
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
        try (TrainedModel probe = trainer.train(fit.x(), fit.rows(), features.names(), fit.y(), validation.x(),
                validation.rows(), validation.y(), training)) {
            rounds = Math.max(1, probe.rounds());
            validationLoss = probe.validationLoss();
            progress.accept(String.format(Locale.ROOT, "      validation picked %d rounds (pinball %.1f) in %.1f s;"
                    + " retraining on all %d rows", rounds, validationLoss, (System.nanoTime() - t0) / 1e9, all.rows()));
        }
        t0 = System.nanoTime();
        TrainedModel trained = trainer.train(all.x(), all.rows(), features.names(), all.y(), null, 0, null,
                training.withRounds(rounds).withEarlyStoppingRounds(0));
        progress.accept(String.format(Locale.ROOT, "      trained in %.1f s", (System.nanoTime() - t0) / 1e9));
        float[] fitted = trained.predict(all.x(), all.rows());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_mape", mape(fitted, all.y(), all.rows(), training.quantiles().size()));
        metrics.put("validation_pinball", validationLoss);
        metrics.put("rounds", (double) rounds);
        metrics.put("training_rows", (double) all.rows());
        String version = versionPrefix + "-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC).format(Instant.now());
        ModelMetadata metadata = new ModelMetadata(version, horizon, features.names(), training.quantiles(),
                features.zone().getId(), country, trainedFrom, trainedUntil, metrics,
                String.format(Locale.ROOT, "XGBoost reg:quantileerror, %d rounds, %s", rounds, training));
        return new Fitted(trained, metadata, trained.toOnnx(metadata));
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
