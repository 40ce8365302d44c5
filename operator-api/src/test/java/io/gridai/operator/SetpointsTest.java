package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicWriter;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Setpoints published to {@code grid.setpoints}: the current ones per asset and kind, and the history. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
class SetpointsTest {

    private static RequestSpecification viewer() {
        return given().header("Authorization", "Bearer " + TestTokens.token("vera", "viewer"));
    }

    private static Setpoint setpoint(String asset, MeasurementKind kind, double target, Instant issued,
            Instant from, Instant until) {
        return new Setpoint(SetpointId.of("sp-" + UUID.randomUUID()), AssetId.of(asset), kind, target, from, until,
                SetpointOrigin.OPERATOR, Optional.empty(), "olga", issued);
    }

    @Test
    void currentSetpointsAreTheNewestStillValidPerAssetAndKindAndHistoryIsNewestFirst() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String asset = "sp-bess-" + UUID.randomUUID().toString().substring(0, 8);
        Setpoint expired = setpoint(asset, MeasurementKind.ACTIVE_POWER, -5.0, t.minusSeconds(60), t.minusSeconds(60),
                t.minusSeconds(30));
        Setpoint active = setpoint(asset, MeasurementKind.ACTIVE_POWER, -10.0, t.minusSeconds(10),
                t.minusSeconds(10), t.plusSeconds(600));
        Setpoint future = new Setpoint(SetpointId.of("sp-" + UUID.randomUUID()), AssetId.of(asset),
                MeasurementKind.REACTIVE_POWER, 2.5, t.plusSeconds(60), t.plusSeconds(600),
                SetpointOrigin.APPROVED_PROPOSAL, Optional.of(ProposalId.of("prop-9")), "operator-api",
                t.minusSeconds(5));
        Setpoint otherAsset = setpoint(asset + "-b", MeasurementKind.ACTIVE_POWER, 1.0, t, t, t.plusSeconds(600));
        TopicWriter.sendAll(Topics.GRID_SETPOINTS, List.of(expired, active, future, otherAsset), Setpoint::asset);

        await().atMost(Duration.ofSeconds(20)).until(() -> viewer().queryParam("asset", asset)
                .get("/api/v1/setpoints/history").then().statusCode(200).extract().jsonPath().getList("id").size() == 3);

        viewer().queryParam("asset", asset).get("/api/v1/setpoints").then().statusCode(200)
                .body("id", equalTo(List.of(active.id().value(), future.id().value())))
                .body("[0].asset", equalTo(asset))
                .body("[0].kind", equalTo("ACTIVE_POWER"))
                .body("[0].unit", equalTo("MW"))
                .body("[0].target", equalTo(-10.0f))
                .body("[0].validFrom", equalTo(active.validFrom().toString()))
                .body("[0].validUntil", equalTo(active.validUntil().toString()))
                .body("[0].origin", equalTo("OPERATOR"))
                .body("[0].proposal", nullValue())
                .body("[0].issuedBy", equalTo("olga"))
                .body("[0].issuedAt", equalTo(active.issuedAt().toString()))
                .body("[1].unit", equalTo("Mvar"))
                .body("[1].proposal", equalTo("prop-9"));

        String history = "/api/v1/setpoints/history";
        viewer().queryParam("asset", asset).get(history).then().statusCode(200)
                .body("id", equalTo(List.of(future.id().value(), active.id().value(), expired.id().value())));
        viewer().queryParam("asset", asset).queryParam("limit", 2).get(history).then().statusCode(200)
                .body("id", equalTo(List.of(future.id().value(), active.id().value())));
        viewer().queryParam("asset", asset).queryParam("from", t.minusSeconds(20).toString()).get(history).then()
                .body("id", equalTo(List.of(future.id().value(), active.id().value())));
        viewer().queryParam("asset", asset).queryParam("to", t.minusSeconds(7).toString()).get(history).then()
                .body("id", equalTo(List.of(active.id().value(), expired.id().value())));
        viewer().queryParam("asset", asset + "-b").get("/api/v1/setpoints").then()
                .body("id", equalTo(List.of(otherAsset.id().value())));
    }

    @Test
    void badHistoryQueriesAreProblems() {
        String history = "/api/v1/setpoints/history";
        viewer().queryParam("from", "yesterday").get(history).then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("ISO-8601"));
        viewer().queryParam("limit", 0).get(history).then().statusCode(400)
                .body("detail", containsString("outside 1..1000"));
        viewer().queryParam("from", "2025-01-02T00:00:00Z").queryParam("to", "2025-01-01T00:00:00Z").get(history)
                .then().statusCode(400).body("detail", containsString("not before"));
    }
}
