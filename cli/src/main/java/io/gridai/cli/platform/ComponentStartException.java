package io.gridai.cli.platform;

/** A component did not become ready; the message says why and what to do (it is shown to the user as is). */
public class ComponentStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ComponentStartException(String message) {
        super(message);
    }

    public ComponentStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
