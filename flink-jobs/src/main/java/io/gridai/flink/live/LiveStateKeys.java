package io.gridai.flink.live;

import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;

/**
 * Keys of the live-state IMap: {@code <asset id>|<KIND>}, e.g. {@code bus-101|VOLTAGE_PU} ({@code |} never occurs
 * in an id). Values are the latest clean {@code Measurement} of that asset and kind in the wire format: read them
 * with {@code WireFormat.of(Measurement.class).decode(bytes)}.
 */
public final class LiveStateKeys {

    private LiveStateKeys() {
    }

    public static String of(AssetId asset, MeasurementKind kind) {
        return asset.value() + '|' + kind.name();
    }
}
