package io.gridai.cli.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.gridai.kafka.KafkaBrokerMain;

/**
 * The Kafka broker (KRaft, single node) as its own JVM: {@link KafkaBrokerMain} formats its storage on
 * first start, creates the registry's topics, and writes the ready file this component waits for.
 */
public final class KafkaComponent extends JvmComponent {

    public static final String NAME = "kafka";

    private final String host;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private final long retentionBytes;
    private volatile String bootstrapServers;

    /**
     * @param host           address to bind and advertise
     * @param port           client port ({@code 0}: any free port)
     * @param controllerPort KRaft controller port ({@code 0}: any free port)
     * @param heap           the broker JVM's maximum heap, e.g. {@code 512m}
     * @param retentionBytes most bytes a partition keeps ({@code log.retention.bytes}); {@code -1} for no limit
     */
    public KafkaComponent(String host, int port, int controllerPort, String heap, long retentionBytes) {
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
        this.retentionBytes = retentionBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String title() {
        return "The Kafka broker";
    }

    @Override
    protected String mainClass() {
        return KafkaBrokerMain.class.getName();
    }

    @Override
    protected List<String> jvmOptions(PlatformLayout layout) {
        try {
            Files.createDirectories(layout.componentData("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + layout.componentData("tmp"), e);
        }
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-Djava.io.tmpdir=" + layout.componentData("tmp")));
        options.addAll(loggingOptions(layout, NAME));
        return options;
    }

    @Override
    protected List<String> arguments(PlatformLayout layout) {
        return List.of("--data-dir", layout.componentData(NAME).toString(), "--host", host,
                "--port", String.valueOf(port), "--controller-port", String.valueOf(controllerPort),
                "--set", "log.retention.bytes=" + retentionBytes);
    }

    @Override
    protected ComponentRecord record(PlatformLayout layout, long pid, Properties ready) {
        bootstrapServers = ready.getProperty("bootstrap.servers");
        return new ComponentRecord(NAME, "kafka", pid, List.of("kafka://" + bootstrapServers),
                Map.of("bootstrap.servers", bootstrapServers, "log", layout.logsDir().resolve(NAME + ".log").toString()));
    }

    /** The broker's {@code bootstrap.servers}, once started. */
    public String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("the Kafka broker has not started yet");
        }
        return bootstrapServers;
    }
}
