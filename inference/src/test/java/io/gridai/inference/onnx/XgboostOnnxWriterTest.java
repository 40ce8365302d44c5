package io.gridai.inference.onnx;

import ai.onnx.proto.OnnxMl;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.inference.serve.OnnxForecastModel;
import io.gridai.inference.train.LoadBaseline;
import io.gridai.inference.train.QuantileCalibration;
import io.gridai.inference.train.QuantileGbmTrainer;
import io.gridai.inference.train.SyntheticLoad;
import io.gridai.inference.train.TestDirs;
import io.gridai.inference.train.TrainedModel;
import io.gridai.inference.train.TrainingOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ONNX export computes what XGBoost computes, missing values included. */
class XgboostOnnxWriterTest {

    /** Largest relative difference allowed between ONNX Runtime and XGBoost (float sums in another order). */
    static final double MAX_RELATIVE_ERROR = 1e-5;
    static final List<Double> QUANTILES = List.of(0.1, 0.5, 0.9);

    private static TrainedModel trained;
    private static ModelMetadata metadata;
    private static byte[] onnx;

    @BeforeAll
    static void trainAndExport() {
        TestDirs.tmp();
        SyntheticLoad data = SyntheticLoad.generate(5_000, 11);
        TrainingOptions options = TrainingOptions.defaults().withRounds(150).withEta(0.1).withQuantiles(QUANTILES);
        trained = new QuantileGbmTrainer().train(data.x(), data.rows(), SyntheticLoad.FEATURES, data.y(),
                null, 0, null, options);
        metadata = SyntheticLoad.metadata("test-onnx-1", SyntheticLoad.FEATURES, QUANTILES);
        onnx = trained.toOnnx(metadata);
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    @Test
    void onnxRuntimeGivesXgboostsPredictions() {
        SyntheticLoad test = SyntheticLoad.generate(3_000, 12);
        float[] x = withEdgeRows(test.x(), test.features());
        int rows = x.length / test.features();
        float[] expected = trained.predict(x, rows);
        float[] actual = new float[expected.length];
        try (OnnxForecastModel model = OnnxForecastModel.load(onnx, "test-onnx-1", InferenceSettings.defaults())) {
            model.predict(x, rows, actual);
        }
        double maxRelative = 0;
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double relative = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-3);
            if (relative > maxRelative) {
                maxRelative = relative;
                worst = i;
            }
        }
        System.out.printf("ONNX Runtime vs XGBoost over %d rows × %d quantiles: max relative error %.3e "
                        + "(XGBoost %s, ORT %s at row %d)%n", rows, QUANTILES.size(), maxRelative,
                expected[worst], actual[worst], worst / QUANTILES.size());
        assertThat(maxRelative).isLessThan(MAX_RELATIVE_ERROR);

