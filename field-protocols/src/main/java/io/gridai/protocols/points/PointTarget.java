package io.gridai.protocols.points;

import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.util.Objects;

/**
 * What a field value becomes: the asset and kind it measures, the unit the device's value is in once multiplied by
 * {@code scale}, and that scale. {@code value in unit = raw × scale}; ingestion then converts it to the kind's
 * canonical unit (kW → MW, V → kV, …).
 *
 * @param asset the GridAI asset id the value belongs to
 * @param kind  what it measures
 * @param unit  the unit of {@code raw × scale}; must measure the kind's dimension
 * @param scale factor applied to the raw value (1 for engineering values, 0.1 for a register in tenths); finite and
 *              not zero
 */
public record PointTarget(AssetId asset, MeasurementKind kind, Unit unit, double scale) {

    public PointTarget {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        if (unit.dimension() != kind.dimension()) {
            throw new IllegalArgumentException("unit " + unit.symbol() + " (" + unit.dimension() + ") cannot carry a "
                    + kind + " value; give " + kind.unit().symbol() + " or another " + kind.dimension() + " unit");
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale " + scale + " must be a finite number other than 0 (1 when the"
                    + " device sends engineering values)");
        }
    }

    /** The raw device value in {@link #unit()}. */
    public double apply(double raw) {
        return raw * scale;
    }

    @Override
    public String toString() {
        return asset + " " + kind + " [" + unit.symbol() + (scale == 1 ? "" : " ×" + scale) + "]";
    }
}
