package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.Forecast;
import io.gridai.model.ForecastStep;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Zone load windows and forecasts published to the real broker are served per zone: windows of each length in order
 * (a window read again replaces the one held), the latest forecast by issue time, filters and refusals as problems.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
class ZonesTest {

    @Test
    void loadWindowsAndForecastsAreServedPerZone() {
        String token = TestTokens.token("vera", "viewer");
        ZoneId zone = ZoneId.of("zone-test-" + System.nanoTime() % 100000);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        for (int i = 0; i < 6; i++) {
            Publish.send(Topics.GRID_ZONE_LOAD, zone, new ZoneLoad(zone, t0.plus(Duration.ofMinutes(5L * i)),
                    Duration.ofMinutes(5), 100 + i, 3, 30));
        }
        // the third window again, revised: held once, with the later value
        Publish.send(Topics.GRID_ZONE_LOAD, zone, new ZoneLoad(zone, t0.plus(Duration.ofMinutes(10)),
                Duration.ofMinutes(5), 150, 3, 31));
        Publish.send(Topics.GRID_ZONE_LOAD, zone, new ZoneLoad(zone, t0, Duration.ofHours(1), 104, 3, 360));
        Publish.send(Topics.GRID_FORECASTS, zone, forecast(zone, t0.plus(Duration.ofMinutes(30)), "m-1"));
        Publish.send(Topics.GRID_FORECASTS, zone, forecast(zone, t0.plus(Duration.ofMinutes(60)), "m-2"));
        Publish.send(Topics.GRID_FORECASTS, zone, forecast(zone, t0.plus(Duration.ofMinutes(15)), "m-0"));

        String path = "/api/v1/zones/" + zone.value();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                .get(path + "/forecasts?since=" + t0).then().statusCode(200).body("$", hasSize(3)));

        given().auth().oauth2(token).get("/api/v1/zones").then().statusCode(200)
                .body("zone", hasItem(zone.value()))
                .body("find { it.zone == '" + zone.value() + "' }.windows", contains("PT5M", "PT1H"))
                .body("find { it.zone == '" + zone.value() + "' }.latest.activePowerMw", equalTo(105.0f))
                .body("find { it.zone == '" + zone.value() + "' }.forecastModel", equalTo("m-2"));
        given().auth().oauth2(token).get(path + "/load?since=" + t0).then().statusCode(200)
                .body("window", contains("PT5M", "PT5M", "PT5M", "PT5M", "PT5M", "PT5M"))
                .body("activePowerMw", contains(100.0f, 101.0f, 150.0f, 103.0f, 104.0f, 105.0f));
        given().auth().oauth2(token).get(path + "/load?window=PT1H&since=" + t0).then().statusCode(200)
                .body("activePowerMw", contains(104.0f));
        given().auth().oauth2(token).get(path + "/load?since=" + t0.plus(Duration.ofMinutes(20))).then()
                .statusCode(200).body("activePowerMw", contains(104.0f, 105.0f));
        given().auth().oauth2(token).get(path + "/forecast").then().statusCode(200)
                .body("modelVersion", equalTo("m-2"))
                .body("quantileLevels", contains(0.1f, 0.5f, 0.9f))
                .body("steps[0].values", contains(90.0f, 100.0f, 110.0f));

        given().auth().oauth2(token).get("/api/v1/zones/no-such-zone/load").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("/api/v1/zones"));
        given().auth().oauth2(token).get(path + "/load?window=5min").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("detail", containsString("PT5M"));
        given().auth().oauth2(token).get(path + "/load?since=yesterday").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
    }

    private static Forecast forecast(ZoneId zone, Instant issue, String model) {
        List<ForecastStep> steps = List.of(
                new ForecastStep(0, issue.plus(Duration.ofHours(1)), List.of(90.0, 100.0, 110.0)),
                new ForecastStep(1, issue.plus(Duration.ofHours(2)), List.of(95.0, 105.0, 118.0)));
        return new Forecast(zone, MeasurementKind.ACTIVE_POWER, issue, Duration.ofHours(1), List.of(0.1, 0.5, 0.9),
                steps, model, issue);
    }
}
