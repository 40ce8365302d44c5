package io.gridai.dispatch.opf.highs;

/** The solver's native library cannot be found or loaded; the message says what to install or set. */
public final class SolverUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SolverUnavailableException(String message) {
        super(message);
    }

    public SolverUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
