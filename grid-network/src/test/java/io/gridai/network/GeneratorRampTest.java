package io.gridai.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one reading of a case's ramp columns: RAMP_AGC (MW/min), else RAMP_10 / 10, else RAMP_30 / 30, else none. */
class GeneratorRampTest {

    @Test
    void rampComesFromTheFirstRampColumnTheCaseFills() {
        assertThat(generator(3, 40, 90).rampMwPerMinute()).hasValue(3);
        assertThat(generator(0, 40, 90).rampMwPerMinute()).hasValue(4);
        assertThat(generator(0, 0, 90).rampMwPerMinute()).hasValue(3);
        assertThat(generator(0, 0, 0).rampMwPerMinute()).isEmpty();
    }

    private static MatpowerGenerator generator(double rampAgc, double ramp10, double ramp30) {
        return new MatpowerGenerator(1, 50, 0, 100, -100, 1.0, 100, 1, 200, 10, 0, 0, 0, 0, 0, 0, rampAgc, ramp10, ramp30, 0, 0);
    }
}
