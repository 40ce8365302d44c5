package io.gridai.model.id;

/** Identifies a substation, the site that groups buses and bays. */
public record SubstationId(String value) implements TypedId {

    public SubstationId {
        value = IdRules.requireValid(value, "SubstationId");
    }

    /** Parses and validates {@code value}; throws {@link IllegalArgumentException} when it breaks the id rule. */
    public static SubstationId of(String value) {
        return new SubstationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
