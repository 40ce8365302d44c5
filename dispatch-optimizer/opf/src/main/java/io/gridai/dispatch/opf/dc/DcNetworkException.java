package io.gridai.dispatch.opf.dc;

/** A case that has no DC model: no reference bus, islands, a zero-reactance branch. The message says what to fix. */
public final class DcNetworkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DcNetworkException(String message) {
        super(message);
    }

    public DcNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
