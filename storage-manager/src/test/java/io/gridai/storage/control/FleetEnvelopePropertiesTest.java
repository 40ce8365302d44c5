package io.gridai.storage.control;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * For random limits, schedules, frequency traces and telemetry gaps, a simulated day of the fleet controller against a
 * battery that does exactly what it is told (no clipping of its own): no setpoint ever exceeds the power limits or
 * moves faster than the ramp allows, and the battery's state of charge never leaves its band. The battery model is
 * this test's own (the grid twin's equations: losses on the way in and on the way out); the controller learns the SoC
 * only from readings, which stop now and then (it then runs on its estimate, and beyond 30 s holds the unit at zero).
 */
class FleetEnvelopePropertiesTest {

    private static final AssetId BESS = AssetId.of("bess-prop");
    private static final AssetId SYSTEM = AssetId.of("system");
    private static final SourceId TWIN = SourceId.of("property-twin");
    private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");
    private static final double TOL = 1e-6;

    @Property(tries = 60)
    void aSimulatedDayNeverViolatesPowerRampOrStateOfCharge(@ForAll long seed,
            @ForAll @DoubleRange(min = 5, max = 400) double capacityMwh,
            @ForAll @DoubleRange(min = 1, max = 200) double chargeMw,
            @ForAll @DoubleRange(min = 1, max = 200) double dischargeMw,
            @ForAll @DoubleRange(min = 0.8, max = 1) double etaCharge,
            @ForAll @DoubleRange(min = 0.8, max = 1) double etaDischarge,
            @ForAll @DoubleRange(min = 0, max = 0.3) double socMin,
            @ForAll @DoubleRange(min = 0.7, max = 1) double socMax,
            @ForAll @DoubleRange(min = 0.01, max = 2) double rampFractionPerSecond,
            @ForAll @DoubleRange(min = 0, max = 1) double reserveFraction,
            @ForAll @IntRange(min = 1, max = 5) int stepSeconds) {
        Random random = new Random(seed);
        double reserve = reserveFraction * Math.min(chargeMw, dischargeMw);
        UnitLimits limits = new UnitLimits(BESS, capacityMwh, chargeMw, dischargeMw, etaCharge, etaDischarge, socMin,
                socMax, rampFractionPerSecond * Math.max(chargeMw, dischargeMw), 10, reserve,
                reserve / (0.5 - 0.015) * (0.5 + random.nextDouble()));
        ControllerSettings settings = new ControllerSettings(Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 0.01, new ResponseSettings(true, 60, 0.015, Duration.ofMinutes(15),
                        Duration.ofSeconds(5), 2.0));
        FleetController controller = new FleetController(List.of(limits), SYSTEM, "storage-manager", settings);

        double soc = socMin + random.nextDouble() * (socMax - socMin);
        double frequency = 60;
        double event = 0;
        Setpoint held = null;
        Instant gapUntil = START;
        Instant nextSchedule = START;
        int issued = 0;
        int safeHolds = 0;
        int responses = 0;
        Instant now = START;
        for (int step = 0; step <= 86_400 / stepSeconds; step++) {
            // The grid: a noisy frequency with now and then a loss or a surplus of generation, recovering in a minute.
            if (random.nextDouble() < 0.002 * stepSeconds) {
                event = (random.nextBoolean() ? -1 : 1) * (0.05 + random.nextDouble() * 0.75);
            }
            event *= Math.exp(-stepSeconds / 60.0);
            frequency = 60 + event + (frequency - 60 - event) * 0.9 + random.nextGaussian() * 0.01;
            controller.accept(Measurement.of(TWIN, SYSTEM, MeasurementKind.FREQUENCY, frequency, Unit.HERTZ, now, now));
            if (!now.isBefore(gapUntil)) {
                if (random.nextDouble() < 0.002 * stepSeconds) {
                    gapUntil = now.plusSeconds(5 + random.nextInt(90)); // telemetry stops for a while
                } else {
                    controller.accept(Measurement.of(TWIN, BESS, MeasurementKind.STATE_OF_CHARGE, soc * 100,
                            Unit.PERCENT, now, now));
                }
            }
            if (!now.isBefore(nextSchedule)) {
                Duration period = Duration.ofMinutes(5 + random.nextInt(120));
                double target = random.nextDouble() < 0.2 ? 0
                        : -1.5 * chargeMw + random.nextDouble() * 1.5 * (chargeMw + dischargeMw);
                controller.acceptSchedule(new Setpoint(SetpointId.random(), BESS, MeasurementKind.ACTIVE_POWER, target,
                        now, now.plus(period), SetpointOrigin.OPTIMISER, Optional.empty(), "dispatch-optimizer", now));
                nextSchedule = now.plus(period);
            }

            FleetController.Step result = controller.step(now);
            for (Setpoint s : result.setpoints()) {
                double heldMw = held != null && held.isValidAt(now) ? held.target() : 0;
                Instant since = held == null ? START : held.isValidAt(now) ? held.issuedAt() : held.validUntil();
                double elapsed = Duration.between(since, now).toNanos() / 1e9;
                assertThat(s.target()).as("power limits at %s", now).isBetween(-chargeMw - TOL, dischargeMw + TOL);
                assertThat(Math.abs(s.target() - heldMw)).as("ramp at %s from %s MW after %s s", now, heldMw, elapsed)
                        .isLessThanOrEqualTo(limits.rampMwPerSecond() * elapsed + TOL);
                assertThat(s.validUntil()).isAfter(now);
                held = s;
                issued++;
            }
            Decision d = result.decisions().get(0);
            safeHolds += d.mode() == Mode.SAFE_HOLD ? 1 : 0;
            responses += d.mode() == Mode.FREQUENCY_RESPONSE ? 1 : 0;

            // The battery does what it is told until the next step; its setpoint may run out on the way.
            Instant next = now.plusSeconds(stepSeconds);
            if (held != null && held.isValidAt(now)) {
                Instant until = held.validUntil().isBefore(next) ? held.validUntil() : next;
                soc = limits.socAfter(soc, held.target(), Duration.between(now, until).toNanos() / 3.6e12);
            }
            assertThat(soc).as("state of charge at %s", next).isBetween(socMin - TOL, socMax + TOL);
            now = next;
        }
        assertThat(issued).as("setpoints issued over the day").isPositive();
        if (limits.droopMwPerHz() > 0) {
            assertThat(responses).as("steps with a frequency response").isPositive();
        }
        assertThat(safeHolds).as("steps held at zero for stale telemetry").isLessThan(86_400 / stepSeconds / 2);
    }
}
