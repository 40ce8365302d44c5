package io.gridai.kafka;

/** The embedded broker could not be formatted, started or provisioned; the message says why and what to do. */
public class KafkaBrokerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaBrokerException(String message) {
        super(message);
    }

    public KafkaBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
