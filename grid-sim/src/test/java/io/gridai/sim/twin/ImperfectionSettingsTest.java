package io.gridai.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImperfectionSettingsTest {

    @Test
    void namedPresetsAndOverridesParse() {
        assertThat(ImperfectionSettings.parse("none")).isEqualTo(ImperfectionSettings.none());
        assertThat(ImperfectionSettings.parse("realistic")).isEqualTo(ImperfectionSettings.realistic(42));
        ImperfectionSettings s = ImperfectionSettings.parse("realistic, noise=0.02,late=0.1,late-ticks=9");
        assertThat(s.noiseRelative()).isEqualTo(0.02);
        assertThat(s.lateProbability()).isEqualTo(0.1);
        assertThat(s.lateMaxTicks()).isEqualTo(9);
        assertThat(s.dropProbability()).isEqualTo(ImperfectionSettings.realistic(42).dropProbability());
        ImperfectionSettings onlyDrops = ImperfectionSettings.parse("drop=0.5");
        assertThat(onlyDrops.dropProbability()).isEqualTo(0.5);
        assertThat(onlyDrops.noiseRelative()).isZero();
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> ImperfectionSettings.parse("realistic,nois=0.1")).hasMessageContaining("unknown key 'nois'");
        assertThatThrownBy(() -> ImperfectionSettings.parse("drop=lots")).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> ImperfectionSettings.parse("drop=2")).hasMessageContaining("within [0, 1]");
        assertThatThrownBy(() -> ImperfectionSettings.parse("often")).hasMessageContaining("not key=value");
    }
}