        // The exported model is a forecast, not just a copy: a median close to the truth, and quantiles that never cross
        // (XGBoost 3.4 sorts each row; the graph's TopK does the same).
        double medianError = 0;
        int ordered = 0;
        for (int r = 0; r < test.rows(); r++) {
            medianError += Math.abs(actual[3 * r + 1] - test.truth()[r]) / test.rows();
            ordered += actual[3 * r] <= actual[3 * r + 1] && actual[3 * r + 1] <= actual[3 * r + 2] ? 1 : 0;
        }
        assertThat(ordered).isEqualTo(test.rows());
        assertThat(medianError).isLessThan(25.0);
    }

    @Test
    void calibrationShiftsGoIntoBaseValuesAndOnnxRuntimeFollowsXgboost() throws Exception {
        QuantileCalibration calibration = new QuantileCalibration(QUANTILES, new float[] {-25.5f, 0f, 31.25f}, 0.6,
                0.8, 500);
        SyntheticLoad test = SyntheticLoad.generate(1_000, 14);
        try (TrainedModel calibrated = trained.calibrated(calibration)) {
            byte[] shiftedOnnx = calibrated.toOnnx(metadata);
            float[] base = XgboostJsonModel.parse(trained.xgboostJson()).baseScores();
            float[] shiftedBase = XgboostJsonModel.parse(calibrated.xgboostJson()).baseScores();
            assertThat(shiftedBase[0]).isCloseTo(base[0] - 25.5f, org.assertj.core.data.Offset.offset(1e-2f));
            assertThat(shiftedBase[1]).isEqualTo(base[1]);
            assertThat(OnnxMl.ModelProto.parseFrom(shiftedOnnx).getGraph().getNodeList())
                    .extracting(OnnxMl.NodeProto::getOpType).containsExactly("TreeEnsembleRegressor", "TopK");
            float[] expected = calibrated.predict(test.x(), test.rows());
            float[] actual = new float[expected.length];
            try (OnnxForecastModel model = OnnxForecastModel.load(shiftedOnnx, "test-onnx-1",
                    InferenceSettings.defaults())) {
                model.predict(test.x(), test.rows(), actual);
            }
            for (int i = 0; i < expected.length; i++) {
                assertThat(Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-3))
                        .isLessThan(MAX_RELATIVE_ERROR);
            }
        }
    }

    @Test
    void baselineIsAddedInTheGraphWithMissingLagsLikeTheTrainer() throws Exception {
        SyntheticLoad data = SyntheticLoad.generate(3_000, 15);
        LoadBaseline lags = LoadBaseline.meanOf(List.of("load_lag_24h", "load_lag_168h"));
        try (TrainedModel residual = new QuantileGbmTrainer().train(data.x(), data.rows(), SyntheticLoad.FEATURES,
                data.y(), null, 0, null, TrainingOptions.defaults().withRounds(60).withEta(0.1), lags);
             TrainedModel calibrated = residual.calibrated(new QuantileCalibration(QUANTILES,
                     new float[] {-12f, 0f, 9f}, 0.7, 0.8, 100))) {
            assertThat(calibrated.baseline().features()).isEqualTo(lags.features());
            assertThat(calibrated.baseline().fallback()).isBetween(900f, 1200f); // the mean load
            byte[] graph = calibrated.toOnnx(metadata);
            assertThat(OnnxMl.ModelProto.parseFrom(graph).getGraph().getNodeList())
                    .extracting(OnnxMl.NodeProto::getOpType).contains("Gather", "Add").endsWith("TopK");
            SyntheticLoad test = SyntheticLoad.generate(1_000, 16);
            float[] x = withEdgeRows(test.x(), test.features()); // all missing: the fallback
            int rows = x.length / test.features();
            float[] expected = calibrated.predict(x, rows);
            float[] actual = new float[expected.length];
            try (OnnxForecastModel model = OnnxForecastModel.load(graph, "test-onnx-1", InferenceSettings.defaults())) {
                model.predict(x, rows, actual);
            }
            for (int i = 0; i < expected.length; i++) {
                assertThat(Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-3))
                        .as("output %d: XGBoost %s, ONNX %s", i, expected[i], actual[i]).isLessThan(MAX_RELATIVE_ERROR);
            }
            float[] offsets = lags.withFallback(1000f).offsets(new float[] {0, 0, 0, 0, 0, 0, Float.NaN, 1100f,
                    0, 0, 0, 0, 0, 0, Float.NaN, Float.NaN, 0, 0, 0, 0, 0, 0, 900f, 1000f}, 3, SyntheticLoad.FEATURES);
            assertThat(offsets).containsExactly(1100f, 1000f, 950f);
            double medianError = 0;
            for (int r = 0; r < test.rows(); r++) {
                medianError += Math.abs(actual[3 * r + 1] - test.truth()[r]) / test.rows();
            }
            assertThat(medianError).isLessThan(40.0);
        }
    }

    @Test
    void modelIsOneTreeEnsembleSortedLikeXgboostWithEveryMetadataEntry() throws Exception {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(onnx);
        assertThat(model.getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
                .containsExactly("TreeEnsembleRegressor", "TopK");
        assertThat(model.getGraph().getNode(0).getDomain()).isEqualTo("ai.onnx.ml");
        assertThat(model.getOpsetImportList()).anySatisfy(o -> {
            assertThat(o.getDomain()).isEqualTo("ai.onnx.ml");
            assertThat(o.getVersion()).isEqualTo(3);
        });
        assertThat(model.getOpsetImportList()).anySatisfy(o -> {
            assertThat(o.getDomain()).isEmpty();
            assertThat(o.getVersion()).isGreaterThanOrEqualTo(13);
        });
        assertThat(model.getProducerName()).isEqualTo("gridai-inference");
        assertThat(model.getDocString()).contains("test-onnx-1", "reg:quantileerror", "features", "quantiles");
        Map<String, String> props = new LinkedHashMap<>();
        model.getMetadataPropsList().forEach(p -> props.put(p.getKey(), p.getValue()));
        assertThat(props).containsExactlyInAnyOrderEntriesOf(metadata.toProperties());
        assertThat(model.getGraph().getInput(0).getName()).isEqualTo(XgboostOnnxWriter.INPUT_NAME);
        assertThat(model.getGraph().getOutput(0).getName()).isEqualTo(XgboostOnnxWriter.OUTPUT_NAME);
    }

    @Test
    void singleQuantileModelIsTheTreeSumAlone() {
        SyntheticLoad data = SyntheticLoad.generate(600, 13);
        List<Double> median = List.of(0.5);
        try (TrainedModel small = new QuantileGbmTrainer().train(data.x(), data.rows(), SyntheticLoad.FEATURES, data.y(),
                null, 0, null, TrainingOptions.defaults().withRounds(20).withQuantiles(median));
             OnnxForecastModel model = OnnxForecastModel.load(
                     small.toOnnx(SyntheticLoad.metadata("median-1", SyntheticLoad.FEATURES, median)), "median-1",
                     InferenceSettings.defaults())) {
            float[] expected = small.predict(data.x(), data.rows());
            float[] actual = new float[expected.length];
            model.predict(data.x(), data.rows(), actual);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.data.Percentage.withPercentage(1e-3));
            }
        }
    }

    @Test
    void baseScoreIsOnePerQuantile() {
        XgboostJsonModel model = XgboostJsonModel.parse(trained.xgboostJson());
        assertThat(model.numTargets()).isEqualTo(3);
        assertThat(model.quantileAlphas()).isEqualTo(QUANTILES);
        assertThat(model.trees()).hasSize(150 * 3);
        assertThat(model.baseScores()[0]).isLessThan(model.baseScores()[2]);
        assertThat(XgboostJsonModel.baseScores("5E-1", 3)).containsExactly(0.5f, 0.5f, 0.5f);
    }

    @Test
    void refusesMetadataThatDoesNotDescribeTheModel() {
        String json = trained.xgboostJson();
        List<String> nine = new java.util.ArrayList<>(SyntheticLoad.FEATURES);
        nine.add("extra");
        assertThatThrownBy(() -> XgboostOnnxWriter.write(json, SyntheticLoad.metadata("v", nine, QUANTILES)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 features")
                .hasMessageContaining("lists 9");
        assertThatThrownBy(() -> XgboostOnnxWriter.write(json,
                SyntheticLoad.metadata("v", SyntheticLoad.FEATURES, List.of(0.05, 0.5, 0.95))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0.05, 0.5, 0.95]");
        List<String> swapped = new java.util.ArrayList<>(SyntheticLoad.FEATURES);
        java.util.Collections.swap(swapped, 0, 1);
        assertThatThrownBy(() -> trained.toOnnx(SyntheticLoad.metadata("v", swapped, QUANTILES)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trained on");
    }

    /**
     * The test rows, then rows that stress the split rules: every feature missing; every feature exactly at a split
     * threshold of the first trees (XGBoost goes right at equality: {@code x < threshold} goes left); far outside the
     * training range.
     */
    private static float[] withEdgeRows(float[] x, int features) {
        XgboostJsonModel model = XgboostJsonModel.parse(trained.xgboostJson());
        List<float[]> edges = new java.util.ArrayList<>();
        float[] missing = new float[features];
        Arrays.fill(missing, Float.NaN);
        edges.add(missing);
        for (XgboostJsonModel.Tree tree : model.trees().subList(0, 30)) {
            float[] atThreshold = Arrays.copyOf(x, features);
            for (int n = 0; n < tree.size(); n++) {
                if (!tree.isLeaf(n)) {
                    atThreshold[tree.splitFeatures()[n]] = tree.splitConditions()[n];
                }
            }
            edges.add(atThreshold);
        }
        float[] huge = new float[features];
        Arrays.fill(huge, 1e30f);
        edges.add(huge);
        float[] tiny = new float[features];
        Arrays.fill(tiny, -1e30f);
        edges.add(tiny);
        float[] all = Arrays.copyOf(x, x.length + edges.size() * features);
        for (int e = 0; e < edges.size(); e++) {
            System.arraycopy(edges.get(e), 0, all, x.length + e * features, features);
        }
        return all;
    }
}
