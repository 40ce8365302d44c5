package io.gridai.flink;

import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * Ten seconds of telemetry from a small grid, a reading per asset and kind every 100 ms from {@link #T0}. Values are
 * multiples of 1/256 so sums, and thus means, are exact whatever the order they are added in.
 *
 * <pre>
 *  zone-1: bus-101 (VOLTAGE_PU, VOLTAGE_ANGLE), load-101, load-102 (ACTIVE_POWER)      ordinary readings
 *  zone-2: bus-201 VOLTAGE_PU 1.0, 1.0625 from 3.0 s (above 1.05), 1.046875 from 4.0 s (inside by less than the
 *          0.01 hysteresis), 1.0546875 at 4.2 s, 1.0 from 4.5 s; 7.0 (impossible) at 5.0 s
 *  zone-3: bus-301 VOLTAGE_PU stuck at 0.9921875 while its angle moves; load-301 silent from 3.0 s to 6.0 s (a gap)
 *  system: FREQUENCY 60 Hz, and one reading three hours later that moves the watermark past every window
 * </pre>
 */
final class TestGrid {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant FLUSH_TIME = T0.plus(Duration.ofHours(3));
    static final SourceId SCADA = SourceId.of("scada-test");
    static final int TICKS = 100;
    static final Duration TICK = Duration.ofMillis(100);
    /** Bus 301's voltage repeats from tick 0; with stuck.readings=5 the 5th reading (tick 4) on is STUCK. */
    static final int STUCK_READINGS = 5;

    private TestGrid() {
    }

    /** The settings tests run with: small durations, windows of 1 s and 1 min, zone load per 5 min. */
    static Properties settings(String namespace) {
        Properties p = new Properties();
        p.setProperty("parallelism", "2");
        p.setProperty("checkpoint.interval", "PT0.5S");
        p.setProperty("watermark.out-of-orderness", "PT2S");
        // Tests move the watermark with a reading in every partition (flush()), not by waiting for idleness.
        p.setProperty("watermark.idle-timeout", "PT1M");
        p.setProperty("allowed-lateness", "PT1S");
        p.setProperty("stuck.readings", Integer.toString(STUCK_READINGS));
        p.setProperty("gap.threshold", "PT2S");
        p.setProperty("windows", "PT1S,PT1M");
        p.setProperty("zone-load.windows", "PT5M");
        p.setProperty("kafka.transaction.timeout", "PT1M");
        p.setProperty("kafka.transactional-id-prefix", namespace);
        p.setProperty("kafka.group-id", namespace);
        p.setProperty("live-state.map", namespace + "-live");
        return p;
    }

    /** Every reading in event-time order (not the flush reading). */
    static List<Measurement> sorted() {
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < TICKS; i++) {
            Instant t = T0.plus(TICK.multipliedBy(i));
            out.add(reading("bus-101", MeasurementKind.VOLTAGE_PU, 0.96 + (i % 7) / 256.0, t));
            out.add(reading("bus-101", MeasurementKind.VOLTAGE_ANGLE, i / 8.0, t));
            out.add(reading("load-101", MeasurementKind.ACTIVE_POWER, -(50 + (i % 10) / 4.0), t));
            out.add(reading("load-102", MeasurementKind.ACTIVE_POWER, -(20 + (i % 5) / 2.0), t));
            out.add(reading("bus-201", MeasurementKind.VOLTAGE_PU, bus201(i), t));
            out.add(reading("bus-201", MeasurementKind.VOLTAGE_ANGLE, -i / 16.0, t));
            out.add(reading("bus-301", MeasurementKind.VOLTAGE_PU, 0.9921875, t));
            out.add(reading("bus-301", MeasurementKind.VOLTAGE_ANGLE, i / 4.0, t));
            if (i < 30 || i >= 60) {
                out.add(reading("load-301", MeasurementKind.ACTIVE_POWER, -(10 + (i % 3) / 8.0), t));
            }
            out.add(reading("system", MeasurementKind.FREQUENCY, 60 + ((i % 5) - 2) / 256.0, t));
        }
        return out;
    }

    /**
     * The same readings shuffled within blocks of about a second of event time (less than the 2 s out-of-orderness),
     * with every 7th reading sent a second time a little later.
     */
    static List<Measurement> shuffledWithDuplicates(long seed) {
        List<Measurement> sorted = sorted();
        Random random = new Random(seed);
        List<Measurement> out = new ArrayList<>();
        int block = 90;
        for (int start = 0; start < sorted.size(); start += block) {
            List<Measurement> chunk = new ArrayList<>(sorted.subList(start, Math.min(sorted.size(), start + block)));
            List<Measurement> duplicates = new ArrayList<>();
            for (int j = 0; j < chunk.size(); j += 7) {
                duplicates.add(chunk.get(j));
            }
            chunk.addAll(duplicates);
            java.util.Collections.shuffle(chunk, random);
            out.addAll(chunk);
        }
        return out;
    }

    /** Steady readings of zone 1 and the system frequency, 5 per tick, for ticks {@code from} (incl.) to {@code to}. */
    static List<Measurement> steady(int from, int to) {
        List<Measurement> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Instant t = T0.plus(TICK.multipliedBy(i));
            out.add(reading("bus-101", MeasurementKind.VOLTAGE_PU, 0.96 + (i % 7) / 256.0, t));
            out.add(reading("bus-101", MeasurementKind.VOLTAGE_ANGLE, i / 8.0, t));
            out.add(reading("load-101", MeasurementKind.ACTIVE_POWER, -(50 + (i % 10) / 4.0), t));
            out.add(reading("load-102", MeasurementKind.ACTIVE_POWER, -(20 + (i % 5) / 2.0), t));
            out.add(reading("system", MeasurementKind.FREQUENCY, 60 + ((i % 5) - 2) / 256.0, t));
        }
        return out;
    }

    /**
     * A reading three hours after the data: sent to every partition once the data is read, it moves the watermark
     * past every window of the data. (Idleness would also do, but a partition whose backlog is fetched later than the
     * idle timeout would then see its readings turn late.)
     */
    static Measurement flush() {
        return reading("system", MeasurementKind.FREQUENCY, 60, FLUSH_TIME);
    }

    static double bus201(int tick) {
        if (tick == 50) {
            return 7.0;
        }
        if (tick >= 30 && tick < 40) {
            return 1.0625;
        }
        if (tick == 42) {
            return 1.0546875;
        }
        if (tick >= 40 && tick < 45) {
            return 1.046875;
        }
        return 1.0;
    }

    static Measurement reading(String asset, MeasurementKind kind, double value, Instant time) {
        return Measurement.of(SCADA, AssetId.of(asset), kind, value, kind.unit(), time, time.plusMillis(20));
    }

    static Comparator<Measurement> byEventTime() {
        return Comparator.comparing(Measurement::eventTime);
    }
}
