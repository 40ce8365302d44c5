package io.gridai.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;

class TelemetryImperfectionsTest {

    private static final Instant T0 = Instant.parse("2020-07-01T00:00:00Z");
    private static final int SENSORS = 200;

    private static List<Measurement> tick(int k) {
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < SENSORS; i++) {
            out.add(Measurement.of(SourceId.of("grid-sim"), AssetId.of("gen-" + i), MeasurementKind.ACTIVE_POWER,
                    100 + i + k, Unit.MEGAWATT, T0.plusSeconds(k), T0.plusSeconds(k)));
        }
        return out;
    }

    @Test
    void noneLeavesEveryValueExactOnceAndOnTime() {
        TelemetryImperfections none = new TelemetryImperfections(ImperfectionSettings.none());
        List<Measurement> exact = tick(1);
        assertThat(none.apply(exact)).isEqualTo(exact);
    }

    @Test
    void eachImperfectionHappensAtRoughlyItsRateAndIsRepeatable() {
        ImperfectionSettings s = new ImperfectionSettings(7, 0.01, 0.05, 0.01, 5, 0.01, 10, 0.05, 0.05, 3);
        Stats a = run(s);
        Stats b = run(s);
        assertThat(a).isEqualTo(b);
        int n = SENSORS * 500;
        assertThat(a.dropped).isBetween((int) (n * 0.04), (int) (n * 0.06));
        assertThat(a.duplicates).isBetween((int) (n * 0.035), (int) (n * 0.065));
        assertThat(a.late).isBetween((int) (n * 0.035), (int) (n * 0.065));
        assertThat(a.spikes).isGreaterThan(0);
        assertThat(a.stuckRuns).isGreaterThan(0);
        assertThat(a.noisy).isGreaterThan(n / 2);
    }

    private record Stats(int dropped, int duplicates, int late, int spikes, int stuckRuns, int noisy) {
    }

    private static Stats run(ImperfectionSettings settings) {
        TelemetryImperfections imperfections = new TelemetryImperfections(settings);
        Map<MeasurementId, Measurement> sentIds = new HashMap<>();
        int duplicates = 0;
        int late = 0;
        int spikes = 0;
        int noisy = 0;
        int stuckRuns = 0;
        Map<AssetId, Double> previous = new HashMap<>();
        Set<MeasurementId> exactIds = new java.util.HashSet<>();
        for (int k = 1; k <= 500; k++) {
            List<Measurement> exact = tick(k);
            exact.forEach(m -> exactIds.add(m.id()));
            Map<MeasurementId, Measurement> byId = exact.stream().collect(Collectors.toMap(Measurement::id, m -> m));
            for (Measurement m : imperfections.apply(exact)) {
                if (sentIds.put(m.id(), m) != null) {
                    duplicates++;
                }
                if (m.eventTime().isBefore(T0.plusSeconds(k))) {
                    late++;
                    continue;
                }
                double truth = byId.get(m.id()).value();
                if (Math.abs(m.value()) > 5 * Math.abs(truth)) {
                    spikes++;
                } else if (m.value() != truth) {
                    noisy++;
                }
                Double before = previous.put(m.asset(), m.value());
                if (before != null && before.doubleValue() == m.value()) {
                    stuckRuns++;
                }
            }
        }
        int dropped = (int) exactIds.stream().filter(id -> !sentIds.containsKey(id)).count();
        return new Stats(dropped, duplicates, late, spikes, stuckRuns, noisy);
    }

    @Test
    void frequencyNoiseIsAMetersErrorNotAFractionOfSixtyHertz() {
        TelemetryImperfections noisy = new TelemetryImperfections(new ImperfectionSettings(7, 0.005, 0, 0, 1, 0, 1, 0, 0,
                1));
        double sumSquares = 0;
        int n = 5000;
        for (int k = 0; k < n; k++) {
            Measurement f = Measurement.of(SourceId.of("grid-sim"), AssetId.of("system"), MeasurementKind.FREQUENCY, 60.0,
                    Unit.HERTZ, T0.plusSeconds(k), T0.plusSeconds(k));
            double error = noisy.apply(List.of(f)).get(0).value() - 60.0;
            sumSquares += error * error;
        }
        // 0.5 % of 1 Hz: 5 mHz standard deviation (0.3 Hz if it were 0.5 % of 60 Hz)
        assertThat(Math.sqrt(sumSquares / n)).isBetween(0.0045, 0.0055);
    }
}
