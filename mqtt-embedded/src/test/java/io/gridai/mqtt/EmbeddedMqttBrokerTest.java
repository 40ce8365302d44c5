package io.gridai.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker with a real MQTT client (Eclipse Paho): QoS 1 from a source to the subscriber, each user confined to
 * its own topic level, and persistent sessions that keep QoS 1 messages for an absent subscriber, across a restart.
 */
class EmbeddedMqttBrokerTest {

    static final String INGESTION = "gridai-ingestion";
    static final Map<String, String> USERS = Map.of(
            "north-grid", "north-secret-0123", "south-grid", "south-secret-0123", INGESTION, "ingestion-secret-0123");

    /** One broker for the tests that need no restart (each stop costs about 2 s of Netty's graceful shutdown). */
    private static EmbeddedMqttBroker shared;

    @TempDir(cleanup = CleanupMode.ALWAYS)
    Path dataDir;

    @BeforeAll
    static void startShared(@TempDir(cleanup = CleanupMode.ALWAYS) Path sharedDataDir) {
        shared = EmbeddedMqttBroker.start(MqttBrokerSettings.ephemeralPort(sharedDataDir, USERS, Set.of(INGESTION)));
    }

    @AfterAll
    static void stopShared() {
        shared.close();
    }

    @Test
    void aSourcesQos1MessageReachesTheSubscriber() throws Exception {
        EmbeddedMqttBroker broker = shared;
        Received received = new Received();
        MqttClient ingestion = subscriber(broker, "ingestion-1", true, received);
        MqttClient north = connect(broker, "north-1", "north-grid", true);

        north.publish("gridai/telemetry/north-grid/substation-7", payload("reading-1"), 1, false);

        assertThat(received.next()).isEqualTo("gridai/telemetry/north-grid/substation-7 reading-1");
        disconnect(north, ingestion);
    }

    @Test
    void aUserPublishesOnlyBelowItsOwnLevelAndOnlySubscribersRead() throws Exception {
        EmbeddedMqttBroker broker = shared;
        Received received = new Received();
        MqttClient ingestion = subscriber(broker, "ingestion-2", true, received);
        MqttClient north = connect(broker, "north-2", "north-grid", true);

        // In order on one connection: the forbidden ones are dropped by the broker, the allowed one arrives.
        // (QoS 0: Moquette does not PUBACK a refused QoS 1 publish, MQTT 3.1.1 having no negative PUBACK, so a
        // QoS 1 sender would wait for an answer that never comes.)
        north.publish("gridai/telemetry/south-grid/substation-1", payload("posing as south"), 0, false);
        north.publish("gridai/telemetry/north-grid", payload("no level below the user"), 0, false);
        north.publish("elsewhere/north-grid/x", payload("outside the root"), 0, false);
        north.publish("gridai/telemetry/north-grid/substation-1", payload("own level"), 1, false);

        assertThat(received.next()).isEqualTo("gridai/telemetry/north-grid/substation-1 own level");
        assertThat(received.queue).isEmpty();

        int[] granted = north.subscribeWithResponse("gridai/telemetry/#", 1).getGrantedQos();
        assertThat(granted).as("a source may not read other sources' telemetry").containsExactly(0x80);
        disconnect(north, ingestion);
    }

    @Test
    void theBrokerReportsTheSubscriptionsItGrantedAndNotTheRefusedOnes() throws Exception {
        EmbeddedMqttBroker broker = shared;
        assertThat(broker.hasSubscription("ingestion-3", "gridai/telemetry/#")).isFalse();
        MqttClient ingestion = subscriber(broker, "ingestion-3", true, new Received());
        MqttClient north = connect(broker, "north-3", "north-grid", true);
        assertThat(north.subscribeWithResponse("gridai/telemetry/#", 1).getGrantedQos()).containsExactly(0x80);

        // Moquette tells its interceptors after the SUBACK, on its own thread.
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.hasSubscription("ingestion-3", "gridai/telemetry/#"));
        assertThat(broker.hasSubscription("ingestion-3", "gridai/telemetry/north-grid/#")).as("another filter")
                .isFalse();
        assertThat(broker.hasSubscription("north-3", "gridai/telemetry/#")).as("refused by the topic policy").isFalse();

