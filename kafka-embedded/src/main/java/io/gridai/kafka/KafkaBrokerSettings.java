package io.gridai.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a single-node KRaft broker (broker and controller in one process).
 *
 * @param host           address both listeners bind to and advertise; loopback by default
 * @param port           client (PLAINTEXT) port; {@code 0} picks a free port
 * @param controllerPort KRaft controller port; {@code 0} picks a free port
 * @param dataDir        folder holding the broker's metadata and log segments; kept across restarts
 * @param overrides      extra broker properties, applied last (e.g. {@code transaction.max.timeout.ms})
 */
public record KafkaBrokerSettings(String host, int port, int controllerPort, Path dataDir, Map<String, String> overrides) {

    /** Address the broker listens on unless told otherwise: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public KafkaBrokerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        checkPort("port", port);
        checkPort("controllerPort", controllerPort);
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("Kafka client port and controller port are both " + port
                    + "; give the controller its own port");
        }
        overrides = Map.copyOf(overrides);
    }

    /** A broker on loopback with free ports and no overrides, storing its data in {@code dataDir}. */
    public static KafkaBrokerSettings ephemeralPorts(Path dataDir) {
        return new KafkaBrokerSettings(DEFAULT_HOST, 0, 0, dataDir, Map.of());
    }

    public KafkaBrokerSettings withOverrides(Map<String, String> extra) {
        var merged = new java.util.HashMap<>(overrides);
        merged.putAll(extra);
        return new KafkaBrokerSettings(host, port, controllerPort, dataDir, merged);
    }

    private static void checkPort(String name, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (any free port) or 1..65535, was " + value);
        }
    }
}
