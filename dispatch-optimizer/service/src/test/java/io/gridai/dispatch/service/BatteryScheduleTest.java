package io.gridai.dispatch.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.topic.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * With a battery in the grid, its first-period target is a schedule for the storage manager on
 * {@code grid.storage-schedules}, never a setpoint for the plant: the generators' setpoints still go to
 * {@code grid.setpoints}.
 */
@QuarkusTest
@TestProfile(BatteryScheduleTest.WithBattery.class)
@WithTestResource(KafkaBrokerTestResource.class)
class BatteryScheduleTest {

    static {
        // numbers as doubles: the target is compared exactly with what went on the wire
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().jsonConfig(io.restassured.config.JsonConfig
                .jsonConfig().numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** case9_dispatch with a 50 MW / 100 MWh battery at bus 5. */
    public static class WithBattery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridai.dispatch.grid.batteries", "bess-5@5:100:50:0.9");
        }
    }

    /**
     * An operator holds the battery at 20 MW (discharging) for a few seconds: the next solve fixes it there and sends the
     * storage manager no schedule for it; once the hold has run out, its schedule comes again.
     */
    @Test
    void aHeldBatteryIsFixedAtItsTargetAndGetsNoScheduleUntilTheHoldEnds() {
        Instant now = Instant.now();
        Send.activePower(now, "gen-2-1", 163, "gen-3-1", 85);
        try (TopicTail<?, Setpoint> schedules = TopicTail.of(Topics.GRID_STORAGE_SCHEDULES)) {
            Setpoint hold = new Setpoint(SetpointId.random(), AssetId.of("bess-5"), MeasurementKind.ACTIVE_POWER, 20, now,
                    now.plusSeconds(6), SetpointOrigin.OPERATOR, Optional.empty(), "operator-on-duty", now);
            Send.records(Topics.GRID_SETPOINTS, List.of(hold.asset()), List.of(hold));
            JsonPath held = awaitLatest(json -> json.getList("holds.setpointId").contains(hold.id().value()));
            assertThat(held.getString("status")).isEqualTo("OPTIMAL");
            assertThat(held.getList("holds.asset")).containsExactly("bess-5");
            assertThat(held.getDouble("holds[0].fixedMw")).isEqualTo(20.0);
            assertThat(held.getDouble("firstPeriodMw.'bess-5'")).isCloseTo(20, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(held.getMap("setpoints.targets")).doesNotContainKey("bess-5");

            JsonPath after = awaitLatest(json -> !Instant.parse(json.getString("planStart")).isBefore(hold.validUntil()));
            assertThat(after.getList("holds")).isEmpty();
            assertThat(after.getMap("setpoints.targets")).containsKey("bess-5");
            Instant heldStart = Instant.parse(held.getString("planStart"));
            Instant afterStart = Instant.parse(after.getString("planStart"));
            List<Setpoint> seen = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                seen.addAll(schedules.newValues());
                assertThat(seen).anyMatch(s -> s.asset().value().equals("bess-5") && s.validFrom().equals(afterStart));
            });
            assertThat(seen).noneMatch(s -> s.validFrom().equals(heldStart));
        }
    }

    private static JsonPath awaitLatest(java.util.function.Predicate<JsonPath> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = given().when().get("/dispatch/solves/latest");
            return response.statusCode() == 200 && condition.test(response.jsonPath()) ? response.jsonPath() : null;
        }, java.util.Objects::nonNull);
    }

    @Test
    void theBatteryTargetGoesToTheStorageManagerAndTheGeneratorsToThePlant() {
        Instant now = Instant.now();
        Send.activePower(now, "gen-2-1", 163, "gen-3-1", 85);
        String model = "battery-model-" + now.toEpochMilli();
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS);
                TopicTail<?, Setpoint> schedules = TopicTail.of(Topics.GRID_STORAGE_SCHEDULES)) {
            Send.forecasts(Send.zoneLoad("zone-1", now, 190, 6, model), Send.zoneLoad("zone-2", now, 125, 6, model));
            JsonPath solve = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                var response = given().when().get("/dispatch/solves/latest");
                return response.statusCode() == 200 && response.jsonPath().getMap("setpoints.targets").containsKey("bess-5")
                        && model.equals(response.jsonPath().getString("inputs.zones.'zone-1'.modelVersion")) ? response.jsonPath() : null;
            }, java.util.Objects::nonNull);
            assertThat(solve.getString("status")).isEqualTo("OPTIMAL");

            List<Setpoint> schedule = await().atMost(Duration.ofSeconds(20)).until(schedules::newValues, l -> !l.isEmpty());
            assertThat(schedule).hasSize(1);
            Setpoint s = schedule.get(0);
            assertThat(s.asset().value()).isEqualTo("bess-5");
            assertThat(s.origin()).isEqualTo(SetpointOrigin.OPTIMISER);
            assertThat(s.target()).isEqualTo(solve.getDouble("setpoints.targets.'bess-5'"));
            assertThat(setpoints.newValues()).extracting(p -> p.asset().value()).doesNotContain("bess-5")
                    .contains("gen-2-1", "gen-3-1");
        }
    }
}
