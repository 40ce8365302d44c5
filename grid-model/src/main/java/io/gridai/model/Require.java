package io.gridai.model;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/** Argument checks for the domain records; messages say what was wrong and what to do. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " must not be null; set it before building the record");
    }

    static String text(String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank; give a short human-readable text");
        }
        return value;
    }

    static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number but was " + value
                    + "; drop or substitute the value before building the record");
        }
        return value;
    }

    static <C extends Collection<?>> C noNulls(C values, String field) {
        present(values, field);
        for (Object value : values) {
            if (value == null) {
                throw new IllegalArgumentException(field + " contains null; remove the null elements");
            }
        }
        return values;
    }

    static Map<String, String> noNulls(Map<String, String> values, String field) {
        present(values, field);
        values.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException(field + " has a null key or value (" + key + "=" + value
                        + "); use an empty string or leave the entry out");
            }
        });
        return values;
    }
}
