package io.gridai.dispatch.service.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gridai.dispatch.service.grid.DispatchGrid;
import io.gridai.model.Measurement;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topics;

/**
 * The telemetry clock ({@code clock=telemetry}) follows the case's own units only: a good reading of another asset
 * stamped years ahead (a device sending the real date through ingestion while the twin runs in 2020) must not make
 * every twin measurement look stale.
 */
class TelemetryClockTest {

    private static final SourceId SOURCE = SourceId.of("grid-sim");

    @Test
    void onlyTheCasesOwnUnitsMoveTheTelemetryClock() {
        DispatchGrid grid = DispatchGrid.load(Path.of("src/test/resources/case9_dispatch.m"), Optional.empty(), "zone-{area}", List.of(),
                0.02);
        LiveState live = new LiveState();
        InputConsumer inputs = new InputConsumer(Map.of(), Topics.TELEMETRY_RAW, Duration.ofHours(48), Duration.ofHours(4), grid,
                new ForecastBook(0.5), live, new io.gridai.service.runtime.ManualHolds(), () -> { });
        Instant twin = Instant.parse("2020-07-01T00:05:00Z");

        inputs.measurement(reading("gen-2-1", MeasurementKind.ACTIVE_POWER, 120, Unit.MEGAWATT, twin));
        inputs.measurement(reading("meter-42", MeasurementKind.ACTIVE_POWER, 3, Unit.MEGAWATT, Instant.parse("2026-11-29T10:00:00Z")));
        inputs.measurement(reading("bus-5", MeasurementKind.VOLTAGE_PU, 1.01, Unit.PER_UNIT, Instant.parse("2026-11-29T10:00:00Z")));

        assertThat(live.latestEventTime()).contains(twin);
        assertThat(live.activePower("gen-2-1")).map(LiveState.Reading::value).contains(120.0);
    }

    private static Measurement reading(String asset, MeasurementKind kind, double value, Unit unit, Instant time) {
        return Measurement.of(SOURCE, AssetId.of(asset), kind, value, unit, time, time);
    }
}
