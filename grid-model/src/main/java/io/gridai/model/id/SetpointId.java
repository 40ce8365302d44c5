package io.gridai.model.id;

import java.util.UUID;

/** Identifies one issued setpoint. */
public record SetpointId(String value) implements TypedId {

    public SetpointId {
        value = IdRules.requireValid(value, "SetpointId");
    }

    /** Parses and validates {@code value}; throws {@link IllegalArgumentException} when it breaks the id rule. */
    public static SetpointId of(String value) {
        return new SetpointId(value);
    }

    /** A fresh random (type 4 UUID) identifier. */
    public static SetpointId random() {
        return new SetpointId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
