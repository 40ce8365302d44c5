package io.gridai.inference.train;

import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.onnx.XgboostJsonModel;
import io.gridai.inference.onnx.XgboostOnnxWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A quantile model fresh from {@link QuantileGbmTrainer}: predicts with XGBoost itself (the reference an ONNX export
 * is checked against) and exports to ONNX. Holds a native booster: close it.
 */
public final class TrainedModel implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Booster booster;
    private final List<String> featureNames;
    private final List<Double> quantiles;
    private final int rounds;
    private final double validationLoss;
    private final QuantileCalibration calibration;
    private final LoadBaseline baseline;
    private boolean closed;

    TrainedModel(Booster booster, List<String> featureNames, List<Double> quantiles, int rounds, double validationLoss) {
        this(booster, featureNames, quantiles, rounds, validationLoss, QuantileCalibration.none(quantiles),
                LoadBaseline.none());
    }

    private TrainedModel(Booster booster, List<String> featureNames, List<Double> quantiles, int rounds,
            double validationLoss, QuantileCalibration calibration, LoadBaseline baseline) {
        this.booster = booster;
        this.featureNames = List.copyOf(featureNames);
        this.quantiles = List.copyOf(quantiles);
        this.rounds = rounds;
        this.validationLoss = validationLoss;
        this.calibration = calibration;
        this.baseline = baseline;
    }

    /** This model, adding {@code newBaseline} to every output (the trees were trained on the load less it). */
    TrainedModel withBaseline(LoadBaseline newBaseline) {
        newBaseline.columns(featureNames);
        return new TrainedModel(booster, featureNames, quantiles, rounds, validationLoss, calibration, newBaseline);
    }

    /** What the trees' outputs are added to; {@link LoadBaseline#none()} when they predict the load itself. */
    public LoadBaseline baseline() {
        return baseline;
    }

    /** The shifts {@link #calibrated} added; none (all zero) for a model fresh from the trainer. */
    public QuantileCalibration calibration() {
        return calibration;
    }

    /**
     * A copy of this model whose output {@code t} is {@code calibration.shifts()[t]} MW higher, before XGBoost sorts
     * each row. The shifts go into XGBoost's per-output base score, so {@link #predict} and the ONNX export
     * ({@link #toOnnx}: the TreeEnsembleRegressor's {@code base_values}) both apply them, without another node. This
     * model stays open; close both.
     */
    public synchronized TrainedModel calibrated(QuantileCalibration calibration) {
        requireOpen();
        if (!calibration.quantiles().equals(quantiles)) {
            throw new IllegalArgumentException("calibration for quantiles " + calibration.quantiles()
                    + " does not fit a model of quantiles " + quantiles);
        }
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(xgboostJson());
            ObjectNode params = (ObjectNode) root.path("learner").path("learner_model_param");
            float[] base = XgboostJsonModel.baseScores(params.path("base_score").asText(), quantiles.size());
            float[] shifts = calibration.shifts();
            StringBuilder shifted = new StringBuilder("[");
            for (int t = 0; t < base.length; t++) {
                shifted.append(t == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9E", base[t] + shifts[t]));
            }
            params.put("base_score", shifted.append(']').toString());
            Booster copy = XGBoost.loadModel(JSON.writeValueAsBytes(root));
            return new TrainedModel(copy, featureNames, quantiles, rounds, validationLoss, calibration, baseline);
        } catch (XGBoostError e) {
            throw new TrainingException("XGBoost could not load the calibrated model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("calibrated XGBoost model JSON does not round-trip", e);
        }
    }

    /** The input columns, in order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The output columns, in order. */
    public List<Double> quantiles() {
        return quantiles;
    }

    /** Boosting rounds kept (after early stopping: the best round's count). */
    public int rounds() {
        return rounds;
    }

    /** Mean pinball loss over the quantiles on the validation set at the kept round; NaN without a validation set. */
    public double validationLoss() {
        return validationLoss;
    }

    /**
     * XGBoost's own prediction: {@code rows} rows of {@code featureNames().size()} floats in, NaN where missing;
     * {@code rows × quantiles().size()} floats out, row-major.
     */
    public synchronized float[] predict(float[] x, int rows) {
        requireOpen();
        int features = featureNames.size();
        if (rows < 0 || x.length < (long) rows * features) {
            throw new IllegalArgumentException("predict: " + rows + " rows of " + features + " features need "
                    + (long) rows * features + " values but x has " + x.length);
        }
        int q = quantiles.size();
        float[] out = new float[rows * q];
        if (rows == 0) {
            return out;
        }
        DMatrix matrix = null;
        try {
            matrix = new DMatrix(x, rows, features, Float.NaN);
            float[][] predictions = booster.predict(matrix);
            float[] offsets = baseline.offsets(x, rows, featureNames);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < q; j++) {
                    out[r * q + j] = predictions[r][j] + offsets[r]; // the same for every quantile: rows stay sorted
                }
            }
            return out;
        } catch (XGBoostError e) {
            throw new TrainingException("XGBoost prediction failed: " + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    /** The booster as XGBoost's JSON model. */
    public synchronized String xgboostJson() {
        requireOpen();
        try {
            return new String(booster.toByteArray("json"), StandardCharsets.UTF_8);
        } catch (XGBoostError e) {
            throw new TrainingException("XGBoost could not serialise the model: " + e.getMessage(), e);
        }
    }

    /**
     * The model as ONNX ({@link XgboostOnnxWriter}), described by {@code metadata}, whose features and quantiles must
     * be this model's.
     */
    public byte[] toOnnx(ModelMetadata metadata) {
        if (!metadata.features().equals(featureNames)) {
            throw new IllegalArgumentException("model " + metadata.version() + ": metadata lists features "
                    + metadata.features() + " but the model was trained on " + featureNames);
        }
        if (!metadata.quantiles().equals(quantiles)) {
            throw new IllegalArgumentException("model " + metadata.version() + ": metadata lists quantiles "
                    + metadata.quantiles() + " but the model was trained for " + quantiles);
        }
        return XgboostOnnxWriter.write(xgboostJson(), metadata, baseline.columns(featureNames), baseline.fallback());
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            booster.dispose();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("TrainedModel is closed");
        }
    }
}