        ingestion.unsubscribe("gridai/telemetry/#");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !broker.hasSubscription("ingestion-3", "gridai/telemetry/#"));
        disconnect(north, ingestion);
    }

    @Test
    void unknownUsersAndWrongPasswordsAreRefused() throws Exception {
        EmbeddedMqttBroker broker = shared;
        assertThatThrownBy(() -> connect(broker, "intruder", "north-grid", "wrong-password", true))
                .isInstanceOf(MqttSecurityException.class);
        assertThatThrownBy(() -> connect(broker, "nobody", "nobody", "north-secret-0123", true))
                .isInstanceOf(MqttSecurityException.class);
    }

    @Test
    void aPersistentSessionGetsTheQos1MessagesQueuedWhileItWasAwayEvenAcrossARestart() throws Exception {
        int port;
        try (var broker = start(0)) {
            port = broker.port();
            Received first = new Received();
            MqttClient ingestion = subscriber(broker, "ingestion-persistent", false, first);
            ingestion.disconnect();
            ingestion.close();

            MqttClient north = connect(broker, "north-3", "north-grid", true);
            north.publish("gridai/telemetry/north-grid/a", payload("while away 1"), 1, false);
            north.publish("gridai/telemetry/north-grid/b", payload("while away 2"), 1, false);
            disconnect(north);
        }

        try (var broker = start(port)) {
            Received later = new Received();
            MqttClient ingestion = client(broker, "ingestion-persistent");
            ingestion.setCallback(later);
            ingestion.connect(options(INGESTION, USERS.get(INGESTION), false));

            assertThat(List.of(later.next(), later.next())).containsExactly(
                    "gridai/telemetry/north-grid/a while away 1", "gridai/telemetry/north-grid/b while away 2");
            disconnect(ingestion);
        }
    }

    /** What ingestion relies on when it stops between taking a message and acknowledging it. */
    @Test
    void aQos1MessageTheSubscriberNeverAcknowledgedIsDeliveredAgainAfterItReconnects() throws Exception {
        Received first = new Received();
        MqttClient ingestion = client(shared, "ingestion-crash");
        ingestion.setManualAcks(true);
        ingestion.setCallback(first);
        ingestion.connect(options(INGESTION, USERS.get(INGESTION), false));
        awaitAccepted(shared, "ingestion-crash");
        ingestion.subscribe("gridai/telemetry/#", 1);
        MqttClient north = connect(shared, "north-crash", "north-grid", true);
        north.publish("gridai/telemetry/north-grid/crash", payload("taken, never acknowledged"), 1, false);
        assertThat(first.next()).isEqualTo("gridai/telemetry/north-grid/crash taken, never acknowledged");

        ingestion.disconnectForcibly(0, 1000, false); // gone without PUBACK or DISCONNECT, as a crashed process
        ingestion.close();

        Received again = new Received();
        MqttClient restarted = client(shared, "ingestion-crash");
        restarted.setCallback(again);
        restarted.connect(options(INGESTION, USERS.get(INGESTION), false));
        assertThat(again.next()).isEqualTo("gridai/telemetry/north-grid/crash taken, never acknowledged");
        disconnect(north, restarted);
    }

    @Test
    void aTakenPortIsRefusedWithAReason() {
        assertThatThrownBy(() -> start(shared.port()))
                .isInstanceOf(MqttBrokerException.class)
                .hasMessageContaining("is the port taken?");
    }

    private EmbeddedMqttBroker start(int port) {
        return EmbeddedMqttBroker.start(
                MqttBrokerSettings.ephemeralPort(dataDir, USERS, Set.of(INGESTION)).withPort(port));
    }

    static MqttClient subscriber(EmbeddedMqttBroker broker, String clientId, boolean clean, Received received)
            throws MqttException {
        MqttClient client = client(broker, clientId);
        client.setCallback(received);
        client.connect(options(INGESTION, USERS.get(INGESTION), clean));
        awaitAccepted(broker, clientId);
        int[] granted = client.subscribeWithResponse("gridai/telemetry/#", 1).getGrantedQos();
        assertThat(granted).containsExactly(1);
        return client;
    }

    static MqttClient connect(EmbeddedMqttBroker broker, String clientId, String user, boolean clean)
            throws MqttException {
        return connect(broker, clientId, user, USERS.get(user), clean);
    }

    static MqttClient connect(EmbeddedMqttBroker broker, String clientId, String user, String password,
            boolean clean) throws MqttException {
        MqttClient client = client(broker, clientId);
        client.connect(options(user, password, clean));
        awaitAccepted(broker, clientId);
        return client;
    }

    /** Until the broker takes this client's SUBSCRIBE (see {@link EmbeddedMqttBroker#isConnected}). */
    static void awaitAccepted(EmbeddedMqttBroker broker, String clientId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.isConnected(clientId));
    }

    /** A client whose every blocking call gives up after 10 s, so that a missing answer fails the test. */
    static MqttClient client(EmbeddedMqttBroker broker, String clientId) throws MqttException {
        return client(broker.url(), clientId);
    }

    static MqttClient client(String url, String clientId) throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setTimeToWait(10_000);
        return client;
    }

    static MqttConnectOptions options(String user, String password, boolean clean) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        options.setCleanSession(clean);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setAutomaticReconnect(false);
        return options;
    }

    static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void disconnect(MqttClient... clients) throws MqttException {
        for (MqttClient client : clients) {
            client.disconnect();
            client.close();
        }
    }

    /** Messages as "topic payload", in arrival order. */
    static final class Received implements org.eclipse.paho.client.mqttv3.MqttCallback {

        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final List<Throwable> lost = new ArrayList<>();

        String next() throws InterruptedException {
            String message = queue.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }

        @Override
        public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
            queue.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void connectionLost(Throwable cause) {
            lost.add(cause);
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
        }
    }
}
