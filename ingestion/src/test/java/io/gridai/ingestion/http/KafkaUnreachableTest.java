package io.gridai.ingestion.http;

import static io.gridai.ingestion.http.Feed.UTILITY_A_KEY;
import static io.gridai.ingestion.http.Feed.array;
import static io.gridai.ingestion.http.Feed.freshTime;
import static io.gridai.ingestion.http.Feed.json;
import static io.gridai.ingestion.http.Feed.postJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With no broker behind {@code kafka.bootstrap.servers} (a loopback port nobody listens on), a batch is not
 * acknowledged: the client gets a retryable 503 saying nothing was acknowledged, and readiness is DOWN.
 * (Stopping a running broker mid-ingest and reading everything back after its restart is the next slice.)
 */
@QuarkusTest
@TestProfile(KafkaUnreachableTest.NoBroker.class)
class KafkaUnreachableTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kafka.bootstrap.servers", "127.0.0.1:" + closedPort(),
                    "gridai.ingestion.kafka.ack-timeout", "PT1S",
                    "gridai.ingestion.http.retry-after", "PT7S",
                    "gridai.ingestion.kafka.health-timeout", "PT1S");
        }
    }

    @Test
    void aBatchKafkaDidNotAcknowledgeIsAnswered503WithRetryAfter() {
        postJson(UTILITY_A_KEY, array(json("gen-1", "ACTIVE_POWER", "1", "MW", freshTime(), "unacked-1")))
                .statusCode(503)
                .header("Retry-After", equalTo("7"))
                .contentType("application/problem+json")
                .body("type", equalTo("urn:gridai:problem:kafka-unavailable"))
                .body("detail", containsString("Nothing in this batch was acknowledged"));
    }

    @Test
    void readinessIsDownWithoutKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.reason", containsString("did not answer within PT1S"));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }
}
