package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.operator.live.LiveValues;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live state read from a real Hazelcast member (written as the Flink job writes it): the bean, the assets
 * endpoints and the network view with branch loading and generator output.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
@WithTestResource(LiveStateMember.class)
class LiveStateTest {

    @Inject
    LiveValues live;

    private static String viewer() {
        return "Bearer " + TestTokens.token("vera", "viewer");
    }

    @Test
    void theBeanReadsTheLatestValueTheJobWrote() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Measurement written = LiveStateWriter.put("bus-4", MeasurementKind.VOLTAGE_PU, 1.013, t);
        assertThat(live.connected()).isTrue();
        assertThat(live.latest(AssetId.of("bus-4"), MeasurementKind.VOLTAGE_PU)).contains(written);
        assertThat(live.latest(AssetId.of("bus-4"), MeasurementKind.VOLTAGE_ANGLE)).isEmpty();
        Measurement newer = LiveStateWriter.put("bus-4", MeasurementKind.VOLTAGE_PU, 1.02, t.plusSeconds(1));
        assertThat(live.latest(AssetId.of("bus-4"), MeasurementKind.VOLTAGE_PU)).contains(newer);
        assertThat(live.of(AssetId.of("bus-4"))).containsExactly(newer);
    }

    @Test
    void assetsAreListedWithTheirValuesAndFilteredByKind() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        LiveStateWriter.put("gen-list-1", MeasurementKind.REACTIVE_POWER, 12.0, t);
        LiveStateWriter.put("gen-list-1", MeasurementKind.ACTIVE_POWER, 150.5, t);
        LiveStateWriter.put(LiveStateWriter.measurement("bus-list-9", MeasurementKind.VOLTAGE_PU, 0.97, t)
                .withFlag(QualityFlag.ESTIMATED));

        JsonPath all = given().header("Authorization", viewer()).get("/api/v1/assets").then().statusCode(200)
                .contentType(containsString("application/json")).extract().jsonPath();
        List<String> assets = all.getList("asset");
        assertThat(assets).contains("gen-list-1", "bus-list-9").isSorted();
        Map<String, Object> gen = all.getMap("find { it.asset == 'gen-list-1' }");
        assertThat(gen).isNotNull();
        List<Map<String, Object>> values = all.getList("find { it.asset == 'gen-list-1' }.values");
        assertThat(values).extracting(v -> v.get("kind")).containsExactly("ACTIVE_POWER", "REACTIVE_POWER");
        assertThat(values.get(0)).containsEntry("unit", "MW").containsEntry("value", 150.5f)
                .containsEntry("eventTime", "2026-03-01T10:00:00Z").containsEntry("source", "grid-twin")
                .containsEntry("quality", List.of());
        assertThat(all.getList("find { it.asset == 'bus-list-9' }.values[0].quality")).containsExactly("ESTIMATED");

        JsonPath reactive = given().header("Authorization", viewer()).queryParam("kind", "reactive_power")
                .get("/api/v1/assets").then().statusCode(200).extract().jsonPath();
        assertThat(reactive.getList("asset")).contains("gen-list-1").doesNotContain("bus-list-9");
        assertThat(reactive.getList("values.kind.flatten()")).containsOnly("REACTIVE_POWER");

        given().header("Authorization", viewer()).queryParam("kind", "WATTAGE").get("/api/v1/assets").then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:bad-request")).body("detail", containsString("ACTIVE_POWER"));
    }

    @Test
    void oneAssetOr404() {
        Instant t = Instant.now();
        LiveStateWriter.put("gen-one-1", MeasurementKind.ACTIVE_POWER, 42.0, t);
        given().header("Authorization", viewer()).get("/api/v1/assets/gen-one-1").then().statusCode(200)
                .body("asset", equalTo("gen-one-1")).body("values.kind", equalTo(List.of("ACTIVE_POWER")))
                .body("values[0].value", equalTo(42.0f));
        given().header("Authorization", viewer()).get("/api/v1/assets/no-such-asset").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("urn:gridai:problem:not-found")).body("detail", containsString("no-such-asset"))
                .body("instance", equalTo("/api/v1/assets/no-such-asset"));
        // an element of the grid case with no live value yet is known: no values, not a 404
        given().header("Authorization", viewer()).get("/api/v1/assets/branch-4-5").then().statusCode(200)
                .body("values", equalTo(List.of()));
    }

    @Test
    void theNetworkViewHasTheCaseWithLiveLoading() {
        Instant t = Instant.parse("2026-03-01T11:00:00Z");
        LiveStateWriter.put("branch-8-9", MeasurementKind.BRANCH_LOADING, 87.5, t);
        LiveStateWriter.put("gen-2-1", MeasurementKind.ACTIVE_POWER, 163.0, t);
        LiveStateWriter.put("bess-1", MeasurementKind.ACTIVE_POWER, -10.0, t);

        JsonPath net = given().header("Authorization", viewer()).get("/api/v1/network").then().statusCode(200)
                .body("case", equalTo("case9_operator")).body("liveState", equalTo(true)).extract().jsonPath();
        assertThat(net.getList("buses.id")).containsExactly("bus-1", "bus-2", "bus-3", "bus-4", "bus-5", "bus-6",
                "bus-7", "bus-8", "bus-9");
        assertThat(net.getString("buses.find { it.id == 'bus-9' }.zone")).isEqualTo("zone-2");
        assertThat(net.getDouble("buses[0].baseKv")).isEqualTo(345.0);
        assertThat(net.getList("branches.id")).containsExactly("branch-1-4", "branch-4-5", "branch-5-6",
                "branch-3-6", "branch-6-7", "branch-7-8", "branch-8-2", "branch-8-9", "branch-9-4");
        Map<String, Object> b89 = net.getMap("branches.find { it.id == 'branch-8-9' }");
        assertThat(b89).containsEntry("from", "bus-8").containsEntry("to", "bus-9").containsEntry("rateMva", 60.0f)
                .containsEntry("loadingPercent", 87.5f).containsEntry("loadingTime", "2026-03-01T11:00:00Z");
        assertThat(net.getMap("branches.find { it.id == 'branch-1-4' }")).containsEntry("loadingPercent", null)
                .containsEntry("loadingTime", null);
        assertThat(net.getList("generators.asset")).containsExactly("gen-1-1", "gen-2-1", "gen-3-1");
        assertThat(net.getMap("generators.find { it.asset == 'gen-2-1' }")).containsEntry("bus", "bus-2")
                .containsEntry("pminMw", 10.0f).containsEntry("pmaxMw", 300.0f).containsEntry("activePowerMw", 163.0f)
                .containsEntry("slack", false);
        assertThat(net.getBoolean("generators.find { it.asset == 'gen-1-1' }.slack")).isTrue();
        assertThat(net.getMap("batteries[0]")).containsEntry("asset", "bess-1").containsEntry("bus", "bus-5")
                .containsEntry("powerMw", 25.0f).containsEntry("activePowerMw", -10.0f);
    }

    @Test
    void theOpenApiDocumentNamesEachEndpointsRoleAndProblems() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/assets'.get.security[0].bearer", equalTo(List.of("viewer")))
                .body("paths.'/api/v1/assets/{asset}'.get.security[0].bearer", equalTo(List.of("viewer")))
                .body("paths.'/api/v1/assets/{asset}/history'.get.security[0].bearer", equalTo(List.of("viewer")))
                .body("paths.'/api/v1/network'.get.security[0].bearer", equalTo(List.of("viewer")))
                .body("paths.'/api/v1/setpoints/{asset}/override'.post.security[0].bearer", equalTo(List.of("operator")))
                .body("paths.'/api/v1/setpoints/{asset}/override'.post.responses.'422'.content.'application/problem+json'",
                        org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void healthShowsTheLiveStateUp() {
        given().get("/q/health").then().statusCode(200)
                .body("checks.find { it.name == 'Hazelcast live state' }.status", equalTo("UP"))
                .body("checks.name", hasItem("Hazelcast live state"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Hazelcast live state' }", nullValue());
    }
}
