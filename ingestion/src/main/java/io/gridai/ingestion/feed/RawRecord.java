package io.gridai.ingestion.feed;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * One record of a batch as received, before validation: its position, its fields as text ({@code asset},
 * {@code kind}, {@code value}, {@code unit}, {@code time}, optional {@code id}), its own bytes (what the
 * dead-letter topic keeps) and their media type. {@code shapeProblem} is set when the record is not even a
 * flat set of fields (a JSON element that is no object, a CSV row with more cells than the header).
 */
public record RawRecord(int index, Map<String, String> fields, byte[] payload, String contentType,
        Optional<String> shapeProblem) {

    /** The field names of the record schema. */
    public static final String ASSET = "asset";
    public static final String KIND = "kind";
    public static final String VALUE = "value";
    public static final String UNIT = "unit";
    public static final String TIME = "time";
    public static final String ID = "id";

    /** Takes ownership of {@code fields} and {@code payload}: the readers hand over fresh ones, not copied here. */
    public RawRecord {
        fields = Collections.unmodifiableMap(fields);
    }

    /** The field's text, absent when missing or blank. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(text(name));
    }

    /** The field's text without surrounding blanks, or null when missing or blank (no Optional per call). */
    public String text(String name) {
        String text = fields.get(name);
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The record's own bytes; do not modify them. */
    @Override
    public byte[] payload() {
        return payload;
    }
}
