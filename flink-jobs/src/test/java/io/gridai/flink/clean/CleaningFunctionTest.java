package io.gridai.flink.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.flink.config.JobSettings;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Deduplication in one asset's {@link CleaningFunction}: what it remembers, and for how long (operator harness). */
class CleaningFunctionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void idsAreForgottenOnceTheirReadingWouldBeLateAnywayAndStateReturnsToZero() throws Exception {
        Properties p = new Properties();
        p.setProperty("allowed-lateness", "PT5S");
        try (var harness = harness(new CleaningFunction(JobSettings.from(p).cleaning()))) {
            harness.open();
            Measurement first = reading(0);
            harness.processElement(first, millis(first));
            harness.processElement(first, millis(first)); // a duplicate within the allowed lateness: dropped
            harness.processWatermark(T0.plusSeconds(5).toEpochMilli()); // exactly at the lateness: still on time
            harness.processElement(first, millis(first));
            assertThat(values(harness)).containsExactly(first);
            assertThat(harness.numKeyedStateEntries()).isPositive();

            harness.processWatermark(T0.plusSeconds(60).toEpochMilli()); // sweeps: nothing left to remember
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numKeyedStateEntries()).as("only the gap/stuck track (state.ttl) remains").isEqualTo(1);

            harness.processElement(first, millis(first)); // the same id again, now behind the lateness
            assertThat(values(harness)).containsExactly(first);
            assertThat(harness.getSideOutput(CleaningFunction.LATE)).extracting(StreamRecord::getValue)
                    .containsExactly(first.withFlag(QualityFlag.LATE));
        }
    }

    @Test
    void aShorterDedupTtlForgetsSooner() throws Exception {
        Properties p = new Properties();
        p.setProperty("allowed-lateness", "PT30S");
        p.setProperty("dedup.ttl", "PT2S");
        try (var harness = harness(new CleaningFunction(JobSettings.from(p).cleaning()))) {
            harness.open();
            Measurement first = reading(0);
            harness.processElement(first, millis(first));
            harness.processWatermark(T0.plusSeconds(10).toEpochMilli());
            harness.processElement(first, millis(first)); // remembered 2 s only, not yet late: passes again
            assertThat(values(harness)).hasSize(2);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Measurement, Measurement> harness(
            CleaningFunction function) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function),
                m -> m.asset().value(), Types.STRING);
    }

    private static List<Measurement> values(KeyedOneInputStreamOperatorTestHarness<String, Measurement, Measurement> h) {
        return h.extractOutputValues();
    }

    private static Measurement reading(int second) {
        Instant t = T0.plusSeconds(second);
        return Measurement.of(SourceId.of("test"), AssetId.of("bus-101"), MeasurementKind.VOLTAGE_PU, 1.0,
                MeasurementKind.VOLTAGE_PU.unit(), t, t);
    }

    private static long millis(Measurement m) {
        return m.eventTime().toEpochMilli();
    }
}
