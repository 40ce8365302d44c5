package io.gridai.storage.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.kafka.quarkus.TopicWriter;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A manual hold on the real broker, wall clock, with the test profile's fleet: an operator's setpoint for bess-1 on
 * {@code grid.setpoints} (valid 5 s) stops the manager's setpoints for it, schedule and frequency response alike; the
 * unit shows HELD with the hold's target, origin and end, and the fleet's reserve leaves it out. When the hold has run
 * out, the manager sets the unit again.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ManualHoldServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aHeldBatteryGetsNoSetpointsAndShowsHeldThenResumes() {
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            List<Setpoint> manager = new ArrayList<>();
            Instant now = Instant.now();
            Publish.frequency(60.0, now);
            Publish.soc("bess-1", 50, now);
            // 7.5 MW, within what the reserve leaves (10 MW): a target no other test leaves bess-1 at (the application,
            // and so the manager's state, carries over from the test class before, which leaves it at 10 MW), so that
            // its setpoint is a new one
            Publish.schedule("bess-1", 7.5, now, now.plus(Duration.ofHours(1)));
            await().atMost(WAIT).until(() -> {
                collect(setpoints, manager);
                return manager.stream().anyMatch(s -> s.asset().value().equals("bess-1")
                        && Math.abs(s.target() - 7.5) < 1e-9);
            });

            Instant from = Instant.now();
            Setpoint hold = new Setpoint(SetpointId.random(), AssetId.of("bess-1"), MeasurementKind.ACTIVE_POWER, 5, from,
                    from.plusSeconds(5), SetpointOrigin.OPERATOR, Optional.empty(), "operator-on-duty", from);
            TopicWriter.send(Topics.GRID_SETPOINTS, hold.asset(), hold);
            JsonPath held = await().atMost(WAIT).until(() -> unit("bess-1"), u -> "HELD".equals(u.getString("lastDecision.mode")));
            Instant heldSince = Instant.parse(held.getString("lastDecision.time"));
            assertThat(held.getDouble("lastDecision.targetMw")).isEqualTo(5.0);
            assertThat(held.getString("lastDecision.hold.origin")).isEqualTo("OPERATOR");
            assertThat(held.getString("lastDecision.hold.setpointId")).isEqualTo(hold.id().value());
            assertThat(Instant.parse(held.getString("lastDecision.hold.until"))).isEqualTo(hold.validUntil());

            // a deviation during the hold, both units reporting: bess-2 answers, bess-1 does not; the reserve is bess-2's
            Publish.soc("bess-1", 50, Instant.now());
            Publish.soc("bess-2", 50, Instant.now());
            Publish.frequency(59.7, Instant.now());
            await().atMost(WAIT).until(() -> {
                collect(setpoints, manager);
                return manager.stream().anyMatch(s -> s.asset().value().equals("bess-2") && s.target() > 1);
            });
            JsonPath fleet = given().get("/storage/fleet").then().statusCode(200).extract().jsonPath();
            assertThat(fleet.getString("units.find { it.asset == 'bess-1' }.lastDecision.mode")).isEqualTo("HELD");
            assertThat(fleet.getString("units.find { it.asset == 'bess-2' }.lastDecision.mode")).isEqualTo("FREQUENCY_RESPONSE");
            assertThat(fleet.getDouble("reserveMw")).isEqualTo(10.0);

            // the hold ends: the manager sets bess-1 again (its telemetry was silent meanwhile: fresh readings first)
            await().atMost(WAIT).until(() -> !"HELD".equals(unit("bess-1").getString("lastDecision.mode")));
            Publish.soc("bess-1", 50, Instant.now());
            await().atMost(WAIT).until(() -> {
                collect(setpoints, manager);
                return manager.stream().anyMatch(s -> s.asset().value().equals("bess-1") && !s.issuedAt().isBefore(hold.validUntil())
                        && Math.abs(s.target() - 7.5) < 1e-9);
            });
            assertThat(manager).filteredOn(s -> s.asset().value().equals("bess-1"))
                    .as("nothing from the manager for bess-1 while it was held")
                    .noneMatch(s -> s.issuedAt().isAfter(heldSince) && s.issuedAt().isBefore(hold.validUntil()));
        }
    }

    private static void collect(TopicTail<?, Setpoint> tail, List<Setpoint> into) {
        tail.newValues().stream().filter(s -> s.origin() == SetpointOrigin.STORAGE_MANAGER).forEach(into::add);
    }

    private static JsonPath unit(String asset) {
        return given().get("/storage/units/" + asset).then().statusCode(200).extract().jsonPath();
    }
}
