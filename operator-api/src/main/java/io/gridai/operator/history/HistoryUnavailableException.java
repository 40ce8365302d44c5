package io.gridai.operator.history;

/** A history scan cannot start now (too many at once, or Kafka not answering); nothing has been sent. */
public final class HistoryUnavailableException extends RuntimeException {

    public HistoryUnavailableException(String message) {
        super(message, null, false, false);
    }
}
