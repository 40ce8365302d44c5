package io.gridai.protocols.decode;

import java.util.Map;

/** The outcome of decoding one frame: its fields (JSON-ready, snake_case), or why it could not be decoded. */
public sealed interface Decoding {

    /** A decoded frame; {@code fields} is in print order. */
    record Decoded(Map<String, Object> fields) implements Decoding {
    }

    /** An undecodable frame and a reason a person can act on. */
    record Failed(String reason) implements Decoding {
    }

    static Decoding failed(String reason) {
        return new Failed(reason);
    }
}
