package io.gridai.kafka;

import io.gridai.model.process.StatusFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Runs the embedded broker as its own process, as {@code gridai up} does.
 *
 * <pre>
 * java -cp ... io.gridai.kafka.KafkaBrokerMain --data-dir DIR [--host 127.0.0.1] [--port 9092]
 *      [--controller-port 9093] [--ready-file FILE] [--parent-pid PID] [--set key=value]...
 * </pre>
 *
 * <p>It formats the storage if new, starts the broker, creates the registry's topics, then writes
 * {@code --ready-file} (properties: {@code bootstrap.servers}, {@code pid}) atomically. It stops cleanly
 * on SIGTERM/SIGINT and also when the process {@code --parent-pid} ends, so a launcher that dies
 * leaves no broker behind.
 */
public final class KafkaBrokerMain {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerMain.class);

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length || !name.startsWith("--")) {
                usage("unexpected argument '" + name + "'");
            }
            String value = args[++i];
            if (name.equals("--set")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    usage("--set takes key=value, got '" + value + "'");
                }
                overrides.put(value.substring(0, eq), value.substring(eq + 1));
            } else {
                options.put(name, value);
            }
        }
        String dataDir = options.get("--data-dir");
        if (dataDir == null) {
            usage("--data-dir is required");
        }
        KafkaBrokerSettings settings = new KafkaBrokerSettings(
                options.getOrDefault("--host", KafkaBrokerSettings.DEFAULT_HOST),
                parsePort(options, "--port"),
                parsePort(options, "--controller-port"),
                Path.of(dataDir),
                overrides);

        CountDownLatch stop = new CountDownLatch(1);
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(settings);
        } catch (KafkaBrokerException e) {
            LOG.error("Kafka broker did not start: {}", e.getMessage());
            System.err.println("gridai kafka: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stop.countDown();
        }, "gridai-kafka-shutdown"));

        try {
            broker.createRegistryTopics();
        } catch (KafkaBrokerException e) {
            LOG.error("Topic provisioning failed: {}", e.getMessage());
            System.err.println("gridai kafka: " + e.getMessage());
            System.exit(3);
        }

        String parentPid = options.get("--parent-pid");
        if (parentPid != null) {
            ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> {
                        LOG.warn("Launcher process {} ended; stopping the Kafka broker", parentPid);
                        System.exit(0);
                    }),
                    () -> {
                        LOG.warn("Launcher process {} is already gone; stopping the Kafka broker", parentPid);
                        System.exit(0);
                    });
        }

        String readyFile = options.get("--ready-file");
        if (readyFile != null) {
            writeReady(Path.of(readyFile), broker);
        }
        LOG.info("Kafka broker serving: bootstrap={}", broker.bootstrapServers());
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeReady(Path file, EmbeddedKafkaBroker broker) {
        Properties ready = new Properties();
        ready.setProperty("bootstrap.servers", broker.bootstrapServers());
        ready.setProperty("controller.port", String.valueOf(broker.controllerPort()));
        ready.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
        StatusFiles.write(file, ready, "GridAI Kafka broker is ready");
    }

    private static int parsePort(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            usage(name + " takes a port number, got '" + value + "'");
            return -1;
        }
    }

    private static void usage(String problem) {
        System.err.println("gridai kafka: " + problem);
        System.err.println("usage: KafkaBrokerMain --data-dir DIR [--host H] [--port P] [--controller-port P]"
                + " [--ready-file F] [--parent-pid PID] [--set key=value]...");
        System.exit(64);
    }
}
