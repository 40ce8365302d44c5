package io.gridai.dispatch.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;

/**
 * A manual hold on the real broker, wall clock: an operator's setpoint for {@code gen-2-1} (valid a few seconds) is
 * kept by the next solve (the unit fixed at the target, no setpoint for it, the hold in the record) and, once it has
 * run out, the next solve dispatches the unit again. The service's own (OPTIMISER) and the storage manager's setpoints
 * on {@code grid.setpoints}, valid for an hour, are no holds. A what-if during the hold keeps it too.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ManualHoldTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough for a solve to see the hold (the periodic check looks every second), short for the test. */
    private static final Duration HOLD = Duration.ofSeconds(6);

    static {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    @Test
    void anOperatorsSetpointHoldsTheUnitUntilItEndsAndTheControllersOwnSetpointsDoNot() {
        await().atMost(WAIT).until(() -> given().when().get("/q/health/ready").statusCode() == 200);
        Instant now = Instant.now();
        Send.activePower(now, "gen-2-1", 163, "gen-3-1", 85);
        List<Setpoint> optimiser = new ArrayList<>();
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            // automatic controllers' setpoints for gen-3-1, valid for an hour: were they holds, gen-3-1 would stay held
            Send.records(Topics.GRID_SETPOINTS, List.of(AssetId.of("gen-3-1"), AssetId.of("gen-3-1")), List.of(
                    setpoint("gen-3-1", 7, SetpointOrigin.OPTIMISER, now, Duration.ofHours(1)),
                    setpoint("gen-3-1", 8, SetpointOrigin.STORAGE_MANAGER, now, Duration.ofHours(1))));
            Setpoint hold = setpoint("gen-2-1", 100, SetpointOrigin.OPERATOR, now, HOLD);
            Send.records(Topics.GRID_SETPOINTS, List.of(hold.asset()), List.of(hold));

            JsonPath held = awaitSolve(json -> json.getList("holds.setpointId").contains(hold.id().value()));
            assertThat(held.getString("status")).isEqualTo("OPTIMAL");
            assertThat(held.getString("trigger")).isEqualTo("HOLD");
            assertThat(held.getList("holds.asset")).containsExactly("gen-2-1");
            assertThat(held.getDouble("holds[0].targetMw")).isEqualTo(100);
            assertThat(held.getDouble("holds[0].fixedMw")).isEqualTo(100);
            assertThat(held.getString("holds[0].origin")).isEqualTo("OPERATOR");
            assertThat(Instant.parse(held.getString("holds[0].until"))).isEqualTo(hold.validUntil());
            assertThat(held.getString("holds[0].issuedBy")).isEqualTo("operator-on-duty");
            assertThat(held.getInt("holds[0].periods")).isEqualTo(1);
            assertThat(held.getDouble("firstPeriodMw.'gen-2-1'")).isCloseTo(100, within(1e-6));
            Map<String, Double> targets = held.getMap("setpoints.targets");
            assertThat(targets).doesNotContainKey("gen-2-1").containsKey("gen-3-1");
            // a what-if keeps the hold as well
            JsonPath whatIf = given().contentType(ContentType.JSON).body("{\"periods\": 2}").when().post("/dispatch/what-if").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(whatIf.getList("holds.asset")).containsExactly("gen-2-1");
            assertThat(whatIf.getDouble("unitMw.'gen-2-1'[0]")).isCloseTo(100, within(1e-6));

            JsonPath after = awaitSolve(json -> !Instant.parse(json.getString("planStart")).isBefore(hold.validUntil()));
            assertThat(after.getString("status")).isEqualTo("OPTIMAL");
            assertThat(after.getList("holds")).as("the hold ran out; the controllers' own setpoints hold nothing").isEmpty();
            assertThat(after.getMap("setpoints.targets")).containsKeys("gen-2-1", "gen-3-1");
            Instant heldStart = Instant.parse(held.getString("planStart"));
            Instant afterStart = Instant.parse(after.getString("planStart"));
            await().atMost(WAIT).untilAsserted(() -> {
                setpoints.newValues().stream().filter(s -> "dispatch-optimizer".equals(s.issuedBy())).forEach(optimiser::add);
                assertThat(optimiser).anyMatch(s -> s.asset().value().equals("gen-2-1") && s.validFrom().equals(afterStart)
                        && s.target() == after.getDouble("setpoints.targets.'gen-2-1'"));
            });
            // nothing for gen-2-1 while held; gen-3-1 was still dispatched by the held solve
            assertThat(optimiser).filteredOn(s -> s.validFrom().equals(heldStart)).extracting(s -> s.asset().value())
                    .containsExactly("gen-3-1");
            assertThat(optimiser).filteredOn(s -> s.asset().value().equals("gen-2-1"))
                    .allMatch(s -> !s.validFrom().isBefore(hold.validUntil()));
        }
    }

    private static Setpoint setpoint(String asset, double mw, SetpointOrigin origin, Instant from, Duration validity) {
        return new Setpoint(SetpointId.random(), AssetId.of(asset), MeasurementKind.ACTIVE_POWER, mw, from, from.plus(validity), origin,
                Optional.empty(), origin == SetpointOrigin.OPERATOR ? "operator-on-duty" : "hold-test", from);
    }

    /** Waits for the latest solve record to satisfy {@code condition}. */
    private static JsonPath awaitSolve(Predicate<JsonPath> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = given().when().get("/dispatch/solves/latest");
            return response.statusCode() == 200 && condition.test(response.jsonPath()) ? response.jsonPath() : null;
        }, java.util.Objects::nonNull);
    }
}
