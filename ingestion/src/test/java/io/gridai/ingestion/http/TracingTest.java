package io.gridai.ingestion.http;

import static io.gridai.ingestion.http.Feed.UTILITY_A_KEY;
import static io.gridai.ingestion.http.Feed.array;
import static io.gridai.ingestion.http.Feed.freshTime;
import static io.gridai.ingestion.http.Feed.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.ingestion.TopicTail;
import io.gridai.model.topic.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The batch's trace continues the caller's, and its context travels on with every record written to Kafka. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class TracingTest {

    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void everyRecordCarriesTheCallersTraceIdInItsHeaders() {
        Instant t = freshTime();
        String body = array(json("gen-1", "ACTIVE_POWER", "1", "MW", t, "tr-1"),
                json("gen-1", "ACTIVE_POWER", "NaN", "MW", t, "tr-2"));
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            given().contentType("application/json")
                    .header(MeasurementResource.API_KEY_HEADER, UTILITY_A_KEY)
                    .header("traceparent", "00-" + CALLER_TRACE + "-b7ad6b7169203331-01")
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .when().post(Feed.PATH).then().statusCode(200);

            var landed = raw.newRecords();
            var refused = dead.newRecords();
            assertThat(landed).hasSize(1);
            assertThat(refused).hasSize(1);
            for (var record : List.of(landed.get(0).headers(), refused.get(0).headers())) {
                Header traceparent = record.lastHeader("traceparent");
                assertThat(traceparent).as("traceparent header").isNotNull();
                String[] parts = new String(traceparent.value(), StandardCharsets.UTF_8).split("-");
                assertThat(parts).hasSize(4);
                assertThat(parts[1]).as("trace id").isEqualTo(CALLER_TRACE);
                assertThat(parts[2]).as("span id: the batch's own span, not the caller's")
                        .isNotEqualTo("b7ad6b7169203331").matches("[0-9a-f]{16}");
            }
        }
    }
}
