package io.gridai.flink.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.Aggregate;
import io.gridai.model.AggregateScope;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link SubjectWindows} behaves as Flink's tumbling event-time windows with allowed lateness did: fire at the
 * watermark, fire again with everything on a late-but-allowed reading, drop a reading later than that, and leave
 * no state and no timer behind (operator harness, 1 s and 1 min windows, 2 s lateness).
 */
class SubjectWindowsTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @Test
    void firesOnTimeRefiresLateButAllowedDropsTooLateAndCleansUp() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new SubjectWindows(List.of(Duration.ofSeconds(1), Duration.ofMinutes(1)), Duration.ofSeconds(2))),
                (SubjectReading r) -> r.key, Types.STRING)) {
            h.open();
            h.processElement(reading(0, 1.0), T0);
            h.processElement(reading(500, 3.0), T0 + 500);
            h.processElement(reading(1_200, 2.0), T0 + 1_200);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(T0 + 999);
            assertThat(h.extractOutputValues()).containsExactly(aggregate(0, 1_000, 2, 1.0, 2.0, 3.0, 3.0, 500));

            h.processWatermark(T0 + 2_500);
            h.processElement(reading(100, 0.5), T0 + 100); // 1 s window [0, 1): end − 1 + 2 s lateness > 2.5 s
            h.processWatermark(T0 + 3_000);
            h.processElement(reading(200, 9.0), T0 + 200); // now too late for [0, 1), still fine for the minute
            List<Aggregate> out = h.extractOutputValues();
            assertThat(out).hasSize(3);
            assertThat(out.get(1)).isEqualTo(aggregate(1_000, 1_000, 1, 2.0, 2.0, 2.0, 2.0, 1_200));
            assertThat(out.get(2)).as("the late-but-allowed reading fires the window again with all it holds")
                    .isEqualTo(aggregate(0, 1_000, 3, 0.5, 1.5, 3.0, 3.0, 500));

            h.processWatermark(T0 + 59_999);
            assertThat(h.extractOutputValues().get(3))
                    .isEqualTo(aggregate(0, 60_000, 5, 0.5, 15.5 / 5, 9.0, 2.0, 1_200));
            h.processWatermark(T0 + 70_000);
            assertThat(h.extractOutputValues()).hasSize(4);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aSteadyStreamFiresEveryWindowOnce() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new SubjectWindows(List.of(Duration.ofSeconds(1), Duration.ofMinutes(1)), Duration.ofSeconds(1))),
                (SubjectReading r) -> r.key, Types.STRING)) {
            h.open();
            for (long t = 0; t < 15_000; t += 100) {
                h.processElement(reading(t, 1.0), T0 + t);
                h.processWatermark(T0 + t - 2_000);
            }
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.extractOutputValues()).hasSize(16)
                    .allSatisfy(a -> assertThat(a.count()).isEqualTo(a.window().toMillis() == 1_000 ? 10 : 150));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    private static SubjectReading reading(long offsetMillis, double value) {
        return SubjectReading.of(AggregateScope.ZONE, "zone-1", MeasurementKind.VOLTAGE_PU, "bus-101", value,
                (T0 + offsetMillis) * 1_000_000);
    }

    private static Aggregate aggregate(long startOffset, long size, long count, double min, double mean, double max,
            double last, long lastOffset) {
        return new Aggregate(AggregateScope.ZONE, "zone-1", MeasurementKind.VOLTAGE_PU,
                Instant.ofEpochMilli(T0 + startOffset), Duration.ofMillis(size), count, min, mean, max, last,
                Instant.ofEpochMilli(T0 + lastOffset));
    }
}
