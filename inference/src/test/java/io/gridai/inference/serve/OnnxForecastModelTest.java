package io.gridai.inference.serve;

import ai.onnx.proto.OnnxMl;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.train.QuantileGbmTrainer;
import io.gridai.inference.train.SyntheticLoad;
import io.gridai.inference.train.TestDirs;
import io.gridai.inference.train.TrainedModel;
import io.gridai.inference.train.TrainingOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxForecastModelTest {

    static final List<Double> QUANTILES = List.of(0.1, 0.5, 0.9);

    private static SyntheticLoad data;
    private static TrainedModel trained;
    private static ModelMetadata metadata;
    private static byte[] onnx;

    @TempDir(factory = TestDirs.UnderTmp.class)
    Path dir;

    @BeforeAll
    static void trainSmallModel() {
        TestDirs.tmp();
        data = SyntheticLoad.generate(1_000, 21);
        trained = new QuantileGbmTrainer().train(data.x(), data.rows(), SyntheticLoad.FEATURES, data.y(), null, 0, null,
                TrainingOptions.defaults().withRounds(20).withQuantiles(QUANTILES));
        metadata = SyntheticLoad.metadata("fr-day-ahead-20261129T0700Z", SyntheticLoad.FEATURES, QUANTILES)
                .withMetrics(Map.of("backtest_mape", 0.042));
        onnx = trained.toOnnx(metadata);
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    @Test
    void metadataRoundTripsThroughTheFile() throws Exception {
        Path file = Files.write(dir.resolve("model.onnx"), onnx);
        try (OnnxForecastModel model = OnnxForecastModel.load(file, InferenceSettings.defaults())) {
            assertThat(model.metadata()).isEqualTo(metadata);
            assertThat(model.executionProvider()).isEqualTo("CPU");
        }
        assertThat(OnnxForecastModel.metadataOf(file)).isEqualTo(metadata);
    }

    @Test
    void refusesAModelWhoseFeatureCountDiffersFromItsMetadata() throws Exception {
        List<String> nine = new ArrayList<>(SyntheticLoad.FEATURES);
        nine.add("wind_speed");
        Path file = Files.write(dir.resolve("nine-features.onnx"),
                withMetadata(onnx, SyntheticLoad.metadata("nine-1", nine, QUANTILES)));
        assertThatThrownBy(() -> OnnxForecastModel.load(file, InferenceSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("[N, 9]")
                .hasMessageContaining("FLOAT [-1, 8]")
                .satisfies(e -> System.out.println("refused: " + e.getMessage()));
    }

    @Test
    void refusesAModelWhoseQuantileCountDiffersFromItsMetadata() {
        byte[] twoQuantiles = withMetadata(onnx, SyntheticLoad.metadata("two-1", SyntheticLoad.FEATURES, List.of(0.1, 0.9)));
        assertThatThrownBy(() -> OnnxForecastModel.load(twoQuantiles, "two-1", InferenceSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[N, 2]")
                .hasMessageContaining("FLOAT [-1, 3]");
    }

    @Test
    void refusesAModelWithoutGridaiMetadataNamingTheFile() throws Exception {
        byte[] bare = OnnxMl.ModelProto.parseFrom(onnx).toBuilder().clearMetadataProps().build().toByteArray();
        Path file = Files.write(dir.resolve("bare.onnx"), bare);
        assertThatThrownBy(() -> OnnxForecastModel.load(file, InferenceSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("gridai.version");
    }

    @Test
    void corruptFileIsAnOnnxRuntimeError() throws Exception {
        Path file = Files.write(dir.resolve("corrupt.onnx"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> OnnxForecastModel.load(file, InferenceSettings.defaults()))
                .isInstanceOf(OnnxRuntimeException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void cudaWithoutGpuFallsBackToCpuAndStillPredicts() {
        try (OnnxForecastModel model = OnnxForecastModel.load(onnx, "cuda-test", InferenceSettings.cuda(0))) {
            assertThat(model.executionProvider()).isEqualTo("CPU");
            assertThat(model.provider()).isEqualTo(ExecutionProvider.CPU);
            float[] out = new float[data.rows() * QUANTILES.size()];
            model.predict(data.x(), data.rows(), out);
            assertThat(out).containsExactly(trained.predict(data.x(), data.rows()),
                    org.assertj.core.data.Offset.offset(0.01f));
        }
    }

    @Test
    void concurrentBatchesOfDifferentSizesGiveTheSameAnswersAsOneBatch() throws Exception {
        int features = SyntheticLoad.FEATURES.size();
        try (OnnxForecastModel model = OnnxForecastModel.load(onnx, "threads", InferenceSettings.defaults())) {
            float[] whole = new float[data.rows() * 3];
            model.predict(data.x(), data.rows(), whole);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int task = 0; task < 16; task++) {
                    int batch = 1 + task * 37;
                    results.add(pool.submit(() -> {
                        for (int start = 0; start + batch <= data.rows(); start += batch) {
                            float[] in = java.util.Arrays.copyOfRange(data.x(), start * features, (start + batch) * features);
                            float[] out = new float[batch * 3];
                            model.predict(in, batch, out);
                            if (!java.util.Arrays.equals(out, java.util.Arrays.copyOfRange(whole, start * 3,
                                    (start + batch) * 3))) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> result : results) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
            float[][] rows = model.predict(new float[][] {java.util.Arrays.copyOf(data.x(), features)});
            assertThat(rows[0]).containsExactly(java.util.Arrays.copyOf(whole, 3));
        }
    }

    @Test
    void refusesShortArraysAndUseAfterClose() {
        OnnxForecastModel model = OnnxForecastModel.load(onnx, "closing", InferenceSettings.defaults());
        assertThatThrownBy(() -> model.predict(new float[7], 1, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 input");
        model.close();
        model.close();
        assertThatThrownBy(() -> model.predict(new float[8], 1, new float[3])).isInstanceOf(IllegalStateException.class);
    }

    /** The same graph under other metadata: what a file mislabelled by hand or by a buggy tool looks like. */
    private static byte[] withMetadata(byte[] model, ModelMetadata other) {
        try {
            OnnxMl.ModelProto.Builder builder = OnnxMl.ModelProto.parseFrom(model).toBuilder().clearMetadataProps();
            other.toProperties().forEach((k, v) ->
                    builder.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
            return builder.build().toByteArray();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
