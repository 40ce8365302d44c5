package io.gridai.inference.train;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantileGbmTrainerTest {

    /** Training rows, as in the ONNX equivalence test. */
    static final int ROWS = 5_000;
    static final TrainingOptions OPTIONS = TrainingOptions.defaults().withRounds(150).withEta(0.1)
            .withEarlyStoppingRounds(0);

    private static final QuantileGbmTrainer TRAINER = new QuantileGbmTrainer();
    private static SyntheticLoad train;
    private static SyntheticLoad test;
    private static TrainedModel model;

    @BeforeAll
    static void trainOnce() {
        TestDirs.tmp();
        train = SyntheticLoad.generate(ROWS, 1);
        test = SyntheticLoad.generate(2_000, 2);
        model = TRAINER.train(train.x(), train.rows(), SyntheticLoad.FEATURES, train.y(), null, 0, null, OPTIONS);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void medianFollowsTheTruthAndTheBandCoversAboutEightyPercent() {
        float[] p = model.predict(test.x(), test.rows());
        double medianError = 0;
        double meanError = 0;
        double mean = 0;
        for (float t : test.truth()) {
            mean += t / test.rows();
        }
        int covered = 0;
        int ordered = 0;
        for (int r = 0; r < test.rows(); r++) {
            float p10 = p[3 * r];
            float p50 = p[3 * r + 1];
            float p90 = p[3 * r + 2];
            medianError += Math.abs(p50 - test.truth()[r]) / test.rows();
            meanError += Math.abs(mean - test.truth()[r]) / test.rows();
            covered += test.y()[r] >= p10 && test.y()[r] <= p90 ? 1 : 0;
            ordered += p10 <= p50 && p50 <= p90 ? 1 : 0;
        }
        double coverage = covered / (double) test.rows();
        System.out.printf("P50 MAE vs truth %.1f MW (predicting the mean: %.1f MW); P10–P90 coverage %.3f; ordered %.3f%n",
                medianError, meanError, coverage, ordered / (double) test.rows());
        assertThat(medianError).isLessThan(0.25 * meanError);
        assertThat(coverage).isBetween(0.72, 0.88);
        assertThat(ordered).as("XGBoost 3.4 sorts each row of quantiles").isEqualTo(test.rows());
        assertThat(model.rounds()).isEqualTo(150);
        assertThat(model.validationLoss()).isNaN();
    }

    @Test
    void sameDataAndSeedGiveTheSameModel() {
        SyntheticLoad small = SyntheticLoad.generate(800, 3);
        TrainingOptions options = OPTIONS.withRounds(15);
        try (TrainedModel a = TRAINER.train(small.x(), small.rows(), SyntheticLoad.FEATURES, small.y(), null, 0, null, options);
             TrainedModel b = TRAINER.train(small.x(), small.rows(), SyntheticLoad.FEATURES, small.y(), null, 0, null, options);
             TrainedModel c = TRAINER.train(small.x(), small.rows(), SyntheticLoad.FEATURES, small.y(), null, 0, null,
                     options.withSeed(options.seed() + 1))) {
            assertThat(a.xgboostJson()).isEqualTo(b.xgboostJson());
            assertThat(c.xgboostJson()).isNotEqualTo(a.xgboostJson());
        }
    }

    @Test
    void earlyStoppingKeepsTheBestRoundsTrees() {
        SyntheticLoad small = SyntheticLoad.generate(1_000, 4);
        SyntheticLoad validation = SyntheticLoad.generate(300, 5);
        TrainingOptions options = OPTIONS.withRounds(200).withEta(0.5).withEarlyStoppingRounds(5);
        try (TrainedModel stopped = TRAINER.train(small.x(), small.rows(), SyntheticLoad.FEATURES, small.y(),
                validation.x(), validation.rows(), validation.y(), options)) {
            assertThat(stopped.rounds()).isBetween(1, 199);
            assertThat(stopped.validationLoss()).isFinite().isPositive();
            try (TrainedModel plain = TRAINER.train(small.x(), small.rows(), SyntheticLoad.FEATURES, small.y(),
                    null, 0, null, options.withRounds(stopped.rounds()))) {
                assertThat(stopped.xgboostJson()).isEqualTo(plain.xgboostJson());
            }
        }
    }

    @Test
    void refusesRowsWithoutTargetAndMismatchedShapes() {
        SyntheticLoad small = SyntheticLoad.generate(10, 6);
        float[] y = small.y().clone();
        y[3] = Float.NaN;
        assertThatThrownBy(() -> TRAINER.train(small.x(), small.rows(), SyntheticLoad.FEATURES, y, null, 0, null, OPTIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 3");
        assertThatThrownBy(() -> TRAINER.train(small.x(), small.rows(), List.of("a", "b"), small.y(), null, 0, null,
                OPTIONS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 values but x has 80");
    }
}
