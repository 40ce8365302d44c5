package io.gridai.storage.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service on the real embedded broker, on the wall clock, with the test profile's two batteries (bess-1 100 MWh /
 * 20 MW, bess-2 40 MWh / 20 MW; reserve 10 MW each, so droop 10 / (0.5 − 0.015) MW/Hz), estimate after 1 s, safe
 * hold after 3 s. Readings and schedules go in as the plant and the optimiser would write them; the test reads
 * {@code grid.setpoints}, {@code grid.alerts} and the REST status.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class FleetServiceTest {

    private static final double DROOP = 10 / (0.5 - 0.015);
    /** gridai.storage.setpoints.min-change-mw's default: a smaller move of the target sends no new setpoint. */
    private static final double MIN_CHANGE = 0.05;

    @Test
    void staleTelemetryBringsTheUnitToZeroWithAnAlertAndItsReturnClearsIt() {
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS);
                TopicTail<?, Alert> alerts = TopicTail.of(Topics.GRID_ALERTS)) {
            // A unit silent since the service started is stale too: alerts before the first reading are not this test's.
            List<Setpoint> seen = new ArrayList<>();
            Instant now = Instant.now();
            Publish.frequency(60.0, now);
            Publish.soc("bess-1", 50, now);
            Publish.schedule("bess-1", 15, now, now.plus(Duration.ofHours(1)));

            // The schedule, limited so that 10 MW of the 20 MW stay free for frequency response.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                seen.addAll(of("bess-1", setpoints.newValues()));
                return !seen.isEmpty() && Math.abs(seen.get(seen.size() - 1).target() - 10) < 1e-9;
            });
            Setpoint following = seen.get(seen.size() - 1);
            assertThat(following.origin()).isEqualTo(SetpointOrigin.STORAGE_MANAGER);
            assertThat(following.issuedBy()).isEqualTo("storage-manager");
            assertThat(following.kind()).isEqualTo(MeasurementKind.ACTIVE_POWER);
            assertThat(Duration.between(following.validFrom(), following.validUntil())).isEqualTo(Duration.ofSeconds(10));

            // No more state of charge: after 3 s the unit is sent to zero and an alert is raised.
            Instant fresh = following.validFrom();
            List<Alert> raised = await().atMost(Duration.ofSeconds(20)).until(
                    () -> after(fresh, of("bess-1", alerts.newValues())), list -> !list.isEmpty());
            Alert alert = raised.get(0);
            assertThat(alert.type()).isEqualTo(AlertType.STALE_TELEMETRY);
            assertThat(alert.state()).isEqualTo(AlertState.RAISED);
            assertThat(alert.kind()).isEqualTo(MeasurementKind.STATE_OF_CHARGE);
            assertThat(alert.value()).isGreaterThan(3);
            assertThat(alert.limit()).isEqualTo(3);
            assertThat(alert.message()).contains("bess-1", "zero");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                seen.addAll(of("bess-1", setpoints.newValues()));
                return seen.get(seen.size() - 1).target() == 0;
            });
            given().get("/storage/units/bess-1").then().statusCode(200)
                    .body("staleAlert", equalTo(true))
                    .body("socSource", equalTo("ESTIMATED"))
                    .body("lastDecision.mode", equalTo("SAFE_HOLD"))
                    .body("lastIssued.targetMw", equalTo(0.0f));

            // Readings return: the alert clears and the unit follows its schedule again.
            Publish.soc("bess-1", 49, Instant.now());
            List<Alert> changes = await().atMost(Duration.ofSeconds(20)).until(
                    () -> after(fresh, of("bess-1", alerts.newValues())), list -> list.size() >= 2);
            assertThat(changes).extracting(Alert::state).containsExactly(AlertState.RAISED, AlertState.CLEARED);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                seen.addAll(of("bess-1", setpoints.newValues()));
                return Math.abs(seen.get(seen.size() - 1).target() - 10) < 1e-9;
            });
        }
    }

    @Test
    void aFrequencyDeviationGetsItsDroopResponseAtOnceInBothDirections() {
        try (TopicTail<?, Setpoint> setpoints = TopicTail.of(Topics.GRID_SETPOINTS)) {
            Instant now = Instant.now();
            Publish.soc("bess-2", 50, now);
            Publish.frequency(59.7, now.plusMillis(1));
            // The first step may be held back by the ramp (20 MW/s since the last setpoint); then the full response.
            double up = DROOP * (0.3 - 0.015);
            // Within the service's min-change: when the ramp held the step before back by less than that, the
            // manager does not send the last few kW (gridai.storage.setpoints.min-change-mw, 0.05 MW).
            List<Setpoint> rising = await().atMost(Duration.ofSeconds(20)).until(() -> of("bess-2", setpoints.newValues()),
                    list -> list.stream().anyMatch(s -> Math.abs(s.target() - up) < MIN_CHANGE));
            assertThat(rising).allSatisfy(s -> assertThat(s.target()).isBetween(0.0, up + 1e-6));

            Publish.soc("bess-2", 50, Instant.now());
            Publish.frequency(60.2, Instant.now());
            double down = -DROOP * (0.2 - 0.015);
            List<Setpoint> falling = await().atMost(Duration.ofSeconds(20)).until(() -> of("bess-2", setpoints.newValues()),
                    list -> list.stream().anyMatch(s -> Math.abs(s.target() - down) < MIN_CHANGE));
            assertThat(falling).allSatisfy(s -> assertThat(s.target()).isBetween(down - 1e-6, up + 1e-6));
            given().get("/storage/units/bess-2").then().statusCode(200)
                    .body("lastDecision.mode", equalTo("FREQUENCY_RESPONSE"))
                    .body("lastDecision.headroomUpMw", org.hamcrest.Matchers.greaterThan(20f))
                    .body("lastDecision.headroomDownMw", org.hamcrest.Matchers.greaterThan(0f))
                    .body("limits.reserveMw", equalTo(10.0f));

            // Inside the dead band: back to rest.
            Publish.soc("bess-2", 50, Instant.now());
            Publish.frequency(60.01, Instant.now());
            await().atMost(Duration.ofSeconds(20)).until(() -> last("bess-2", setpoints.newValues()),
                    s -> s != null && s.target() == 0);
        }
    }

    @Test
    void theFleetViewAndErrorsNameWhatIsThere() {
        given().get("/storage/fleet").then().statusCode(200)
                .body("clock", equalTo("wall"))
                .body("units.asset", org.hamcrest.Matchers.contains("bess-1", "bess-2"))
                .body("units[0].limits.capacityMwh", equalTo(100.0f))
                .body("units[0].limits.asset", org.hamcrest.Matchers.nullValue());
        given().get("/storage/units/bess-9").then().statusCode(404).body(containsString("bess-1"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("gridai_storage_soc"));
    }

    private static <T> List<T> of(String asset, List<T> values) {
        return values.stream().filter(v -> v instanceof Setpoint s ? s.asset().value().equals(asset)
                : ((Alert) v).asset().value().equals(asset)).toList();
    }

    private static List<Alert> after(Instant t, List<Alert> alerts) {
        return alerts.stream().filter(a -> a.time().isAfter(t)).toList();
    }

    private static Setpoint last(String asset, List<Setpoint> values) {
        List<Setpoint> mine = of(asset, values);
        return mine.isEmpty() ? null : mine.get(mine.size() - 1);
    }
}
