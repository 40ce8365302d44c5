package io.gridai.model.wire;

import io.gridai.model.GridModelException;

/** A value could not be encoded, or bytes could not be decoded, in GridAI's wire format. */
public class WireFormatException extends GridModelException {

    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
