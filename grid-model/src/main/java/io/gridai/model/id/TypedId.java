package io.gridai.model.id;

/**
 * A typed identifier: a validated string that is non-blank, at most {@value #MAX_LENGTH} characters and
 * matches {@code [A-Za-z0-9][A-Za-z0-9._:/-]*}. {@code toString()} returns the bare value.
 */
public interface TypedId {

    /** Longest accepted identifier, in characters. */
    int MAX_LENGTH = 128;

    /** The identifier as text, exactly as it appears on the wire and in Kafka keys. */
    String value();
}
