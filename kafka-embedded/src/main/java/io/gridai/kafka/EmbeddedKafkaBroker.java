package io.gridai.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gridai.model.topic.Topics;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Apache Kafka broker in KRaft mode, running in this JVM.
 *
 * <p>The node is both broker and controller. Its storage is formatted on first start and reused
 * afterwards, so a broker restarted on the same data directory (after a crash, say) finds its topics
 * and records again. Internal topics run with replication factor 1, as a single node requires.
 *
 * <pre>{@code
 * try (var broker = EmbeddedKafkaBroker.start(KafkaBrokerSettings.ephemeralPorts(dir))) {
 *     producerProps.put("bootstrap.servers", broker.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** How long {@link #start} waits for the broker to register and answer clients. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private static final String NODE_ID = "1";
    /** How long each admin call of {@link #createRegistryTopics()} may take. */
    private static final Duration REGISTRY_TOPICS_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final int controllerPort;
    private final Path dataDir;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, int controllerPort, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
    }

    /** Formats the storage if it is new, starts the broker and waits until it answers clients. */
    public static EmbeddedKafkaBroker start(KafkaBrokerSettings settings) {
        return start(settings, DEFAULT_READY_TIMEOUT);
    }

    public static EmbeddedKafkaBroker start(KafkaBrokerSettings settings, Duration readyTimeout) {
        Instant begin = Instant.now();
        int port = settings.port() == 0 ? freePort(settings.host()) : requireFree(settings.host(), settings.port(), "client");
        int controllerPort = settings.controllerPort() == 0
                ? freePort(settings.host())
                : requireFree(settings.host(), settings.controllerPort(), "controller");
        Path dataDir = settings.dataDir().toAbsolutePath();
        Properties props = brokerProperties(settings, port, controllerPort, dataDir);
        formatIfNew(props, dataDir);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw new KafkaBrokerException("Kafka broker failed to start on " + settings.host() + ":" + port
                    + " with data in " + dataDir + ": " + e.getMessage(), e);
        }
        String bootstrap = settings.host() + ":" + port;
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrap, controllerPort, dataDir);
        try {
            broker.awaitReady(readyTimeout);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka broker ready: bootstrap={} controllerPort={} dataDir={} startupMs={}",
                bootstrap, controllerPort, dataDir, Duration.between(begin, Instant.now()).toMillis());
        return broker;
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Client properties that reach this broker; a fresh mutable copy each call. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /**
     * Creates (idempotently) every topic of grid-model's registry on this single node, at replication 1.
     */
    public TopicProvisioner.Report createRegistryTopics() {
        try (Admin admin = Admin.create(clientProperties())) {
            return new TopicProvisioner(admin, (short) 1, REGISTRY_TOPICS_TIMEOUT).ensure(Topics.all());
        }
    }

    /** Stops the broker and waits for it; the data directory is kept. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker stopped: bootstrap={}", bootstrapServers);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties props = clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                            .nodes().get(5, TimeUnit.SECONDS).size();
                    if (nodes > 0) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaBrokerException("Interrupted while waiting for the Kafka broker at " + bootstrapServers, e);
                }
            }
            throw new KafkaBrokerException("Kafka broker at " + bootstrapServers + " did not answer within " + timeout
                    + (last == null ? "" : " (last error: " + last.getMessage() + ")")
                    + "; see its log for the reason", last);
        }
    }

    static Properties brokerProperties(KafkaBrokerSettings settings, int port, int controllerPort, Path dataDir) {
        String host = settings.host();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", NODE_ID);
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("log").toString());
        p.put("metadata.log.dir", dataDir.resolve("metadata").toString());
        // A single node cannot replicate: internal topics at replication 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics come from grid-model's registry, never from a typo in a client.
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.putAll(settings.overrides());
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private static void formatIfNew(Properties props, Path dataDir) {
        Path metadataDir = Path.of(props.getProperty("metadata.log.dir"));
        if (Files.exists(metadataDir.resolve("meta.properties"))) {
            LOG.info("Kafka storage already formatted: dataDir={}", dataDir);
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "GridAI embedded Kafka broker (written at format time; the running broker uses its own copy)");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int rc;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                rc = StorageTool.execute(new String[] {
                        "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()
                }, print);
            } catch (RuntimeException e) {
                // StorageTool reports bad configuration by throwing; add where and what to do.
                throw new KafkaBrokerException("Formatting Kafka storage in " + dataDir + " failed: " + e.getMessage(), e);
            }
            if (rc != 0) {
                throw new KafkaBrokerException("Formatting Kafka storage in " + dataDir + " failed (exit " + rc + "): "
                        + output.toString(StandardCharsets.UTF_8).strip()
                        + ". Delete the folder if it holds nothing you need, then start again.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka data directory " + dataDir, e);
        }
    }

    static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + host, e);
        }
    }

    static int requireFree(String host, int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return port;
        } catch (IOException e) {
            throw new KafkaBrokerException("Kafka " + what + " port " + port + " on " + host
                    + " is already in use; stop whatever holds it (is GridAI already running?) or choose another port");
        }
    }
}
