package io.gridai.flink.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only a trace its sender sampled is continued by the job. */
class TracedMeasurementDeserializerTest {

    @Test
    void theSampledFlagDecides() {
        assertThat(TracedMeasurementDeserializer.sampled("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .isTrue();
        assertThat(TracedMeasurementDeserializer.sampled("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-03"))
                .isTrue();
        assertThat(TracedMeasurementDeserializer.sampled("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"))
                .isFalse();
        assertThat(TracedMeasurementDeserializer.sampled("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0x"))
                .isFalse();
        assertThat(TracedMeasurementDeserializer.sampled("garbage")).isFalse();
        assertThat(TracedMeasurementDeserializer.sampled(null)).isFalse();
    }
}
