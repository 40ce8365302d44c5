package io.gridai.cli.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.gridai.kafka.KafkaBrokerMain;

/**
 * The Kafka broker (KRaft, single node) as its own JVM: {@link KafkaBrokerMain} formats its storage on
 * first start, creates the registry's topics, and writes a ready file that this component waits for.
 */
public final class KafkaComponent implements PlatformComponent {

    public static final String NAME = "kafka";

    private final String host;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private JvmProcess process;
    private Path readyFile;

    /**
     * @param host           address to bind and advertise
     * @param port           client port ({@code 0}: any free port)
     * @param controllerPort KRaft controller port ({@code 0}: any free port)
     * @param heap           the broker JVM's maximum heap, e.g. {@code 512m}
     */
    public KafkaComponent(String host, int port, int controllerPort, String heap) {
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentRecord start(PlatformLayout layout, Duration readyTimeout) {
        Path ready = layout.runDir().resolve(NAME + ".ready");
        readyFile = ready;
        try {
            Files.deleteIfExists(ready);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove stale " + ready, e);
        }
        List<String> jvm = List.of(
                "-Xmx" + heap,
                "-Dlog4j2.configurationFile=gridai-broker-log4j2.xml",
                "-Dgridai.log.file=" + layout.logsDir().resolve(NAME + ".log"),
                "-Djava.io.tmpdir=" + layout.componentData("tmp"));
        List<String> args = new ArrayList<>(List.of(
                "--data-dir", layout.componentData(NAME).toString(),
                "--host", host,
                "--port", String.valueOf(port),
                "--controller-port", String.valueOf(controllerPort),
                "--ready-file", ready.toString(),
                "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
        try {
            Files.createDirectories(layout.componentData("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + layout.componentData("tmp"), e);
        }
        process = JvmProcess.start(NAME, layout, jvm, KafkaBrokerMain.class.getName(), args);

        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive()) {
                throw new ComponentStartException("The Kafka broker exited (code " + process.exitCode() + ") before it was ready:"
                        + System.lineSeparator() + process.stderrTail(15) + System.lineSeparator()
                        + "Full log: " + layout.logsDir().resolve(NAME + ".log"));
            }
            if (System.nanoTime() > deadline) {
                process.stop(Duration.ofSeconds(10));
                throw new ComponentStartException("The Kafka broker was not ready within " + readyTimeout
                        + "; see " + layout.logsDir().resolve(NAME + ".log"));
            }
            process.waitForExit(Duration.ofMillis(100));
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(ready)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ready, e);
        }
        String bootstrap = props.getProperty("bootstrap.servers");
        return new ComponentRecord(NAME, "kafka", process.pid(), List.of("kafka://" + bootstrap),
                Map.of("bootstrap.servers", bootstrap, "log", layout.logsDir().resolve(NAME + ".log").toString()));
    }

    @Override
    public void stop(Duration timeout) {
        if (process != null) {
            process.stop(timeout);
        }
        if (readyFile != null) {
            try {
                Files.deleteIfExists(readyFile);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove " + readyFile, e);
            }
        }
    }

    @Override
    public boolean isAlive() {
        return process != null && process.isAlive();
    }
}
