package io.gridai.ingestion.http;

import static io.gridai.ingestion.http.Feed.UTILITY_A_KEY;
import static io.gridai.ingestion.http.Feed.array;
import static io.gridai.ingestion.http.Feed.freshTime;
import static io.gridai.ingestion.http.Feed.json;
import static io.gridai.ingestion.http.Feed.postJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.ingestion.TopicTail;
import io.gridai.ingestion.metrics.IngestionMetrics;
import io.gridai.model.Measurement;
import io.gridai.model.RejectedRecord;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The JSON feed against the real broker: per-record verdicts, exactly-once landing, dead letters, duplicates. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class JsonFeedTest {

    private static final SourceId UTILITY_A = SourceId.of("utility-a");

    @Inject
    MeterRegistry meters;

    @Test
    void validRecordsLandExactlyOnceAndEachBadRecordIsDeadLetteredWithItsReason() {
        Instant t = freshTime();
        String farFuture = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        List<String> records = List.of(
                json("gen-1", "ACTIVE_POWER", "12.5", "MW", t, "mixed-0"),                // 0 valid
                json("bus-7", "VOLTAGE", "138", "kV", t, null),                            // 1 valid, derived id
                json("load-9", "ACTIVE_POWER", "-4", "MW", t, null),                       // 2 asset not allowed
                json("gen-2", "ACTIVE_POWER", "NaN", "MW", t, null),                       // 3 NaN
                json("gen-3", "ACTIVE_POWER", "1", "megawatt", t, null),                   // 4 unknown unit
                json("gen-4", "ACTIVE_POWER", "1", "MW", farFuture, null),                 // 5 far future
                json("gen-5", "ACTIVE_POWER", "1", null, t, null),                         // 6 missing unit
                json("gen-6", "TEMPERATURE", "20", "°C", t, null),                         // 7 kind not allowed
                json("bus-8", "FREQUENCY", "80", "Hz", t, null),                           // 8 implausible
                json("bess-1", "STATE_OF_CHARGE", "55", "%", t, "mixed-9"));               // 9 valid
        double assetRefusalsBefore = count("refused", RejectionReason.ASSET_NOT_ALLOWED);
        double acceptedBefore = count("accepted", null);

        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            JsonPath answer = postJson(UTILITY_A_KEY, array(records.toArray(String[]::new)))
                    .statusCode(200)
                    .body("source", equalTo("utility-a"))
                    .body("received", equalTo(10))
                    .body("accepted", equalTo(3))
                    .body("refused", equalTo(7))
                    .body("duplicates", equalTo(0))
                    .extract().jsonPath();

            assertThat(answer.getList("results.status")).containsExactly("ACCEPTED", "ACCEPTED", "REFUSED",
                    "REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "REFUSED", "ACCEPTED");
            assertThat(answer.getList("results.reason")).containsExactly(null, null, "ASSET_NOT_ALLOWED",
                    "OUT_OF_RANGE", "UNKNOWN_UNIT", "OUT_OF_RANGE", "SCHEMA_MISMATCH", "KIND_NOT_ALLOWED",
                    "OUT_OF_RANGE", null);
            List<String> acceptedIds = List.of(answer.getString("results[0].measurementId"),
                    answer.getString("results[1].measurementId"), answer.getString("results[9].measurementId"));
            assertThat(acceptedIds.get(0)).isEqualTo("utility-a/mixed-0");

            List<ConsumerRecord<AssetId, Measurement>> landed = raw.newRecords();
            assertThat(landed).extracting(r -> r.value().id().value()).containsExactlyInAnyOrderElementsOf(acceptedIds);
            Map<String, Measurement> byAsset = landed.stream()
                    .collect(Collectors.toMap(r -> r.key().value(), ConsumerRecord::value));
            assertThat(byAsset.get("gen-1").value()).isEqualTo(12.5);
            assertThat(byAsset.get("bus-7").kind()).isEqualTo(MeasurementKind.VOLTAGE);
            assertThat(byAsset.get("bess-1").value()).isCloseTo(55, within(1e-9));
            assertThat(landed).allSatisfy(r -> {
                assertThat(r.value().source()).isEqualTo(UTILITY_A);
                assertThat(r.value().eventTime()).isEqualTo(t);
                assertThat(r.key()).isEqualTo(r.value().asset());
            });

            List<RejectedRecord> letters = dead.newValues();
            assertThat(letters).hasSize(7).allSatisfy(letter -> {
                assertThat(letter.source()).contains(UTILITY_A);
                assertThat(letter.channel()).isEqualTo("http");
                assertThat(letter.contentType()).isEqualTo("application/json");
            });
            Map<String, RejectedRecord> byPayload = letters.stream().collect(Collectors.toMap(
                    letter -> new String(letter.payload(), StandardCharsets.UTF_8), Function.identity()));
            assertThat(byPayload).containsOnlyKeys(records.subList(2, 9));
            assertRefusal(byPayload.get(records.get(2)), RejectionReason.ASSET_NOT_ALLOWED, "may not report asset load-9");
            assertRefusal(byPayload.get(records.get(3)), RejectionReason.OUT_OF_RANGE, "NaN is not a finite number");
            assertRefusal(byPayload.get(records.get(4)), RejectionReason.UNKNOWN_UNIT, "unknown unit 'megawatt'");
            assertRefusal(byPayload.get(records.get(5)), RejectionReason.OUT_OF_RANGE, "ahead of the service clock");
            assertRefusal(byPayload.get(records.get(6)), RejectionReason.SCHEMA_MISMATCH, "lacks unit");
            assertRefusal(byPayload.get(records.get(7)), RejectionReason.KIND_NOT_ALLOWED, "may not report TEMPERATURE");
            assertRefusal(byPayload.get(records.get(8)), RejectionReason.OUT_OF_RANGE, "outside the plausible range");
        }
        assertThat(count("refused", RejectionReason.ASSET_NOT_ALLOWED)).isEqualTo(assetRefusalsBefore + 1);
        assertThat(count("accepted", null)).isEqualTo(acceptedBefore + 3);
    }

    @Test
    void malformedJsonIsRefusedWholeAndKeptWithItsOriginalBytes() {
        String body = "[{\"asset\":\"gen-1\",\"kind\":\"ACTIVE_POWER\",\"value\":1,";
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            postJson(UTILITY_A_KEY, body)
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("type", equalTo("urn:gridai:problem:unreadable-batch"))
                    .body("detail", containsString("not valid JSON"))
                    .body("detail", containsString("Fix the body and send it again"));

            assertThat(raw.newRecords()).isEmpty();
            List<RejectedRecord> letters = dead.newValues();
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.reason()).isEqualTo(RejectionReason.MALFORMED);
                assertThat(letter.payload()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
                assertThat(letter.source()).contains(UTILITY_A);
                assertThat(letter.detail()).contains("not valid JSON");
            });
        }
    }

    @Test
    void aHugeUnreadableBodyIsKeptCutToTheDeadLetterLimit() {
        int limit = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("gridai.ingestion.dead-letter.max-payload-bytes", Integer.class);
        String body = "[" + "x".repeat(limit + 1000);
        try (var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            postJson(UTILITY_A_KEY, body).statusCode(400);
            assertThat(dead.newValues()).singleElement().satisfies(letter -> {
                assertThat(letter.payloadSize()).isEqualTo(limit);
                assertThat(letter.payload()).isEqualTo(java.util.Arrays.copyOf(body.getBytes(StandardCharsets.UTF_8),
                        limit));
                assertThat(letter.detail()).contains("payload cut to its first " + limit + " of "
                        + (limit + 1001) + " bytes");
            });
        }
    }

    @Test
    void aJsonObjectInsteadOfAnArrayIsASchemaMismatch() {
        Instant t = freshTime();
        String body = json("gen-1", "ACTIVE_POWER", "1", "MW", t, null);
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            postJson(UTILITY_A_KEY, body)
                    .statusCode(400)
                    .body("detail", containsString("not an array"));
            assertThat(raw.newRecords()).isEmpty();
            assertThat(dead.newValues()).singleElement()
                    .satisfies(letter -> assertThat(letter.reason()).isEqualTo(RejectionReason.SCHEMA_MISMATCH));
        }
    }

    @Test
    void duplicatesInOneBatchAndAcrossBatchesArePublishedOnce() {
        Instant t = freshTime();
        String a = json("gen-1", "ACTIVE_POWER", "1", "MW", t, "dup-a");
        String b = json("gen-2", "ACTIVE_POWER", "2", "MW", t, null);
        String bAgainInKw = json("gen-2", "ACTIVE_POWER", "2000", "kW", t, null); // same derived id as b
        String c = json("gen-3", "ACTIVE_POWER", "3", "MW", t, "dup-c");
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW)) {
            JsonPath first = postJson(UTILITY_A_KEY, array(a, a, b, bAgainInKw))
                    .statusCode(200)
                    .body("accepted", equalTo(2))
                    .body("duplicates", equalTo(2))
                    .extract().jsonPath();
            assertThat(first.getList("results.status")).containsExactly("ACCEPTED", "DUPLICATE", "ACCEPTED",
                    "DUPLICATE");
            assertThat(first.getString("results[1].measurementId")).isEqualTo("utility-a/dup-a");

            JsonPath second = postJson(UTILITY_A_KEY, array(b, a, c))
                    .statusCode(200)
                    .body("accepted", equalTo(1))
                    .body("duplicates", equalTo(2))
                    .extract().jsonPath();
            assertThat(second.getList("results.status")).containsExactly("DUPLICATE", "DUPLICATE", "ACCEPTED");

            assertThat(raw.newValues()).extracting(m -> m.id().value()).containsExactlyInAnyOrder(
                    "utility-a/dup-a", first.getString("results[2].measurementId"), "utility-a/dup-c");
        }
    }

    @Test
    void reportRefusalsListsOnlyTheRecordsNotAccepted() {
        Instant t = freshTime();
        String good = json("gen-1", "ACTIVE_POWER", "1", "MW", t, "rep-1");
        String nan = json("gen-2", "ACTIVE_POWER", "NaN", "MW", t, "rep-2");
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW)) {
            given().contentType("application/json").header(MeasurementResource.API_KEY_HEADER, UTILITY_A_KEY)
                    .queryParam("report", "refusals")
                    .body(array(good, nan, good).getBytes(StandardCharsets.UTF_8))
                    .when().post(Feed.PATH).then()
                    .statusCode(200)
                    .body("received", equalTo(3))
                    .body("accepted", equalTo(1))
                    .body("results.index", contains(1, 2))
                    .body("results.status", contains("REFUSED", "DUPLICATE"));
            assertThat(raw.newValues()).extracting(m -> m.id().value()).containsExactly("utility-a/rep-1");
        }
    }

    @Test
    void aBatchOverTheLimitIsRefusedWithNothingPublished() {
        int limit = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("gridai.ingestion.http.max-batch-records", Integer.class);
        Instant t = freshTime();
        String record = json("gen-1", "ACTIVE_POWER", "1", "MW", t, null);
        String body = array(java.util.Collections.nCopies(limit + 1, record).toArray(String[]::new));
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW)) {
            postJson(UTILITY_A_KEY, body)
                    .statusCode(413)
                    .body("detail", containsString("at most " + limit + " records"));
            assertThat(raw.newRecords()).isEmpty();
        }
    }

    @Test
    void anotherMediaTypeIsRefusedWith415SayingWhichOnesWork() {
        Feed.post(UTILITY_A_KEY, "application/xml", "<measurements/>")
                .statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("application/json"))
                .body("detail", containsString("text/csv"));
    }

    private static void assertRefusal(RejectedRecord letter, RejectionReason reason, String detailPart) {
        assertThat(letter).isNotNull();
        assertThat(letter.reason()).isEqualTo(reason);
        assertThat(letter.detail()).contains(detailPart);
    }

    private double count(String outcome, RejectionReason reason) {
        Counter counter = meters.find(IngestionMetrics.RECORDS)
                .tags("source", "utility-a", "outcome", outcome, "reason",
                        Optional.ofNullable(reason).map(Enum::name).orElse("none"))
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
