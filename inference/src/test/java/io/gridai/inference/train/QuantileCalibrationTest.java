package io.gridai.inference.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantileCalibrationTest {

    private static final List<Double> QUANTILES = List.of(0.1, 0.5, 0.9);

    @Test
    void shiftsMakeAnOverConfidentBandCoverItsNominalShare() {
        // a band of ±1 around the truth for noise of standard deviation 2: too narrow
        java.util.Random random = new java.util.Random(3);
        int rows = 10_000;
        float[] predictions = new float[rows * 3];
        float[] actual = new float[rows];
        for (int r = 0; r < rows; r++) {
            float truth = 100 + r % 50;
            predictions[3 * r] = truth - 1;
            predictions[3 * r + 1] = truth;
            predictions[3 * r + 2] = truth + 1;
            actual[r] = (float) (truth + 2 * random.nextGaussian());
        }
        QuantileCalibration c = QuantileCalibration.measure(predictions, actual, rows, QUANTILES);
        assertThat(c.coverageBefore()).isBetween(0.35, 0.42);
        assertThat(c.coverageAfter()).isBetween(0.79, 0.81);
        // ±1.2816 σ, less the band's own ±1
        assertThat(c.shifts()[0]).isCloseTo(-1.563f, org.assertj.core.data.Offset.offset(0.1f));
        assertThat(c.shifts()[1]).as("the median is left as trained").isZero();
        assertThat(c.shifts()[2]).isCloseTo(1.563f, org.assertj.core.data.Offset.offset(0.1f));
        assertThat(c.rows()).isEqualTo(rows);
        assertThat(QuantileCalibration.shiftMetric(0.1)).isEqualTo("calibration_shift_q0.1");
    }

    @Test
    void conformalRankWidensTheBandOnSmallSamples() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(QuantileCalibration.empiricalQuantile(sorted, 0.9)).isEqualTo(9); // ⌈10 · 0.9⌉ = 9th
        assertThat(QuantileCalibration.empiricalQuantile(sorted, 0.1)).isEqualTo(1); // ⌊10 · 0.1⌋ = 1st
        assertThat(QuantileCalibration.empiricalQuantile(new double[] {5}, 0.95)).isEqualTo(5);
    }

    @Test
    void calibratedModelAddsTheShiftsBeforeSorting() {
        SyntheticLoad data = SyntheticLoad.generate(800, 21);
        try (TrainedModel model = new QuantileGbmTrainer().train(data.x(), data.rows(), SyntheticLoad.FEATURES,
                data.y(), null, 0, null, TrainingOptions.defaults().withRounds(20).withEarlyStoppingRounds(0))) {
            QuantileCalibration c = new QuantileCalibration(QUANTILES, new float[] {-30f, 0f, 40f}, 0.6, 0.8, 100);
            try (TrainedModel shifted = model.calibrated(c)) {
                float[] before = model.predict(data.x(), data.rows());
                float[] after = shifted.predict(data.x(), data.rows());
                for (int i = 0; i < before.length; i += 3) {
                    assertThat(after[i]).isCloseTo(before[i] - 30f, org.assertj.core.data.Offset.offset(0.01f));
                    assertThat(after[i + 1]).isEqualTo(before[i + 1]);
                    assertThat(after[i + 2]).isCloseTo(before[i + 2] + 40f, org.assertj.core.data.Offset.offset(0.01f));
                }
                assertThat(shifted.calibration()).isSameAs(c);
                assertThat(shifted.rounds()).isEqualTo(model.rounds());
                assertThat(model.calibration().shifts()).containsOnly(0f);
            }
            assertThatThrownBy(() -> model.calibrated(QuantileCalibration.none(List.of(0.5))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0.5]");
        }
    }
}
