package io.gridai.ingestion.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.unit.MeasurementKind;
import org.junit.jupiter.api.Test;

class PlausibleRangeTest {

    @Test
    void parsesNegativeAndDecimalBounds() {
        assertThat(PlausibleRange.of(" ROCOF = -2.5..2.5 ")).isEqualTo(new PlausibleRange(MeasurementKind.ROCOF,
                -2.5, 2.5));
        assertThat(PlausibleRange.of("VOLTAGE_PU=0..2").contains(2.0)).isTrue();
        assertThat(PlausibleRange.of("VOLTAGE_PU=0..2").contains(2.0000001)).isFalse();
    }

    @Test
    void refusesWhatItCannotReadAndSaysTheForm() {
        assertThatThrownBy(() -> PlausibleRange.of("FREQUENCY 40-70")).hasMessageContaining("KIND=min..max");
        assertThatThrownBy(() -> PlausibleRange.of("HERTZ=40..70")).hasMessageContaining("unknown kind 'HERTZ'");
        assertThatThrownBy(() -> PlausibleRange.of("FREQUENCY=forty..70")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> PlausibleRange.of("FREQUENCY=70..40")).hasMessageContaining("min <= max");
    }
}
