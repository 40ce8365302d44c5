package io.gridai.model.id;

import java.util.UUID;

/** Identifies one alert raised or cleared by limit or data-quality detection. */
public record AlertId(String value) implements TypedId {

    public AlertId {
        value = IdRules.requireValid(value, "AlertId");
    }

    /** Parses and validates {@code value}; throws {@link IllegalArgumentException} when it breaks the id rule. */
    public static AlertId of(String value) {
        return new AlertId(value);
    }

    /** A fresh random (type 4 UUID) identifier. */
    public static AlertId random() {
        return new AlertId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
