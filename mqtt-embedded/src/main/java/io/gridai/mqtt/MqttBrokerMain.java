package io.gridai.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded MQTT broker as its own process, as {@code gridai up} does.
 *
 * <pre>
 * java -cp ... io.gridai.mqtt.MqttBrokerMain --data-dir DIR --users FILE [--subscriber USER]...
 *      [--host 127.0.0.1] [--port 1883] [--topic-root gridai/telemetry] [--max-message-bytes 1048576]
 *      [--ready-file FILE] [--parent-pid PID]
 * </pre>
 *
 * <p>{@code --users} is a properties file, one {@code username=password} line per user; {@code --subscriber} names
 * the users that may read {@code <topic-root>/#} (ingestion), every other user may publish only below
 * {@code <topic-root>/<username>/}. Once the broker listens it writes {@code --ready-file} (properties:
 * {@code url}, {@code host}, {@code port}, {@code pid}) atomically. It stops cleanly on SIGTERM/SIGINT and also when
 * the process {@code --parent-pid} ends, so a launcher that dies leaves no broker behind.
 */
public final class MqttBrokerMain {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBrokerMain.class);
    private static final Set<String> OPTIONS = Set.of("--data-dir", "--users", "--subscriber", "--host", "--port",
            "--topic-root", "--max-message-bytes", "--ready-file", "--parent-pid");

    private MqttBrokerMain() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        Set<String> subscribers = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length || !OPTIONS.contains(name)) {
                usage("unexpected argument '" + name + "'");
            }
            String value = args[++i];
            if (name.equals("--subscriber")) {
                subscribers.add(value);
            } else {
                options.put(name, value);
            }
        }
        String dataDir = options.get("--data-dir");
        String usersFile = options.get("--users");
        if (dataDir == null || usersFile == null) {
            usage("--data-dir and --users are required");
        }
        MqttBrokerSettings settings;
        try {
            settings = new MqttBrokerSettings(
                    options.getOrDefault("--host", MqttBrokerSettings.DEFAULT_HOST),
                    parseInt(options, "--port", 0),
                    Path.of(dataDir),
                    options.getOrDefault("--topic-root", MqttBrokerSettings.DEFAULT_TOPIC_ROOT),
                    readUsers(Path.of(usersFile)),
                    subscribers,
                    parseInt(options, "--max-message-bytes", MqttBrokerSettings.DEFAULT_MAX_MESSAGE_BYTES));
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }

        CountDownLatch stop = new CountDownLatch(1);
        EmbeddedMqttBroker broker;
        try {
            broker = EmbeddedMqttBroker.start(settings);
        } catch (MqttBrokerException e) {
            LOG.error("MQTT broker did not start: {}", e.getMessage());
            System.err.println("gridai mqtt: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stop.countDown();
        }, "gridai-mqtt-shutdown"));

        String parentPid = options.get("--parent-pid");
        if (parentPid != null) {
            ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> {
                        LOG.warn("Launcher process {} ended; stopping the MQTT broker", parentPid);
                        System.exit(0);
                    }),
                    () -> {
                        LOG.warn("Launcher process {} is already gone; stopping the MQTT broker", parentPid);
                        System.exit(0);
                    });
        }

        String readyFile = options.get("--ready-file");
        if (readyFile != null) {
            writeReady(Path.of(readyFile), broker);
        }
        LOG.info("MQTT broker serving: url={}", broker.url());
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code username=password} per line (Java properties: {@code #} comments, {@code \} escapes). */
    static Map<String, String> readUsers(Path file) {
        Properties users = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            users.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + file + ": " + e.getMessage()
                    + "; give a properties file with one username=password line per user");
        }
        Map<String, String> passwords = new HashMap<>();
        users.stringPropertyNames().forEach(user -> passwords.put(user, users.getProperty(user)));
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException("the users file " + file + " lists no user; add username=password"
                    + " lines (the broker refuses anonymous clients)");
        }
        return passwords;
    }

    private static void writeReady(Path file, EmbeddedMqttBroker broker) {
        Properties ready = new Properties();
        ready.setProperty("url", broker.url());
        ready.setProperty("host", broker.host());
        ready.setProperty("port", String.valueOf(broker.port()));
        ready.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var out = Files.newOutputStream(tmp)) {
                ready.store(out, "GridAI MQTT broker is ready");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write ready file " + file, e);
        }
    }

    private static int parseInt(Map<String, String> options, String name, int defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            usage(name + " takes a number, got '" + value + "'");
            return -1;
        }
    }

    private static void usage(String problem) {
        System.err.println("gridai mqtt: " + problem);
        System.err.println("usage: MqttBrokerMain --data-dir DIR --users FILE [--subscriber USER]... [--host H]"
                + " [--port P] [--topic-root gridai/telemetry] [--max-message-bytes N] [--ready-file F]"
                + " [--parent-pid PID]");
        System.exit(64);
    }
}
