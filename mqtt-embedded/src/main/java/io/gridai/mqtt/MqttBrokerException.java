package io.gridai.mqtt;

/** The embedded MQTT broker could not start or read its settings; the message says why and what to do. */
public class MqttBrokerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MqttBrokerException(String message) {
        super(message);
    }

    public MqttBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
