package io.gridai.model.id;

import io.gridai.model.unit.MeasurementKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one reading. Ids made by {@link #derive} are deterministic, so a reading that a feed sends
 * twice gets the same id and consumers can drop the duplicate.
 */
public record MeasurementId(String value) implements TypedId {

    public MeasurementId {
        value = IdRules.requireValid(value, "MeasurementId");
    }

    /** Parses and validates {@code value}; throws {@link IllegalArgumentException} when it breaks the id rule. */
    public static MeasurementId of(String value) {
        return new MeasurementId(value);
    }

    /**
     * The name-based (type 3) UUID of source, asset, kind and event time at full {@link Instant} precision.
     * Ids cannot contain {@code '|'}, so the joined name is unambiguous.
     */
    public static MeasurementId derive(SourceId source, AssetId asset, MeasurementKind kind, Instant eventTime) {
        Objects.requireNonNull(source, "MeasurementId.derive needs the source");
        Objects.requireNonNull(asset, "MeasurementId.derive needs the asset");
        Objects.requireNonNull(kind, "MeasurementId.derive needs the kind");
        Objects.requireNonNull(eventTime, "MeasurementId.derive needs the event time");
        String name = "measurement|" + source.value() + '|' + asset.value() + '|' + kind.name() + '|'
                + eventTime.getEpochSecond() + '|' + eventTime.getNano();
        return new MeasurementId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
