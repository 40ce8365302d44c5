package io.gridai.inference.series;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Reads the timestamps utilities' exports carry: ISO 8601 with {@code T} or a space, seconds and fractions
 * optional, with an offset ({@code Z}, {@code +01:00}, {@code +0100}, {@code +01}) or without one, or a bare date.
 * A timestamp without an offset is read in the given zone (UTC unless the user says otherwise).
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2).optionalEnd()
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /**
     * The instant {@code text} names.
     *
     * @param naiveZone the zone of timestamps without an offset
     * @return empty when {@code text} is not a timestamp
     */
    public static Optional<Instant> parse(String text, ZoneId naiveZone) {
        String t = text.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            TemporalAccessor parsed = FORMAT.parse(t);
            LocalDate date = LocalDate.from(parsed);
            if (!parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
                return Optional.of(date.atStartOfDay(naiveZone).toInstant());
            }
            LocalDateTime local = LocalDateTime.of(date, java.time.LocalTime.of(parsed.get(ChronoField.HOUR_OF_DAY),
                    parsed.isSupported(ChronoField.MINUTE_OF_HOUR) ? parsed.get(ChronoField.MINUTE_OF_HOUR) : 0,
                    parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
                    parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0));
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Optional.of(OffsetDateTime.of(local, java.time.ZoneOffset.ofTotalSeconds(
                        parsed.get(ChronoField.OFFSET_SECONDS))).toInstant());
            }
            return Optional.of(local.atZone(naiveZone).toInstant());
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} carries its own offset. */
    public static boolean hasOffset(String text) {
        try {
            return FORMAT.parse(text.trim()).isSupported(ChronoField.OFFSET_SECONDS);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
