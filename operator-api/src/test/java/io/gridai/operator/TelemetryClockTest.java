package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicWriter;
import io.gridai.model.Measurement;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On the telemetry clock ({@code gridai.operator.clock=telemetry}, as under {@code gridai up}, where the twin replays
 * 2020), the grid's "now" is the newest event time read from telemetry.clean: before any, overrides and current
 * setpoints answer 503 saying so; after a 2020 measurement, an override is checked against that measurement (fresh in
 * grid time, stale by the wall clock) and stamped with grid time, and it is current in grid time.
 */
@QuarkusTest
@TestProfile(TelemetryClockTest.TelemetryClock.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
@WithTestResource(LiveStateMember.class)
class TelemetryClockTest {

    static final Instant GRID_NOW = Instant.parse("2020-07-01T00:05:00Z");

    public static class TelemetryClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridai.operator.clock", "telemetry");
        }
    }

    private static String operator() {
        return "Bearer " + TestTokens.token("olga", "operator");
    }

    @Test
    void overridesAndCurrentSetpointsFollowTheGridsTime() {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        String body = "{\"kind\":\"ACTIVE_POWER\",\"target\":160,\"validFor\":\"PT15M\",\"reason\":\"replay drill\"}";

        given().header("Authorization", operator()).get("/api/v1/health").then().statusCode(200)
                .body("clock", equalTo("telemetry"));
        given().header("Authorization", operator()).contentType("application/json").body(body)
                .post("/api/v1/setpoints/gen-2-1/override").then().statusCode(503)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("grid's time is not known yet"));
        given().header("Authorization", operator()).get("/api/v1/setpoints").then().statusCode(503)
                .body("detail", containsString("telemetry"));

        Measurement m = LiveStateWriter.put("gen-2-1", MeasurementKind.ACTIVE_POWER, 150.0, GRID_NOW);
        TopicWriter.sendAll(Topics.TELEMETRY_CLEAN, List.of(m), Measurement::asset);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", operator())
                .get("/api/v1/health").then().body("gridTime", equalTo(GRID_NOW.toString())));

        given().header("Authorization", operator()).contentType("application/json").body(body)
                .post("/api/v1/setpoints/gen-2-1/override").then().statusCode(201)
                .body("setpoint.validFrom", equalTo(GRID_NOW.toString()))
                .body("setpoint.validUntil", equalTo(GRID_NOW.plus(Duration.ofMinutes(15)).toString()))
                .body("setpoint.issuedAt", equalTo(GRID_NOW.toString()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", operator())
                .get("/api/v1/setpoints?asset=gen-2-1").then().statusCode(200)
                .body("origin", hasItem("OPERATOR")).body("target", hasItem(160.0f)));
    }
}
