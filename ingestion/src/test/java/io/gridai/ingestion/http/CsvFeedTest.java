package io.gridai.ingestion.http;

import static io.gridai.ingestion.http.Feed.UTILITY_A_KEY;
import static io.gridai.ingestion.http.Feed.freshTime;
import static io.gridai.ingestion.http.Feed.postCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.ingestion.TopicTail;
import io.gridai.model.Measurement;
import io.gridai.model.RejectedRecord;
import io.gridai.model.RejectionReason;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.Unit;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The CSV feed (a utility's export) against the real broker. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class CsvFeedTest {

    @Test
    void anExportInKilowattsAndVoltsLandsInMegawattsAndKilovolts() {
        Instant t = freshTime();
        String body = "time,asset,kind,value,unit,id\r\n"
                + t + ",gen-1,ACTIVE_POWER,12500,kW,csv-1\r\n"
                + t + ",bus-7,VOLTAGE,138000,V,csv-2\r\n"
                + t + ",gen-2,REACTIVE_POWER,-250,kvar,csv-3\r\n";
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW)) {
            postCsv(UTILITY_A_KEY, body)
                    .statusCode(200)
                    .body("accepted", equalTo(3))
                    .body("results.measurementId", equalTo(List.of("utility-a/csv-1", "utility-a/csv-2",
                            "utility-a/csv-3")));

            Map<String, Measurement> landed = raw.newValues().stream()
                    .collect(Collectors.toMap(m -> m.asset().value(), Function.identity()));
            assertThat(landed).containsOnlyKeys("gen-1", "bus-7", "gen-2");
            assertThat(landed.get("gen-1").value()).isCloseTo(12.5, within(1e-9));
            assertThat(landed.get("gen-1").unit()).isEqualTo(Unit.MEGAWATT);
            assertThat(landed.get("bus-7").value()).isCloseTo(138.0, within(1e-9));
            assertThat(landed.get("bus-7").unit()).isEqualTo(Unit.KILOVOLT);
            assertThat(landed.get("gen-2").value()).isCloseTo(-0.25, within(1e-12));
            assertThat(landed.get("gen-2").unit()).isEqualTo(Unit.MEGAVAR);
            assertThat(landed.values()).allSatisfy(m -> assertThat(m.eventTime()).isEqualTo(t));
        }
    }

    @Test
    void aBadRowIsDeadLetteredAsHeaderAndRowWhileTheOthersLand() {
        Instant t = freshTime();
        String header = "asset,kind,value,unit,time";
        String good = "gen-1,ACTIVE_POWER,1.5,MW," + t;
        String badUnit = "\"gen-2\",ACTIVE_POWER,7,horsepower," + t;
        String tooManyCells = "gen-3,ACTIVE_POWER,1,MW," + t + ",surplus";
        String missingValue = "gen-4,ACTIVE_POWER,,MW," + t;
        String body = String.join("\n", header, good, badUnit, tooManyCells, missingValue) + "\n";
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            postCsv(UTILITY_A_KEY, body)
                    .statusCode(200)
                    .body("results.status", equalTo(List.of("ACCEPTED", "REFUSED", "REFUSED", "REFUSED")))
                    .body("results.reason", equalTo(java.util.Arrays.asList(null, "UNKNOWN_UNIT",
                            "SCHEMA_MISMATCH", "SCHEMA_MISMATCH")));

            assertThat(raw.newValues()).singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(1.5));
            Map<String, RejectedRecord> byPayload = dead.newValues().stream().collect(Collectors.toMap(
                    letter -> new String(letter.payload(), StandardCharsets.UTF_8), Function.identity()));
            assertThat(byPayload).containsOnlyKeys(header + "\n" + badUnit, header + "\n" + tooManyCells,
                    header + "\n" + missingValue);
            assertThat(byPayload.get(header + "\n" + badUnit).detail()).contains("unknown unit 'horsepower'");
            assertThat(byPayload.get(header + "\n" + tooManyCells).detail()).contains("has 6 cells");
            assertThat(byPayload.get(header + "\n" + missingValue).detail()).contains("lacks value");
            assertThat(byPayload.values()).allSatisfy(letter -> assertThat(letter.contentType()).isEqualTo("text/csv"));
        }
    }

    @Test
    void malformedCsvIsRefusedWholeAndKeptWithItsOriginalBytes() {
        Instant t = freshTime();
        String body = "asset,kind,value,unit,time\ngen-1,ACTIVE_POWER,\"1.5,MW," + t + "\n";
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            postCsv(UTILITY_A_KEY, body)
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("not valid CSV"));

            assertThat(raw.newRecords()).isEmpty();
            assertThat(dead.newValues()).singleElement().satisfies(letter -> {
                assertThat(letter.reason()).isEqualTo(RejectionReason.MALFORMED);
                assertThat(letter.payload()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
                assertThat(letter.contentType()).startsWith("text/csv");
            });
        }
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsIsMalformed() {
        try (var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            postCsv(UTILITY_A_KEY, "asset,value,time\ngen-1,1,2020-07-01T00:00:00Z\n")
                    .statusCode(400)
                    .body("detail", containsString("lacks kind, unit"));
            assertThat(dead.newValues()).singleElement()
                    .satisfies(letter -> assertThat(letter.reason()).isEqualTo(RejectionReason.MALFORMED));
        }
    }
}
