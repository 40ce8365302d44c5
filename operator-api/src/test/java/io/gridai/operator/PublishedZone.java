package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.gridai.model.Forecast;
import io.gridai.model.ForecastStep;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A zone with a load window and a forecast, published once to the real broker and held by the service. */
final class PublishedZone {

    static final ZoneId ZONE = ZoneId.of("zone-sec");
    private static volatile boolean published;

    private PublishedZone() {
    }

    /** The zone's id, once the service holds its load and forecast. */
    static synchronized String zone() {
        if (!published) {
            Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            Publish.send(Topics.GRID_ZONE_LOAD, ZONE, new ZoneLoad(ZONE, t, Duration.ofMinutes(5), -120, 2, 20));
            Publish.send(Topics.GRID_FORECASTS, ZONE, new Forecast(ZONE, MeasurementKind.ACTIVE_POWER, t,
                    Duration.ofHours(1), List.of(0.1, 0.5, 0.9),
                    List.of(new ForecastStep(0, t.plus(Duration.ofHours(1)), List.of(-130.0, -120.0, -110.0))),
                    "sec-model", t));
            String viewer = TestTokens.token("watcher", "viewer");
            await().atMost(Duration.ofSeconds(20)).until(() -> given().header("Authorization", "Bearer " + viewer)
                    .get("/api/v1/zones/" + ZONE.value() + "/forecast").statusCode() == 200);
            published = true;
        }
        return ZONE.value();
    }
}
