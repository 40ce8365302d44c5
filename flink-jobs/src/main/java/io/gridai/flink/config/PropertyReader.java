package io.gridai.flink.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** Typed reads of a properties file with the default where a key is absent and errors that name the key. */
final class PropertyReader {

    private final Properties properties;

    PropertyReader(Properties properties) {
        this.properties = properties;
    }

    Optional<String> text(String key) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    String text(String key, String defaultValue) {
        return text(key).orElse(defaultValue);
    }

    /** The value, "" when the key is given empty (a switch-off), the default only when the key is absent. */
    String textOrEmpty(String key, String defaultValue) {
        String value = properties.getProperty(key);
        return value == null ? defaultValue : value.strip();
    }

    int integer(String key, int defaultValue, int min) {
        int value = text(key).map(v -> parse(key, v, Integer::parseInt, "a whole number")).orElse(defaultValue);
        if (value < min) {
            throw new SettingsException(key + "=" + value + " is below the smallest allowed value " + min);
        }
        return value;
    }

    double number(String key, double defaultValue) {
        return text(key).map(v -> parse(key, v, Double::parseDouble, "a decimal number")).orElse(defaultValue);
    }

    Duration duration(String key, Duration defaultValue) {
        Duration value = text(key).map(v -> parse(key, v, Duration::parse, "an ISO-8601 duration such as PT5S"))
                .orElse(defaultValue);
        if (value.isNegative()) {
            throw new SettingsException(key + "=" + value + " is negative; give a duration such as PT5S");
        }
        return value;
    }

    Duration positiveDuration(String key, Duration defaultValue) {
        Duration value = duration(key, defaultValue);
        if (value.isZero()) {
            throw new SettingsException(key + " must be longer than zero; give a duration such as PT5S");
        }
        return value;
    }

    List<Duration> durations(String key, List<Duration> defaultValue) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        List<Duration> values = new ArrayList<>();
        for (String part : raw.get().split(",")) {
            Duration value = parse(key, part.strip(), Duration::parse, "comma-separated ISO-8601 durations, e.g. PT1S,PT1M");
            if (value.isNegative() || value.isZero()) {
                throw new SettingsException(key + " holds " + value + "; every window must be longer than zero");
            }
            values.add(value);
        }
        return List.copyOf(values);
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private static <T> T parse(String key, String value, Parser<T> parser, String expected) {
        try {
            return parser.parse(value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new SettingsException(key + "='" + value + "' is not " + expected, e);
        }
    }
}
