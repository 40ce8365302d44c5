package io.gridai.ingestion.source;

import io.gridai.model.id.AssetId;

/**
 * An asset a source may report: an exact asset id ({@code gen-1}) or a prefix followed by {@code *}
 * ({@code gen-*}); {@code *} alone matches every asset.
 */
public record AssetPattern(String prefix, boolean wildcard) {

    public AssetPattern {
        if (prefix == null) {
            throw new IllegalArgumentException("an asset pattern needs its text, e.g. gen-1 or gen-*");
        }
        if (!wildcard) {
            AssetId.of(prefix);
        }
    }

    /**
     * Parses {@code gen-1} (exact) or {@code gen-*} (prefix). Used by the configuration as a converter.
     *
     * @throws IllegalArgumentException naming what is wrong and how to write a pattern
     */
    public static AssetPattern of(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty asset pattern; write an asset id (gen-1) or a prefix and *"
                    + " (gen-*), or * for every asset");
        }
        int star = trimmed.indexOf('*');
        if (star < 0) {
            try {
                return new AssetPattern(trimmed, false);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("asset pattern '" + trimmed + "' is not a valid asset id: "
                        + e.getMessage(), e);
            }
        }
        if (star != trimmed.length() - 1) {
            throw new IllegalArgumentException("asset pattern '" + trimmed + "' may have one * and only at the"
                    + " end (gen-*); it is a prefix match, not a glob");
        }
        String prefix = trimmed.substring(0, star);
        if (!prefix.isEmpty()) {
            try {
                AssetId.of(prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("asset pattern '" + trimmed + "' has a prefix that cannot start"
                        + " an asset id: " + e.getMessage(), e);
            }
        }
        return new AssetPattern(prefix, true);
    }

    public boolean matches(AssetId asset) {
        return wildcard ? asset.value().startsWith(prefix) : asset.value().equals(prefix);
    }

    @Override
    public String toString() {
        return wildcard ? prefix + "*" : prefix;
    }

    /** Reads {@code allowed-assets} entries; its message names what is wrong with the pattern. */
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<AssetPattern> {
        private static final long serialVersionUID = 1L;

        @Override
        public AssetPattern convert(String value) {
            return AssetPattern.of(value);
        }
    }
}
