package io.gridai.cli.platform;

import io.gridai.mqtt.MqttBrokerMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The MQTT broker (Moquette, from {@code mqtt-embedded}) as its own JVM, playing a utility's substation broker:
 * users with passwords from {@code <data>/mqtt/users.properties} (written on first start with random passwords
 * for {@code gridai-ingestion}, the subscriber, and the test source {@code local-utility}; kept afterwards, add
 * your sources' devices there), each source user writing only below {@code gridai/telemetry/<username>/}.
 */
public final class MqttComponent extends JvmComponent {

    public static final String NAME = "mqtt";
    /** Ingestion's own login: it may read the whole topic tree. */
    public static final String SUBSCRIBER = "gridai-ingestion";
    public static final String TOPIC_ROOT = "gridai/telemetry";

    private final String host;
    private final int port;
    private volatile String url;
    private volatile int boundPort;

    /**
     * @param host address to bind
     * @param port MQTT port ({@code 0}: any free port)
     */
    public MqttComponent(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String title() {
        return "The MQTT broker";
    }

    @Override
    protected String mainClass() {
        return MqttBrokerMain.class.getName();
    }

    @Override
    protected List<String> jvmOptions(PlatformLayout layout) {
        List<String> options = new ArrayList<>(List.of("-Xmx256m"));
        options.addAll(loggingOptions(layout, NAME));
        return options;
    }

    @Override
    protected List<String> arguments(PlatformLayout layout) {
        return List.of("--data-dir", layout.componentData(NAME).resolve("store").toString(),
                "--users", usersFile(layout).toString(), "--subscriber", SUBSCRIBER, "--host", host,
                "--port", String.valueOf(port), "--topic-root", TOPIC_ROOT);
    }

    @Override
    protected ComponentRecord record(PlatformLayout layout, long pid, Properties ready) {
        boundPort = Integer.parseInt(ready.getProperty("port"));
        url = "mqtt://" + host + ":" + boundPort;
        return new ComponentRecord(NAME, "process", pid, List.of(url), Map.of("url", url,
                "users", usersFile(layout).toString(), "log", layout.logsDir().resolve(NAME + ".log").toString()));
    }

    /**
     * Where ingestion connects, as the MQTT channel's configuration properties; known once the broker is up.
     * (A properties file, not environment variables: {@code MP_MESSAGING_INCOMING_MQTT_TELEMETRY_HOST} would
     * also read as a channel {@code mqtt}, because the channel's name has a dash.)
     */
    public Map<String, String> ingestionSettings(PlatformLayout layout) {
        if (url == null) {
            throw new IllegalStateException("the MQTT broker has not started yet");
        }
        return Map.of("gridai.ingestion.mqtt.enabled", "true",
                "gridai.ingestion.mqtt.topic-root", TOPIC_ROOT,
                "mp.messaging.incoming.mqtt-telemetry.host", host,
                "mp.messaging.incoming.mqtt-telemetry.port", String.valueOf(boundPort),
                "mp.messaging.incoming.mqtt-telemetry.username", SUBSCRIBER,
                "mp.messaging.incoming.mqtt-telemetry.password", users(layout).getProperty(SUBSCRIBER));
    }

    /** The broker's users; written once with random passwords for ingestion and {@code local-utility}. */
    public static Path usersFile(PlatformLayout layout) {
        Path file = layout.componentData(NAME).resolve("users.properties");
        if (Files.exists(file)) {
            return file;
        }
        SecureRandom random = new SecureRandom();
        List<String> lines = List.of(
                "# MQTT users of ./gridai up's broker: username=password. Kept across runs; add a source's devices here",
                "# (and its mqtt-username in ../ingestion/ingestion.properties). Sources publish below "
                        + TOPIC_ROOT + "/<username>/.",
                SUBSCRIBER + "=" + password(random),
                IngestionComponent.LOCAL_SOURCE + "=" + password(random));
        return PlatformFiles.writeOnce(file, lines, "the MQTT users");
    }

    private static Properties users(PlatformLayout layout) {
        Properties users = new Properties();
        try (InputStream in = Files.newInputStream(usersFile(layout))) {
            users.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + usersFile(layout), e);
        }
        return users;
    }

    private static String password(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
