package io.gridai.protocols.live;

import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One value read from a field device, as the device gave it once mapped: the station or device it came from (its
 * source id), the asset and kind of its point, the value in the point's unit (scale applied, not yet converted to
 * the canonical unit), the quality the device reported, the event time, and where on the wire it came from.
 *
 * <p>{@code value} may be NaN or infinite when the device sent that (a float register or short float): a
 * {@link Measurement} cannot hold it, so ingestion refuses it like any other feed's non-finite value.
 *
 * @param source    the station's or device's source id
 * @param asset     the point's asset
 * @param kind      the point's kind
 * @param value     raw value × scale, in {@code unit}
 * @param unit      the point's unit
 * @param quality   GridAI quality flags (empty = good)
 * @param eventTime the device's time tag, else the time the value was received (then flagged, see the client)
 * @param origin    where it came from, for people: {@code iec104 ca=1 ioa=1001 M_ME_TF_1 SPONTANEOUS},
 *                  {@code modbus unit=1 holding 0 FLOAT32 BIG}
 */
public record FieldReading(SourceId source, AssetId asset, MeasurementKind kind, double value, Unit unit,
        Set<QualityFlag> quality, Instant eventTime, String origin) {

    public FieldReading {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        quality = quality.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(quality));
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * The GridAI measurement: value converted to the kind's canonical unit, id derived from source, asset, kind and
     * event time (as every feed derives it), the quality flags kept.
     *
     * @throws IllegalArgumentException when the value is not finite
     */
    public Measurement toMeasurement(Instant ingestTime) {
        return new Measurement(MeasurementId.derive(source, asset, kind, eventTime), source, asset, kind,
                unit.convert(value, kind.unit()), quality, eventTime, ingestTime);
    }
}
