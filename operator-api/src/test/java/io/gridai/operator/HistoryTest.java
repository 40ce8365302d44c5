package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicWriter;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.operator.history.TelemetryHistory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An asset's history read from {@code telemetry.clean} on the real broker: exactly the records of the asset (and kind)
 * whose event time is in [from, to), in order, at most {@code limit}; bad ranges are 400 problems.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
@WithTestResource(LiveStateMember.class)
class HistoryTest {

    /** Event times of the test's series: 30 readings 10 s apart, ending a few minutes ago (within the slack). */
    static final Instant T0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    static final String ASSET = "gen-hist-" + UUID.randomUUID().toString().substring(0, 8);

    private static String viewer() {
        return "Bearer " + TestTokens.token("vera", "viewer");
    }

    /** A period replayed from the past (as the twin replays RTS-GMLC's 2020 under gridai up): written now. */
    static final Instant REPLAYED = Instant.parse("2020-07-01T00:00:00Z");
    static final String REPLAYED_ASSET = "gen-replayed-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void publish() {
        // First (the partitions are in event-time order, as a twin's run or live telemetry writes them): 2020 readings
        // written today, whose write times say nothing about their event times.
        List<Measurement> replayed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            replayed.add(LiveStateWriter.measurement(REPLAYED_ASSET, MeasurementKind.ACTIVE_POWER, i,
                    REPLAYED.plusSeconds(60L * i)));
        }
        TopicWriter.sendAll(Topics.TELEMETRY_CLEAN, replayed, Measurement::asset);
        List<Measurement> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Instant t = T0.plusSeconds(10L * i);
            records.add(LiveStateWriter.measurement(ASSET, MeasurementKind.ACTIVE_POWER, 100 + i, t));
            records.add(LiveStateWriter.measurement(ASSET, MeasurementKind.REACTIVE_POWER, -i, t));
            records.add(LiveStateWriter.measurement("bus-hist-" + i, MeasurementKind.VOLTAGE_PU, 1.0, t));
        }
        TopicWriter.sendAll(Topics.TELEMETRY_CLEAN, records, Measurement::asset);
    }

    private static JsonPath history(Map<String, ?> query) {
        return given().header("Authorization", viewer()).queryParams(query)
                .get("/api/v1/assets/" + ASSET + "/history").then().statusCode(200)
                .contentType(containsString("application/json")).extract().jsonPath();
    }

    @Test
    void aReplayedPeriodIsFoundByEventTimeWhateverItsWriteTime() {
        JsonPath h = given().header("Authorization", viewer())
                .queryParams(Map.of("from", REPLAYED.plusSeconds(600).toString(),
                        "to", REPLAYED.plusSeconds(1200).toString()))
                .get("/api/v1/assets/" + REPLAYED_ASSET + "/history").then().statusCode(200).extract().jsonPath();
        assertThat(h.getList("value", Float.class)).containsExactly(10f, 11f, 12f, 13f, 14f, 15f, 16f, 17f, 18f, 19f);
        assertThat(h.getList("eventTime", String.class)).first().isEqualTo(REPLAYED.plusSeconds(600).toString());
    }

    @Test
    void exactlyTheRecordsInRangeInOrder() {
        JsonPath h = history(Map.of("kind", "ACTIVE_POWER", "from", T0.plusSeconds(50).toString(),
                "to", T0.plusSeconds(150).toString()));
        List<String> times = h.getList("eventTime");
        List<String> expected = new ArrayList<>();
        for (int i = 5; i < 15; i++) {
            expected.add(T0.plusSeconds(10L * i).toString());
        }
        assertThat(times).containsExactlyElementsOf(expected);
        assertThat(h.getList("value", Float.class)).containsExactly(105f, 106f, 107f, 108f, 109f, 110f, 111f, 112f,
                113f, 114f);
        assertThat(h.getList("asset")).containsOnly(ASSET);
        assertThat(h.getList("kind")).containsOnly("ACTIVE_POWER");
        assertThat(h.getMap("[0]")).containsKeys("id", "source", "unit", "quality", "ingestTime");
    }

    @Test
    void everyKindWithoutAFilter() {
        JsonPath h = history(Map.of("from", T0.toString(), "to", T0.plusSeconds(20).toString()));
        assertThat(h.getList("kind")).containsExactly("ACTIVE_POWER", "REACTIVE_POWER", "ACTIVE_POWER",
                "REACTIVE_POWER");
    }

    @Test
    void theLimitCapsTheAnswer() {
        JsonPath h = history(Map.of("kind", "ACTIVE_POWER", "from", T0.toString(),
                "to", T0.plusSeconds(300).toString(), "limit", "3"));
        assertThat(h.getList("value", Float.class)).containsExactly(100f, 101f, 102f);
        JsonPath all = history(Map.of("kind", "ACTIVE_POWER", "from", T0.toString(), "to", T0.plusSeconds(300).toString()));
        assertThat(all.getList("value")).hasSize(30);
    }

    @Test
    void anEmptyRangeOrAnUnknownAssetIsAnEmptyArray() {
        given().header("Authorization", viewer()).queryParam("from", T0.minusSeconds(3600).toString())
                .queryParam("to", T0.minusSeconds(1800).toString()).get("/api/v1/assets/" + ASSET + "/history")
                .then().statusCode(200).body("size()", equalTo(0));
        given().header("Authorization", viewer()).get("/api/v1/assets/no-history-here/history")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aLongSeriesIsStreamedUpToTheDefaultLimit() {
        String asset = "gen-long-" + UUID.randomUUID().toString().substring(0, 8);
        int n = 20_000;
        Instant start = Instant.now().minus(8, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<Measurement> series = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            series.add(LiveStateWriter.measurement(asset, MeasurementKind.ACTIVE_POWER, i, start.plusMillis(20L * i)));
        }
        TopicWriter.sendAll(Topics.TELEMETRY_CLEAN, series, Measurement::asset);
        String path = "/api/v1/assets/" + asset + "/history";
        Map<String, String> range = Map.of("from", start.toString(), "to", start.plusSeconds(600).toString());

        long t0 = System.nanoTime();
        List<Float> capped = given().header("Authorization", viewer()).queryParams(range).get(path).then()
                .statusCode(200).extract().jsonPath().getList("value", Float.class);
        long cappedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(capped).hasSize(10_000); // gridai.operator.history.default-limit
        assertThat(capped.get(9_999)).isEqualTo(9_999f);

        t0 = System.nanoTime();
        List<Float> all = given().header("Authorization", viewer()).queryParams(range).queryParam("limit", n).get(path)
                .then().statusCode(200).extract().jsonPath().getList("value", Float.class);
        long allMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(all).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(all.get(i)).isEqualTo((float) i);
        }
        System.out.printf("history measured: %d of %d records in %d ms, all %d in %d ms%n", capped.size(), n, cappedMs,
                n, allMs);
    }

    @Test
    void badRangesAreProblems() {
        String path = "/api/v1/assets/" + ASSET + "/history";
        List<Map<String, String>> bad = List.of(
                Map.of("from", T0.toString(), "to", T0.toString()),
                Map.of("from", T0.plusSeconds(10).toString(), "to", T0.toString()),
                Map.of("from", "yesterday"),
                Map.of("to", "2026-13-01T00:00:00Z"),
                Map.of("from", T0.minus(30, ChronoUnit.DAYS).toString(), "to", T0.toString()),
                Map.of("limit", "0"),
                Map.of("limit", "100001"),
                Map.of("limit", "many"),
                Map.of("kind", "WATTAGE"));
        for (Map<String, String> q : bad) {
            given().header("Authorization", viewer()).queryParams(q).get(path).then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("type", equalTo("urn:gridai:problem:bad-request")).body("instance", equalTo(path));
        }
    }

    @Test
    void thePartitionIsTheOneKafkasDefaultPartitionerPicks() throws Exception {
        Topic<AssetId, Measurement> topic = Topics.TELEMETRY_CLEAN;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String a : List.of("gen-101_CT_1", "bus-7", "branch-8-9", "bess-1", "gen-2-1", "load-5", "x")) {
                AssetId asset = AssetId.of(a);
                Measurement m = LiveStateWriter.measurement(a, MeasurementKind.ACTIVE_POWER, 1, Instant.now());
                int partition = producer.send(new ProducerRecord<>(topic.name(),
                        topic.keySerde().serializer().serialize(topic.name(), asset),
                        topic.valueSerde().serializer().serialize(topic.name(), m))).get().partition();
                assertThat(TelemetryHistory.partitionOf(asset, topic.partitions())).as(a).isEqualTo(partition);
            }
        }
    }
}
