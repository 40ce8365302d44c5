package io.gridai.ingestion.validate;

import io.gridai.model.unit.MeasurementKind;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The values a kind can plausibly take, inclusive, in the kind's canonical unit ({@code kind.unit()}).
 * Written in configuration as {@code KIND=min..max}, e.g. {@code FREQUENCY=40..70}.
 */
public record PlausibleRange(MeasurementKind kind, double min, double max) {

    public PlausibleRange {
        if (kind == null) {
            throw new IllegalArgumentException("a plausible range needs its measurement kind");
        }
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("plausible range of " + kind + " is " + min + ".." + max
                    + "; give finite bounds with min <= max, e.g. " + kind + "=0..100");
        }
    }

    /**
     * Parses {@code KIND=min..max}. Used by the configuration as a converter.
     *
     * @throws IllegalArgumentException naming what is wrong and the expected form
     */
    public static PlausibleRange of(String text) {
        String form = "write KIND=min..max in the kind's canonical unit, e.g. FREQUENCY=40..70";
        String trimmed = text == null ? "" : text.trim();
        int equals = trimmed.indexOf('=');
        int dots = trimmed.indexOf("..", equals + 1);
        if (equals < 1 || dots < 0) {
            throw new IllegalArgumentException("plausible range '" + trimmed + "' is not understood; " + form);
        }
        String kindName = trimmed.substring(0, equals).trim();
        MeasurementKind kind;
        try {
            kind = MeasurementKind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("plausible range '" + trimmed + "' names an unknown kind '" + kindName
                    + "'; use one of " + Arrays.stream(MeasurementKind.values()).map(Enum::name)
                            .collect(Collectors.joining(", ")), e);
        }
        try {
            double min = Double.parseDouble(trimmed.substring(equals + 1, dots).trim());
            double max = Double.parseDouble(trimmed.substring(dots + 2).trim());
            return new PlausibleRange(kind, min, max);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("plausible range '" + trimmed + "' has a bound that is not a number; "
                    + form, e);
        }
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return kind + "=" + min + ".." + max;
    }

    /** Reads {@code plausible-ranges} entries; its message names what is wrong with the entry. */
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<PlausibleRange> {
        private static final long serialVersionUID = 1L;

        @Override
        public PlausibleRange convert(String value) {
            return PlausibleRange.of(value);
        }
    }
}
