package io.gridai.model;

import io.gridai.model.id.AssetId;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One reading of one quantity of one asset.
 *
 * <p>{@code value} is always in {@code kind.unit()} (MW, kV, Hz, …) and follows the generator sign
 * convention documented on {@link MeasurementKind}. {@code quality} is empty for a good value and iterates
 * in declaration order of {@link QualityFlag}. {@code eventTime} is when the quantity was measured,
 * {@code ingestTime} when GridAI accepted it; they are not ordered (field clocks drift).
 */
public record Measurement(
        MeasurementId id,
        SourceId source,
        AssetId asset,
        MeasurementKind kind,
        double value,
        Set<QualityFlag> quality,
        Instant eventTime,
        Instant ingestTime) {

    public Measurement {
        Require.present(id, "Measurement.id");
        Require.present(source, "Measurement.source");
        Require.present(asset, "Measurement.asset");
        Require.present(kind, "Measurement.kind");
        Require.finite(value, "Measurement.value");
        quality = Collections.unmodifiableSet(copyOf(Require.noNulls(quality, "Measurement.quality")));
        Require.present(eventTime, "Measurement.eventTime");
        Require.present(ingestTime, "Measurement.ingestTime");
    }

    /**
     * A good measurement from a value in any unit of the kind's dimension, converted to the canonical unit,
     * with its id derived from source, asset, kind and event time.
     *
     * @throws IllegalArgumentException when {@code unit} does not measure the kind's dimension
     */
    public static Measurement of(SourceId source, AssetId asset, MeasurementKind kind, double value, Unit unit,
            Instant eventTime, Instant ingestTime) {
        Require.present(kind, "Measurement.kind");
        Require.present(unit, "Measurement unit");
        if (unit.dimension() != kind.dimension()) {
            throw new IllegalArgumentException("a " + kind + " value cannot be given in " + unit.symbol() + " ("
                    + unit.dimension() + "); send it in " + kind.unit().symbol() + " or another "
                    + kind.dimension() + " unit");
        }
        return new Measurement(MeasurementId.derive(source, asset, kind, eventTime), source, asset, kind,
                unit.convert(value, kind.unit()), Set.of(), eventTime, ingestTime);
    }

    /** The unit {@link #value()} is in: {@code kind().unit()}. */
    public Unit unit() {
        return kind.unit();
    }

    /** True when no quality flag is set. */
    public boolean isGood() {
        return quality.isEmpty();
    }

    /** A copy with exactly these flags. */
    public Measurement withQuality(Set<QualityFlag> flags) {
        return new Measurement(id, source, asset, kind, value, flags, eventTime, ingestTime);
    }

    /** A copy with {@code flag} added to the existing flags. */
    public Measurement withFlag(QualityFlag flag) {
        EnumSet<QualityFlag> flags = copyOf(quality);
        flags.add(Require.present(flag, "quality flag"));
        return withQuality(flags);
    }

    private static EnumSet<QualityFlag> copyOf(Collection<QualityFlag> flags) {
        return flags.isEmpty() ? EnumSet.noneOf(QualityFlag.class) : EnumSet.copyOf(flags);
    }
}
