package io.gridai.storage.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The controller under a manual hold, step by step on a fixed clock: two 20 MW units with 10 MW reserve each, one of
 * them held by an operator at 5 MW for a minute while it has a 15 MW schedule and the frequency falls to 59.7 Hz.
 */
class ManualHoldControllerTest {

    private static final AssetId HELD = AssetId.of("bess-1");
    private static final AssetId FREE = AssetId.of("bess-2");
    private static final AssetId SYSTEM = AssetId.of("system");
    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    private final FleetController controller = new FleetController(List.of(limits(HELD), limits(FREE)), SYSTEM, "storage-manager",
            new ControllerSettings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), 0.05,
                    new ResponseSettings(true, 60, 0.015, Duration.ofMinutes(15), Duration.ofSeconds(5), 3.0)));

    @Test
    void aHeldUnitGetsNeitherScheduleNorResponseAndIsLeftOutOfTheReserveUntilTheHoldEnds() {
        readings(T0, 60.0);
        controller.acceptSchedule(setpoint(HELD, 15, SetpointOrigin.OPTIMISER, T0, Duration.ofHours(1), T0));
        assertThat(controller.step(T0).setpoints()).extracting(Setpoint::asset).contains(HELD, FREE);
        assertThat(controller.reserveMw()).isEqualTo(20);

        Setpoint hold = setpoint(HELD, 5, SetpointOrigin.OPERATOR, T0.plusSeconds(1), Duration.ofMinutes(1), T0.plusSeconds(1));
        assertThat(controller.acceptHold(hold)).isTrue();
        // the manager's own setpoints on grid.setpoints are no holds
        assertThat(controller.acceptHold(setpoint(HELD, 3, SetpointOrigin.STORAGE_MANAGER, T0.plusSeconds(2), Duration.ofHours(1),
                T0.plusSeconds(2)))).isFalse();
        for (int s = 2; s < 60; s += 2) {
            Instant now = T0.plusSeconds(s);
            readings(now, 59.7);
            FleetController.Step step = controller.step(now);
            assertThat(step.setpoints()).as("at +%d s", s).extracting(Setpoint::asset).doesNotContain(HELD);
            Decision d = step.decisions().get(0);
            assertThat(d.mode()).isEqualTo(Mode.HELD);
            assertThat(d.targetMw()).isEqualTo(5);
            assertThat(d.responseMw()).isZero();
            assertThat(d.hold().origin()).isEqualTo("OPERATOR");
            assertThat(d.hold().until()).isEqualTo(hold.validUntil());
            assertThat(d.hold().setpointId()).isEqualTo(hold.id().value());
            assertThat(step.decisions().get(1).mode()).isEqualTo(Mode.FREQUENCY_RESPONSE);
            assertThat(controller.reserveMw()).as("only the free unit's reserve").isEqualTo(10);
        }

        // the hold ends: the plant has dropped the unit to zero; the manager sets it again at once, ramping from zero
        Instant end = hold.validUntil();
        readings(end, 60.0);
        FleetController.Step step = controller.step(end);
        Setpoint resumed = step.setpoints().stream().filter(s -> s.asset().equals(HELD)).findFirst().orElseThrow();
        assertThat(step.decisions().get(0).mode()).isEqualTo(Mode.SCHEDULE);
        assertThat(step.decisions().get(0).hold()).isNull();
        assertThat(resumed.target()).as("no time to ramp yet").isZero();
        assertThat(resumed.origin()).isEqualTo(SetpointOrigin.STORAGE_MANAGER);
        assertThat(controller.reserveMw()).isEqualTo(20);
        readings(end.plusSeconds(1), 60.0);
        Setpoint following = controller.step(end.plusSeconds(1)).setpoints().stream().filter(s -> s.asset().equals(HELD)).findFirst()
                .orElseThrow();
        assertThat(following.target()).as("the schedule less the reserve, within a second's ramp").isCloseTo(10, within(1e-9));
    }

    @Test
    void aLaterOperatorSetpointReplacesTheHoldAndAShortOneEndsItEarly() {
        readings(T0, 60.0);
        controller.step(T0);
        Setpoint first = setpoint(HELD, 5, SetpointOrigin.OPERATOR, T0, Duration.ofMinutes(15), T0);
        Setpoint release = setpoint(HELD, 0, SetpointOrigin.OPERATOR, T0.plusSeconds(10), Duration.ofSeconds(1), T0.plusSeconds(10));
        controller.acceptHold(first);
        assertThat(controller.acceptHold(release)).isTrue();
        assertThat(controller.acceptHold(first)).as("older than the hold held").isFalse();
        readings(T0.plusSeconds(12), 60.0);
        FleetController.Step step = controller.step(T0.plusSeconds(12));
        assertThat(step.decisions().get(0).mode()).isEqualTo(Mode.IDLE);
        assertThat(step.setpoints()).extracting(Setpoint::asset).contains(HELD);
    }

    private void readings(Instant t, double hz) {
        for (AssetId a : List.of(HELD, FREE)) {
            controller.accept(Measurement.of(SourceId.of("plant"), a, MeasurementKind.STATE_OF_CHARGE, 50, Unit.PERCENT, t, t));
        }
        controller.accept(Measurement.of(SourceId.of("plant"), SYSTEM, MeasurementKind.FREQUENCY, hz, Unit.HERTZ, t, t));
    }

    private static UnitLimits limits(AssetId asset) {
        return new UnitLimits(asset, 100, 20, 20, 0.95, 0.95, 0.05, 0.95, 20, 0.5, 10, 10 / (0.5 - 0.015));
    }

    private static Setpoint setpoint(AssetId asset, double mw, SetpointOrigin origin, Instant from, Duration validity, Instant issued) {
        return new Setpoint(SetpointId.random(), asset, MeasurementKind.ACTIVE_POWER, mw, from, from.plus(validity), origin,
                Optional.empty(), "test", issued);
    }
}
