package io.gridai.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrequencyModelTest {

    private static final double S = 10_000; // MW

    @Test
    void withoutAgcALoadStepSettlesAtTheDroopAndDampingDeviation() {
        FrequencyParameters p = new FrequencyParameters(50, 5, 0.05, 1, 0.5, 0);
        FrequencyModel model = new FrequencyModel(p);
        model.initialise(S, 5_000);
        double step = 100; // MW more electrical demand on the balancing machines
        for (int s = 0; s < 120; s++) {
            model.advance(1, 5_000 + step);
        }
        // Steady state: 0 = -Δf/R - D·Δf - ΔP  =>  Δf = -ΔP / (1/R + D)  (p.u.)
        double expected = 50 * (1 - step / S / (1 / 0.05 + 1));
        assertThat(model.frequencyHz()).isCloseTo(expected, within(1e-6));
        assertThat(model.mechanicalPowerMw()).isCloseTo(5_000 + step - S * 1 * (50 - expected) / 50, within(1e-3));
    }

    @Test
    void agcBringsFrequencyBackToNominalAndTheFirstSwingFollowsTheInertia() {
        FrequencyModel model = new FrequencyModel(FrequencyParameters.defaults());
        model.initialise(S, 5_000);
        model.advance(0.01, 5_100);
        // Right after the step, dΔf/dt ≈ -ΔP / (2H S) · f0 (governors have not acted yet).
        assertThat(model.rocofHzPerSecond()).isCloseTo(-100 / (2 * 5.0 * S) * 60, within(0.005));
        double nadir = 60;
        for (int s = 0; s < 600; s++) {
            model.advance(1, 5_100);
            nadir = Math.min(nadir, model.frequencyHz());
        }
        assertThat(nadir).isLessThan(60 - 0.01);
        assertThat(model.frequencyHz()).isCloseTo(60, within(1e-5));
        assertThat(model.mechanicalPowerMw()).isCloseTo(5_100, within(0.01));
    }
}
