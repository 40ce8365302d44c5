package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.operator.dispatch.DispatchClient;
import io.gridai.operator.dispatch.DispatchConfig;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The dispatch optimiser's solves through the API (against {@link FakeDispatchService}, a real HTTP server serving a
 * record shaped as the optimiser's), its 503 when the optimiser does not answer, and the system health report.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
@WithTestResource(value = FakeDispatchService.class, scope = TestResourceScope.GLOBAL)
class DispatchAndHealthTest {

    private static RequestSpecification viewer() {
        return given().header("Authorization", "Bearer " + TestTokens.token("vera", "viewer"));
    }

    @Test
    void solvesArePassedThroughWithObjectiveAndBindingConstraints() {
        JsonPath expected = JsonPath.from(FakeDispatchService.record());
        viewer().queryParam("limit", 2).get("/api/v1/dispatch/solves").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("size()", equalTo(2))
                .body("[0].id", equalTo("solve-42"))
                .body("[0].objective", equalTo(expected.getFloat("objective")))
                .body("[0].binding[0].kind", equalTo("BRANCH_FLOW"))
                .body("[0].binding[0].shadowPrice", equalTo(12.5f))
                .body("[0].inputs.zones.zone-1.modelVersion", equalTo("load-lgbm-2025.01"));
        viewer().get("/api/v1/dispatch/solves/latest").then().statusCode(200)
                .body("status", equalTo("OPTIMAL"))
                .body("binding.branchRow", equalTo(List.of(7, 7)))
                .body("setpoints.published", equalTo(3));
        viewer().queryParam("limit", 1001).get("/api/v1/dispatch/solves").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void anUnreachableOptimiserIsA503NamingItsUrl() {
        FakeDispatchService.stopServing();
        try {
            for (String path : List.of("/api/v1/dispatch/solves", "/api/v1/dispatch/solves/latest")) {
                viewer().get(path).then().statusCode(503)
                        .contentType(containsString("application/problem+json"))
                        .body("type", equalTo("urn:gridai:problem:unavailable"))
                        .body("detail", containsString("the dispatch optimiser at http://127.0.0.1:"))
                        .body("detail", containsString("gridai.operator.dispatch.url"))
                        .body("instance", equalTo(path));
            }
        } finally {
            FakeDispatchService.restart();
        }
        viewer().get("/api/v1/dispatch/solves/latest").then().statusCode(200);
    }

    @Test
    void withoutAConfiguredOptimiserTheClientSaysWhatToSet() {
        DispatchClient client = new DispatchClient(new DispatchConfig() {
            @Override
            public Optional<URI> url() {
                return Optional.empty();
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(1);
            }
        });
        assertThatThrownBy(client::latest).isInstanceOf(DispatchClient.Unavailable.class)
                .hasMessageContaining("gridai.operator.dispatch.url is empty");
    }

    @Test
    void healthReportsKafkaThisServiceTheConfiguredServicesAndTopicFreshness() {
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Measurement m = Measurement.of(SourceId.of("scada-health"), AssetId.of("health-bus"),
                MeasurementKind.VOLTAGE, 132.0, Unit.KILOVOLT, sent, sent);
        Publish.send(Topics.TELEMETRY_CLEAN, m.asset(), m);

        // The report is cached for gridai.operator.health.cache-for; wait until one is made after the record.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            String at = viewer().get("/api/v1/health").then().statusCode(200).extract().jsonPath()
                    .getString("topics.find { it.topic == 'telemetry.clean' }.lastRecordAt");
            return at != null && !Instant.parse(at).isBefore(sent.minusSeconds(1));
        });
        JsonPath h = viewer().get("/api/v1/health").then().statusCode(200)
                // The forecaster's port has no one listening: Kafka is up, so the platform is DEGRADED, not DOWN.
                .body("status", equalTo("DEGRADED"))
                .body("checks.name", hasItems("kafka", "operator-api", "dispatch-optimizer", "forecaster"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'operator-api' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'dispatch-optimizer' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'forecaster' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'forecaster' }.detail", containsString("/q/health/ready"))
                .body("topics.topic", equalTo(List.of("telemetry.clean", "grid.zone-load", "grid.forecasts",
                        "grid.setpoints", "grid.alerts")))
                .body("topics.find { it.topic == 'telemetry.clean' }.lastRecordAt", notNullValue())
                .extract().jsonPath();
        assertThat(h.getList("checks", Map.class)).allSatisfy(c -> assertThat(c.get("detail")).isNotNull());
        viewer().get("/api/v1/health").then().body("topics.find { it.topic == 'grid.zone-load' }.lastRecordAt",
                nullValue());

        // Polled again at once: answered from the cache, the services are not asked again.
        int hits = FakeDispatchService.healthHits();
        for (int i = 0; i < 5; i++) {
            viewer().get("/api/v1/health").then().statusCode(200);
        }
        assertThat(FakeDispatchService.healthHits() - hits).isLessThanOrEqualTo(1);
    }
}
