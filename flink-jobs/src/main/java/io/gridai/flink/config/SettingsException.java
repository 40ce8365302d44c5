package io.gridai.flink.config;

/** A configuration value that cannot be used; the message names the key, the value and what to give instead. */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
