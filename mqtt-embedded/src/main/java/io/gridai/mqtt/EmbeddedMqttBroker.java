package io.gridai.mqtt;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import io.moquette.interception.messages.InterceptUnsubscribeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MQTT 3.1.1 broker (Moquette) in this JVM: TCP on one port, users with passwords, each user allowed to
 * publish only below {@code <topic-root>/<user>/} and the subscribers (ingestion) allowed to read
 * {@code <topic-root>/#}, and persistent sessions in {@code dataDir}, so a client connected with clean-session false
 * gets the QoS 1 messages that arrived while it was away, even across a broker restart.
 *
 * <pre>{@code
 * try (var broker = EmbeddedMqttBroker.start(MqttBrokerSettings.ephemeralPort(dir,
 *         Map.of("north-grid", "secret-1", "gridai-ingestion", "secret-2"), Set.of("gridai-ingestion")))) {
 *     client.connect(broker.url());
 * }
 * }</pre>
 *
 * <p>Moquette's anonymous usage report ({@code telemetry_enabled}), metrics and crash reports are off; nothing
 * leaves the machine.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private final Server server;
    private final String host;
    private final int port;
    private final MqttBrokerSettings settings;
    private final Subscriptions subscriptions;
    private boolean closed;

    private EmbeddedMqttBroker(Server server, String host, int port, MqttBrokerSettings settings,
            Subscriptions subscriptions) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.subscriptions = subscriptions;
    }

    /** Starts the broker; returns once it listens. */
    public static EmbeddedMqttBroker start(MqttBrokerSettings settings) {
        Instant begin = Instant.now();
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new MqttBrokerException("cannot create the MQTT broker's data directory " + settings.dataDir()
                    + ": " + e.getMessage() + "; choose a writable folder", e);
        }
        // Moquette learns the port it bound only asynchronously after start; choose a free one first instead.
        int port = settings.port() == 0 ? freePort(settings.host()) : settings.port();
        Server server = new Server();
        Subscriptions subscriptions = new Subscriptions();
        try {
            server.startServer(config(settings, port), List.of(subscriptions), null, new PasswordAuthenticator(settings.passwords()),
                    new SourceTopicPolicy(settings.topicRoot(), settings.subscribers()));
        } catch (IOException | RuntimeException e) {
            // Moquette reports a taken port as a RuntimeException wrapping a BindException.
            server.stopServer();
            throw new MqttBrokerException("MQTT broker did not start on " + settings.host() + ":" + port
                    + ": " + e.getMessage() + (settings.port() == 0 ? "" : "; is the port taken? choose another with"
                    + " --port, or 0 for any free port"), e);
        }
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker(server, settings.host(), port, settings, subscriptions);
        LOG.info("MQTT broker ready url={} topicRoot={} users={} subscribers={} dataDir={} startupMs={}",
                broker.url(), settings.topicRoot(), settings.passwords().size(), settings.subscribers(),
                settings.dataDir(), Duration.between(begin, Instant.now()).toMillis());
        return broker;
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new MqttBrokerException("cannot find a free port on " + host + ": " + e.getMessage()
                    + "; give a fixed port", e);
        }
    }

    private static IConfig config(MqttBrokerSettings settings, int port) {
        Properties props = new Properties();
        props.setProperty(IConfig.HOST_PROPERTY_NAME, settings.host());
        props.setProperty(IConfig.PORT_PROPERTY_NAME, String.valueOf(port));
        props.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        props.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
        // As mosquitto: a client without an id (mosquitto_pub's default) gets one for a clean session only.
        props.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        props.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
        props.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, settings.dataDir().toAbsolutePath().toString());
        props.setProperty(IConfig.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "h2");
        // Queued messages reach the disk within a second (Moquette's default is 30 s).
        props.setProperty(BrokerConstants.AUTOSAVE_INTERVAL_PROPERTY_NAME, "1");
        props.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, String.valueOf(settings.maxMessageBytes()));
        props.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        props.setProperty(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME, "false");
        props.setProperty(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "false");
        return new MemoryConfig(props);
    }

    /** {@code tcp://host:port}, as MQTT clients take it. */
    public String url() {
        return "tcp://" + host + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public MqttBrokerSettings settings() {
        return settings;
    }

    /**
     * True once the client has subscribed to exactly this topic filter since the broker started (and not
     * unsubscribed): from then on the broker routes matching messages to it, or keeps them in its persistent session
     * while it is away. A publisher that must not lose its first message waits for this.
     */
    public boolean hasSubscription(String clientId, String topicFilter) {
        return subscriptions.has(clientId, topicFilter);
    }

    /**
     * True once the broker has finished accepting this client's connection (and until it disconnects). A client that
     * sends SUBSCRIBE before then may be dropped: Moquette marks a connection usable only in the listener of its
     * CONNACK write, which its session thread attaches after the write was queued, so on a CPU-starved machine the
     * client can receive the CONNACK and send SUBSCRIBE first, and Moquette then closes the connection ("SUBSCRIBE
     * received on already closed connection"). Publishes are not affected. Clients that reconnect (ingestion's does)
     * recover by themselves; a client that must not see that drop waits for this first.
     */
    public boolean isConnected(String clientId) {
        return subscriptions.connected(clientId);
    }

    /** Stops the broker; persistent sessions stay in the data directory. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stopServer();
            LOG.info("MQTT broker stopped url={}", url());
        }
    }

    /**
     * The subscriptions clients made, as the broker reports them (after it registered each), logged for operators.
     */
    private static final class Subscriptions extends AbstractInterceptHandler {

        private final Map<String, Set<String>> byClient = new ConcurrentHashMap<>();
        private final Set<String> connected = ConcurrentHashMap.newKeySet();

        @Override
        public String getID() {
            return "gridai-subscriptions";
        }

        @Override
        public void onConnect(InterceptConnectMessage message) {
            connected.add(message.getClientID());
            LOG.info("MQTT client connected clientId={} username={}", message.getClientID(), message.getUsername());
        }

        @Override
        public void onDisconnect(InterceptDisconnectMessage message) {
            connected.remove(message.getClientID());
        }

        @Override
        public void onConnectionLost(InterceptConnectionLostMessage message) {
            if (connected.remove(message.getClientID())) {
                LOG.info("MQTT connection lost clientId={} username={}", message.getClientID(),
                        message.getUsername());
            }
        }

        @Override
        public void onSubscribe(InterceptSubscribeMessage message) {
            byClient.computeIfAbsent(message.getClientID(), id -> ConcurrentHashMap.newKeySet())
                    .add(message.getTopicFilter());
            LOG.info("MQTT subscription clientId={} username={} topicFilter={} qos={}", message.getClientID(),
                    message.getUsername(), message.getTopicFilter(), message.getRequestedQos().value());
        }

        @Override
        public void onUnsubscribe(InterceptUnsubscribeMessage message) {
            Set<String> filters = byClient.get(message.getClientID());
            if (filters != null) {
                filters.remove(message.getTopicFilter());
            }
            LOG.info("MQTT unsubscription clientId={} topicFilter={}", message.getClientID(),
                    message.getTopicFilter());
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            LOG.warn("MQTT broker session loop error: {}", error.toString());
        }

        boolean connected(String clientId) {
            return connected.contains(clientId);
        }

        boolean has(String clientId, String topicFilter) {
            Set<String> filters = byClient.get(clientId);
            return filters != null && filters.contains(topicFilter);
        }
    }

    /** Passwords compared as SHA-256 digests in constant time, so a wrong guess reveals nothing by its timing. */
    private static final class PasswordAuthenticator implements IAuthenticator {

        private final Map<String, byte[]> digests = new HashMap<>();

        PasswordAuthenticator(Map<String, String> passwords) {
            passwords.forEach((user, password) -> digests.put(user, sha256(password.getBytes(StandardCharsets.UTF_8))));
        }

        @Override
        public boolean checkValid(String clientId, String username, byte[] password) {
            byte[] expected = username == null ? null : digests.get(username);
            boolean valid = expected != null && password != null && MessageDigest.isEqual(expected, sha256(password));
            if (!valid) {
                LOG.warn("MQTT connection refused clientId={} username={}: unknown user or wrong password", clientId,
                        username);
            }
            return valid;
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
            }
        }
    }
}
