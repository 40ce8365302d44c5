package io.gridai.model.id;

/** Identifies a physical asset: a generator, load, battery, line, transformer or bus. */
public record AssetId(String value) implements TypedId {

    public AssetId {
        value = IdRules.requireValid(value, "AssetId");
    }

    /** Parses and validates {@code value}; throws {@link IllegalArgumentException} when it breaks the id rule. */
    public static AssetId of(String value) {
        return new AssetId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
