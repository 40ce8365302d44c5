package io.gridai.model;

import io.gridai.model.id.AlertId;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Instant;

/**
 * A condition raised or cleared on one asset at {@code time} (event time of the reading that decided it).
 *
 * <p>For limit violations ({@link AlertType#isLimitViolation()}) {@code value} is the measured value and
 * {@code limit} the limit it crossed, both in {@code kind.unit()}. For data-quality alerts
 * (STALE_TELEMETRY, STUCK_SENSOR, DATA_GAP) {@code kind} is the affected quantity and {@code value} /
 * {@code limit} are the observed and allowed durations in seconds (age, stuck time, gap length).
 */
public record Alert(
        AlertId id,
        AssetId asset,
        AlertType type,
        Severity severity,
        AlertState state,
        MeasurementKind kind,
        double value,
        double limit,
        Instant time,
        String message) {

    public Alert {
        Require.present(id, "Alert.id");
        Require.present(asset, "Alert.asset");
        Require.present(type, "Alert.type");
        Require.present(severity, "Alert.severity");
        Require.present(state, "Alert.state");
        Require.present(kind, "Alert.kind");
        Require.finite(value, "Alert.value");
        Require.finite(limit, "Alert.limit");
        Require.present(time, "Alert.time");
        Require.text(message, "Alert.message");
    }
}
