package io.gridai.model;

/**
 * Root of the unchecked exceptions thrown by grid-model when something outside a single argument check
 * goes wrong (a record that cannot be encoded or decoded, a schema that cannot be loaded).
 *
 * <p>Argument checks on records throw {@link IllegalArgumentException}; both kinds mean a bug or bad input,
 * never an expected outcome.
 */
public class GridModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GridModelException(String message) {
        super(message);
    }

    public GridModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
