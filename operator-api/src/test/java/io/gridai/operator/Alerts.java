package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.gridai.model.Alert;
import java.time.Duration;
import java.util.List;

/** Waits for what the service read from {@code grid.alerts}. */
final class Alerts {

    private Alerts() {
    }

    /** Returns {@code alert} once the API lists it. */
    static Alert published(Alert alert) {
        String viewer = TestTokens.token("watcher", "viewer");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<String> ids = given().header("Authorization", "Bearer " + viewer)
                    .queryParam("asset", alert.asset().value()).get("/api/v1/alerts")
                    .then().statusCode(200).extract().jsonPath().getList("id", String.class);
            return ids.contains(alert.id().value());
        });
        return alert;
    }
}
