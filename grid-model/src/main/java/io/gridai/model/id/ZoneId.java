package io.gridai.model.id;

/** Identifies a forecast or balancing zone, an area whose load and renewables are forecast together. */
public record ZoneId(String value) implements TypedId {

    public ZoneId {
        value = IdRules.requireValid(value, "ZoneId");
    }

    /** Parses and validates {@code value}; throws {@link IllegalArgumentException} when it breaks the id rule. */
    public static ZoneId of(String value) {
        return new ZoneId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
