package io.gridai.ingestion.http;

import static io.gridai.ingestion.http.Feed.REVOKED_KEY;
import static io.gridai.ingestion.http.Feed.array;
import static io.gridai.ingestion.http.Feed.freshTime;
import static io.gridai.ingestion.http.Feed.json;
import static io.gridai.ingestion.http.Feed.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.ingestion.TopicTail;
import io.gridai.ingestion.metrics.IngestionMetrics;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Approved sources only: unknown and revoked senders are refused as a whole, kept and counted. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class SourceVerificationTest {

    @Inject
    MeterRegistry meters;

    @Test
    void anUnknownApiKeyIsRefusedWith401AndNothingReachesTheRawTopic() {
        Instant t = freshTime();
        String body = array(json("gen-1", "ACTIVE_POWER", "1", "MW", t, null));
        double before = count("unknown", RejectionReason.UNKNOWN_SOURCE);
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            postJson("not-a-registered-key-000000", body)
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("X-Api-Key"))
                    .body("type", equalTo("urn:gridai:problem:unknown-source"))
                    .body("detail", containsString("not registered"))
                    .body("detail", containsString("to register a feed"));

            assertThat(raw.newRecords()).isEmpty();
            assertThat(dead.newRecords()).singleElement().satisfies(record -> {
                assertThat(record.key()).isNull();
                assertThat(record.value().source()).isEmpty();
                assertThat(record.value().reason()).isEqualTo(RejectionReason.UNKNOWN_SOURCE);
                assertThat(record.value().payload()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
            });
        }
        assertThat(count("unknown", RejectionReason.UNKNOWN_SOURCE)).isEqualTo(before + 1);
    }

    @Test
    void aRequestWithoutApiKeyIsRefusedWith401() {
        Instant t = freshTime();
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW)) {
            postJson(null, array(json("gen-1", "ACTIVE_POWER", "1", "MW", t, null)))
                    .statusCode(401)
                    .body("detail", containsString("no X-Api-Key header"));
            assertThat(raw.newRecords()).isEmpty();
        }
    }

    @Test
    void aRevokedSourceIsRefusedWith403AndKeptUnderItsId() {
        Instant t = freshTime();
        double before = count("utility-old", RejectionReason.REVOKED_SOURCE);
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            postJson(REVOKED_KEY, array(json("gen-1", "ACTIVE_POWER", "1", "MW", t, null)))
                    .statusCode(403)
                    .body("detail", containsString("utility-old has been revoked"));

            assertThat(raw.newRecords()).isEmpty();
            assertThat(dead.newRecords()).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(SourceId.of("utility-old"));
                assertThat(record.value().reason()).isEqualTo(RejectionReason.REVOKED_SOURCE);
            });
        }
        assertThat(count("utility-old", RejectionReason.REVOKED_SOURCE)).isEqualTo(before + 1);
    }

    private double count(String source, RejectionReason reason) {
        Counter counter = meters.find(IngestionMetrics.RECORDS)
                .tags("source", source, "outcome", "refused", "reason", reason.name())
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
