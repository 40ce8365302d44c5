package io.gridai.ingestion.mqtt;

import io.gridai.mqtt.EmbeddedMqttBroker;
import io.gridai.mqtt.MqttBrokerSettings;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Starts the real embedded MQTT broker (Moquette, from mqtt-embedded) in the test JVM on a free loopback port, with
 * the users the tests publish as, and turns the MQTT feed on against it. Its data directory (persistent sessions) is
 * fresh under {@code target/tmp} and deleted afterwards.
 */
public class MqttBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** Ingestion's own login: it may read {@code gridai/telemetry/#} and publish nothing. */
    static final String INGESTION_USER = "gridai-ingestion";
    /** utility-a's MQTT username in the test profile. */
    static final String NORTH_GRID = "north-grid";
    /** A broker user no source of ingestion's registry has. */
    static final String STRANGER = "stranger-grid";
    static final Map<String, String> PASSWORDS = Map.of(
            INGESTION_USER, "ingestion-test-secret-0123",
            NORTH_GRID, "north-grid-test-secret-0123",
            STRANGER, "stranger-test-secret-0123");

    /** The MQTT client id and topic filter of the feed (application.properties). */
    static final String FEED_CLIENT_ID = "gridai-ingestion";
    static final String FEED_TOPIC_FILTER = "gridai/telemetry/#";

    private static volatile EmbeddedMqttBroker broker;
    private Path dataDir;

    /** The running broker, for the tests' own clients. */
    static EmbeddedMqttBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("the test MQTT broker is not running; annotate the test with "
                    + "@WithTestResource(MqttBrokerResource.class)");
        }
        return broker;
    }

    /**
     * Waits until the feed's subscription is in the broker. Quarkus is up before the connector's client has connected
     * and subscribed, and a fresh broker keeps nothing for a subscriber it has never seen: a message published earlier
     * would reach no one.
     */
    static void awaitFeedSubscribed() {
        EmbeddedMqttBroker running = broker();
        await("the feed subscribed to " + FEED_TOPIC_FILTER).atMost(Duration.ofSeconds(30))
                .until(() -> running.hasSubscription(FEED_CLIENT_ID, FEED_TOPIC_FILTER));
    }

    /**
     * Registers the feed's persistent session (its client id, clean session off, its subscription) before the service
     * starts, as a deployment whose ingestion has run once has it: the broker then keeps QoS 1 messages for the feed
     * from the first one on, whenever the connector's own client gets to connect and subscribe (it may connect, be
     * cut and reconnect during start: seen in CI, where its first SUBSCRIBE met a closed connection).
     */
    private static void preRegisterFeedSession(EmbeddedMqttBroker running) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setUserName(INGESTION_USER);
        options.setPassword(PASSWORDS.get(INGESTION_USER).toCharArray());
        options.setConnectionTimeout(10);
        try (MqttClient client = new MqttClient(running.url(), FEED_CLIENT_ID, new MemoryPersistence())) {
            client.connect(options);
            // Only then does the broker take the SUBSCRIBE (EmbeddedMqttBroker#isConnected says why).
            await("the broker accepted " + FEED_CLIENT_ID).atMost(Duration.ofSeconds(10))
                    .until(() -> running.isConnected(FEED_CLIENT_ID));
            client.subscribe(FEED_TOPIC_FILTER, 1);
            client.disconnect();
        } catch (MqttException e) {
            throw new IllegalStateException("could not register the feed's session in the test MQTT broker: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            dataDir = Files.createTempDirectory(tmp, "gridai-ingestion-mqtt");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test MQTT broker's data directory", e);
        }
        broker = EmbeddedMqttBroker.start(MqttBrokerSettings.ephemeralPort(dataDir, PASSWORDS, Set.of(INGESTION_USER)));
        preRegisterFeedSession(broker);
        return Map.of(
                "gridai.ingestion.mqtt.enabled", "true",
                "mp.messaging.incoming." + MqttFeed.CHANNEL + ".host", broker.host(),
                "mp.messaging.incoming." + MqttFeed.CHANNEL + ".port", String.valueOf(broker.port()),
                "mp.messaging.incoming." + MqttFeed.CHANNEL + ".username", INGESTION_USER,
                "mp.messaging.incoming." + MqttFeed.CHANNEL + ".password", PASSWORDS.get(INGESTION_USER));
    }

    @Override
    public void stop() {
        EmbeddedMqttBroker running = broker;
        broker = null;
        if (running != null) {
            running.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the test MQTT broker's data in " + dataDir, e);
            }
        }
    }
}
