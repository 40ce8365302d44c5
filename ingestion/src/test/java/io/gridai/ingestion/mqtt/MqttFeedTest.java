package io.gridai.ingestion.mqtt;

import static io.gridai.ingestion.mqtt.MqttBrokerResource.NORTH_GRID;
import static io.gridai.ingestion.mqtt.MqttBrokerResource.PASSWORDS;
import static io.gridai.ingestion.mqtt.MqttBrokerResource.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.ingestion.TopicTail;
import io.gridai.model.Measurement;
import io.gridai.model.RejectedRecord;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MQTT feed against the real embedded MQTT broker and the real Kafka broker: sources publish with a real MQTT
 * client (Eclipse Paho, and Debian's {@code mosquitto_pub} where installed) at QoS 1, and the test reads what landed
 * on Kafka. The feed handles messages one at a time in arrival order, so once a later "sentinel" reading has landed,
 * everything published before it is finished: that is how "exactly once" is checked without waiting for nothing.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(MqttBrokerResource.class)
class MqttFeedTest {

    private static final SourceId UTILITY_A = SourceId.of("utility-a");
    private static final String TOPIC = "gridai/telemetry/north-grid/substation-7";
    private static final Duration LANDING = Duration.ofSeconds(20);
    private static final AtomicLong MINUTES = new AtomicLong();

    private MqttClient north;

    @BeforeEach
    void connect() throws MqttException {
        MqttBrokerResource.awaitFeedSubscribed();
        north = client(NORTH_GRID);
    }

    @AfterEach
    void disconnect() throws MqttException {
        north.disconnect();
        north.close();
    }

    @Test
    void validReadingsLandOnceInCanonicalUnitsUnderTheVerifiedSource() throws Exception {
        Instant t = freshTime();
        String id = unique("ok");
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            publish(north, TOPIC, "[" + json("gen-1", "ACTIVE_POWER", "1500", "kW", t, id + "-0") + ","
                    + json("bus-7", "VOLTAGE", "138000", "V", t, id + "-1") + "]");
            publish(north, TOPIC, json("bess-1", "STATE_OF_CHARGE", "55", "%", t, id + "-2"));
            publish(north, "gridai/telemetry/north-grid/feeder-2/meter-9",
                    "asset,kind,value,unit,time,id\ngen-3,REACTIVE_POWER,-250,kvar," + t + "," + id + "-3\n");
            String sentinel = sentinel();

            Map<String, Measurement> landed = landedUntil(raw, sentinel);
            assertThat(landed).containsOnlyKeys("utility-a/" + id + "-0", "utility-a/" + id + "-1",
                    "utility-a/" + id + "-2", "utility-a/" + id + "-3", sentinel);
            assertThat(landed.get("utility-a/" + id + "-0").value()).isCloseTo(1.5, within(1e-9));
            assertThat(landed.get("utility-a/" + id + "-1").value()).isCloseTo(138, within(1e-9));
            assertThat(landed.get("utility-a/" + id + "-1").kind()).isEqualTo(MeasurementKind.VOLTAGE);
            assertThat(landed.get("utility-a/" + id + "-3").value()).isCloseTo(-0.25, within(1e-9));
            assertThat(landed.values()).allSatisfy(m -> assertThat(m.source()).isEqualTo(UTILITY_A));
            assertThat(raw.newRecords()).hasSize(5);
            assertThat(dead.newRecords()).isEmpty();
        }
    }

    @Test
    void aBadRecordAmongGoodOnesIsADeadLetterWithItsReasonAndTheGoodOnesLandOnce() throws Exception {
        Instant t = freshTime();
        String id = unique("mixed");
        String farFuture = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        List<String> records = List.of(
                json("gen-1", "ACTIVE_POWER", "12.5", "MW", t, id + "-0"),
                json("gen-2", "ACTIVE_POWER", "NaN", "MW", t, id + "-1"),
                json("gen-3", "ACTIVE_POWER", "1", "megawatt", t, id + "-2"),
                json("gen-4", "ACTIVE_POWER", "1", "MW", farFuture, id + "-3"),
                json("load-9", "ACTIVE_POWER", "-4", "MW", t, id + "-4"),
                json("bus-7", "VOLTAGE", "138", "kV", t, id + "-5"));
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            publish(north, TOPIC, "[" + String.join(",", records) + "]");
            String sentinel = sentinel();

            assertThat(landedUntil(raw, sentinel)).containsOnlyKeys("utility-a/" + id + "-0",
                    "utility-a/" + id + "-5", sentinel);
            Map<String, RejectedRecord> letters = dead.newValues().stream().collect(Collectors.toMap(
                    letter -> new String(letter.payload(), StandardCharsets.UTF_8), Function.identity()));
            assertThat(letters).containsOnlyKeys(records.subList(1, 5));
            assertThat(letters.values()).allSatisfy(letter -> {
                assertThat(letter.channel()).isEqualTo(MqttFeed.DEAD_LETTER_CHANNEL);
                assertThat(letter.source()).contains(UTILITY_A);
            });
            assertRefusal(letters.get(records.get(1)), RejectionReason.OUT_OF_RANGE, "NaN is not a finite number");
            assertRefusal(letters.get(records.get(2)), RejectionReason.UNKNOWN_UNIT, "unknown unit 'megawatt'");
            assertRefusal(letters.get(records.get(3)), RejectionReason.OUT_OF_RANGE, "ahead of the service clock");
            assertRefusal(letters.get(records.get(4)), RejectionReason.ASSET_NOT_ALLOWED, "may not report asset load-9");
        }
    }

    @Test
    void aUsernameLevelNoSourceHasIsAnUnknownSourceDeadLetter() throws Exception {
        String body = json("gen-1", "ACTIVE_POWER", "1", "MW", freshTime(), unique("stranger"));
        MqttClient stranger = client(STRANGER);
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            publish(stranger, "gridai/telemetry/stranger-grid/substation-1", body);
            String sentinel = sentinel();

            assertThat(landedUntil(raw, sentinel)).containsOnlyKeys(sentinel);
            assertThat(dead.newValues()).singleElement().satisfies(letter -> {
                assertThat(letter.reason()).isEqualTo(RejectionReason.UNKNOWN_SOURCE);
                assertThat(letter.source()).isEmpty();
                assertThat(letter.channel()).isEqualTo(MqttFeed.DEAD_LETTER_CHANNEL);
                assertThat(letter.detail()).contains("no source is registered with MQTT username 'stranger-grid'");
                assertThat(letter.payload()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
            });
        } finally {
            stranger.disconnect();
            stranger.close();
        }
    }

    @Test
    void malformedJsonIsAMalformedDeadLetterKeptWithItsBytes() throws Exception {
        String body = "{\"asset\":\"gen-1\",\"kind\":";
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            publish(north, TOPIC, body);
            String sentinel = sentinel();

            assertThat(landedUntil(raw, sentinel)).containsOnlyKeys(sentinel);
            assertThat(dead.newValues()).singleElement().satisfies(letter -> {
                assertThat(letter.reason()).isEqualTo(RejectionReason.MALFORMED);
                assertThat(letter.source()).contains(UTILITY_A);
                assertThat(letter.channel()).isEqualTo(MqttFeed.DEAD_LETTER_CHANNEL);
                assertThat(letter.payload()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
            });
        }
    }

    /** The README's example, with Debian's mosquitto_pub (package mosquitto-clients) as the sender. */
    @Test
    void debiansMosquittoPubFeedsAReadingAsTheReadmeShows() throws Exception {
        Assumptions.assumeTrue(onPath("mosquitto_pub"), "mosquitto_pub is not on PATH (Debian package"
                + " mosquitto-clients); .ci/run installs it where apt-get is available");
        String id = unique("mosquitto");
        String reading = json("gen-1", "ACTIVE_POWER", "12.5", "MW", freshTime(), id);
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW)) {
            Process pub = new ProcessBuilder("mosquitto_pub",
                    "-h", MqttBrokerResource.broker().host(), "-p", String.valueOf(MqttBrokerResource.broker().port()),
                    "-u", NORTH_GRID, "-P", PASSWORDS.get(NORTH_GRID),
                    "-q", "1", "-t", TOPIC, "-m", reading)
                    .redirectErrorStream(true).start();
            assertThat(pub.waitFor(10, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
            assertThat(pub.exitValue()).as(new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();
            String sentinel = sentinel();

            Map<String, Measurement> landed = landedUntil(raw, sentinel);
            assertThat(landed).containsOnlyKeys("utility-a/" + id, sentinel);
            assertThat(landed.get("utility-a/" + id).asset()).isEqualTo(AssetId.of("gen-1"));
        }
    }

    /** Publishes a valid reading and returns its measurement id; once it lands, everything before it is done. */
    private String sentinel() throws MqttException {
        String id = unique("sentinel");
        publish(north, TOPIC, json("gen-9", "ACTIVE_POWER", "1", "MW", freshTime(), id));
        return "utility-a/" + id;
    }

    /** What landed on the raw topic, by measurement id, once the sentinel is among it. */
    private static Map<String, Measurement> landedUntil(TopicTail<AssetId, Measurement> raw, String sentinel) {
        return await().atMost(LANDING).until(
                () -> raw.newValues().stream().collect(Collectors.toMap(m -> m.id().value(), m -> m, (a, b) -> {
                    throw new AssertionError("measurement " + a.id() + " landed twice");
                })),
                landed -> landed.containsKey(sentinel));
    }

    private static void assertRefusal(RejectedRecord letter, RejectionReason reason, String detail) {
        assertThat(letter.reason()).isEqualTo(reason);
        assertThat(letter.detail()).contains(detail);
    }

    private static MqttClient client(String user) throws MqttException {
        MqttClient client = new MqttClient(MqttBrokerResource.broker().url(), user + "-" + UUID.randomUUID(),
                new MemoryPersistence());
        client.setTimeToWait(10_000);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(PASSWORDS.get(user).toCharArray());
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        client.connect(options);
        return client;
    }

    private static void publish(MqttClient client, String topic, String body) throws MqttException {
        client.publish(topic, body.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static String json(String asset, String kind, String value, String unit, Object time, String id) {
        return "{\"asset\":\"" + asset + "\",\"kind\":\"" + kind + "\",\"value\":" + value + ",\"unit\":\"" + unit
                + "\",\"time\":\"" + time + "\",\"id\":\"" + id + "\"}";
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A reading time no other test of this class used: a minute apart, starting two days ago. */
    private static Instant freshTime() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.DAYS)
                .plus(MINUTES.incrementAndGet(), ChronoUnit.MINUTES);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
