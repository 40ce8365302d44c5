package io.gridai.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointAck;
import io.gridai.model.SetpointAckStatus;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.sim.series.SharedData;

/** The twin on IEEE 118 (MATPOWER case118), constant demand, perfect telemetry. */
class GridTwinTest {

    private static final Instant T0 = Instant.parse("2020-07-01T12:00:00Z");
    private static final double NOMINAL_HZ = FrequencyParameters.DEFAULT_NOMINAL_HZ;
    private static MatpowerCase case118;

    @BeforeAll
    static void readCase() {
        Optional<Path> data = SharedData.locate();
        assumeTrue(data.isPresent(), "shared data folder (../shared/data) not found: skipping the IEEE 118 twin tests");
        Path file = data.get().resolve("grid-cases/matpower/case118.m");
        assumeTrue(Files.exists(file), file + " is missing: skipping");
        case118 = MatpowerCaseReader.read(file);
    }

    private static GridTwin twin() {
        return twin(Duration.ofSeconds(1));
    }

    private static GridTwin twin(Duration tick) {
        return new GridTwin(case118, new ShapedCaseDrivers(case118, LoadShape.constant(), "constant"),
                TwinSettings.defaults().withTick(tick), T0);
    }

    @Test
    void powerBalanceClosesWithinLossesAndFrequencyStaysNominalAtEquilibrium() {
        GridTwin twin = twin();
        for (int s = 1; s <= 5; s++) {
            TickResult tick = twin.tick(T0.plusSeconds(s));
            assertThat(tick.converged()).isTrue();
            assertThat(tick.balance().residualMw()).isCloseTo(0, within(1e-4));
            assertThat(tick.balance().branchLossesMw()).isPositive();
            assertThat(tick.frequencyHz()).isCloseTo(NOMINAL_HZ, within(1e-6));
        }
    }

    @Test
    void aRaisedSetpointIsFollowedAtTheRampTheSlackGivesWayAndFrequencyReturnsToNominal() {
        int tickSeconds = 5;
        GridTwin twin = twin(Duration.ofSeconds(tickSeconds));
        TickResult before = twin.tick(T0.plusSeconds(1));
        AssetId slack = twin.slackAssets().get(0);
        AssetId unit = biggestHeadroomUnit(twin);
        double p0 = twin.outputMw(unit).orElseThrow();
        double slack0 = twin.outputMw(slack).orElseThrow();

        Setpoint raise = new Setpoint(SetpointId.random(), unit, MeasurementKind.ACTIVE_POWER, p0 + 50,
                T0.plusSeconds(1), T0.plusSeconds(3600), SetpointOrigin.OPERATOR, Optional.empty(), "test", T0.plusSeconds(1));
        SetpointAck ack = twin.submit(raise, T0.plusSeconds(1));
        assertThat(ack.status()).isEqualTo(SetpointAckStatus.ACCEPTED);

        double rampPerSecond = twin.rampMwPerSecond(unit).orElseThrow();
        long rampSeconds = (long) Math.ceil(50 / rampPerSecond);
        List<Double> unitP = new ArrayList<>();
        double maxDeviation = 0;
        TickResult last = before;
        for (long s = 1 + tickSeconds; s <= 1 + rampSeconds + 600; s += tickSeconds) {
            last = twin.tick(T0.plusSeconds(s));
            assertThat(last.converged()).isTrue();
            unitP.add(value(last, unit, MeasurementKind.ACTIVE_POWER));
            maxDeviation = Math.max(maxDeviation, Math.abs(last.frequencyHz() - NOMINAL_HZ));
        }
        // Follows its ramp: rises at the ramp rate each tick until it reaches the target, never faster.
        assertThat(unitP.get(0) - p0).isCloseTo(rampPerSecond * tickSeconds, within(1e-6));
        for (int i = 1; i < unitP.size(); i++) {
            double step = unitP.get(i) - unitP.get(i - 1);
            assertThat(step).isBetween(-1e-9, rampPerSecond * tickSeconds + 1e-6);
        }
        assertThat(unitP.get(unitP.size() - 1)).isCloseTo(p0 + 50, within(1e-6));
        // The slack gives way by the same 50 MW, give or take the change in losses.
        double slackEnd = value(last, slack, MeasurementKind.ACTIVE_POWER);
        assertThat(slack0 - slackEnd).isCloseTo(50, within(5.0));
        // The imbalance showed in frequency, then AGC brought it back.
        assertThat(maxDeviation).isGreaterThan(1e-4);
        assertThat(last.frequencyHz()).isCloseTo(NOMINAL_HZ, within(1e-4));
    }

    @Test
    void setpointsForTheSlackOrUnknownAssetsAreRejectedAndExpiredOnesReported() {
        GridTwin twin = twin();
        AssetId slack = twin.slackAssets().get(0);
        Setpoint toSlack = new Setpoint(SetpointId.random(), slack, MeasurementKind.ACTIVE_POWER, 100, T0,
                T0.plusSeconds(60), SetpointOrigin.OPTIMISER, Optional.empty(), "test", T0);
        assertThat(twin.submit(toSlack, T0).status()).isEqualTo(SetpointAckStatus.REJECTED);
        Setpoint unknown = new Setpoint(SetpointId.random(), AssetId.of("gen-nowhere"), MeasurementKind.ACTIVE_POWER,
                1, T0, T0.plusSeconds(60), SetpointOrigin.OPTIMISER, Optional.empty(), "test", T0);
        assertThat(twin.submit(unknown, T0).reason()).contains("unknown asset gen-nowhere");

        AssetId unit = biggestHeadroomUnit(twin);
        Setpoint tooHigh = new Setpoint(SetpointId.random(), unit, MeasurementKind.ACTIVE_POWER, 1e6, T0,
                T0.plusSeconds(2), SetpointOrigin.OPTIMISER, Optional.empty(), "test", T0);
        SetpointAck clipped = twin.submit(tooHigh, T0);
        assertThat(clipped.status()).isEqualTo(SetpointAckStatus.CLIPPED);
        assertThat(clipped.effectiveTarget().orElseThrow()).isEqualTo(pmax(unit, twin));

        twin.tick(T0.plusSeconds(1));
        TickResult expiry = twin.tick(T0.plusSeconds(2));
        assertThat(expiry.acks()).extracting(SetpointAck::status).containsExactly(SetpointAckStatus.EXPIRED);
    }

    @Test
    void aTrippedUnitDropsToZeroAtOnceFrequencyFallsWithTheLossAndAgcBringsItBack() {
        GridTwin probe = twin();
        List<AssetId> byOutput = probe.controllableAssets().stream()
                .sorted(java.util.Comparator.comparingDouble((AssetId a) -> probe.outputMw(a).orElseThrow()).reversed())
                .toList();
        AssetId big = byOutput.get(0);
        double bigMw = probe.outputMw(big).orElseThrow();
        AssetId small = byOutput.stream()
                .min(java.util.Comparator.comparingDouble(a -> Math.abs(probe.outputMw(a).orElseThrow() - bigMw / 2)))
                .orElseThrow();
        double systemBaseMw = systemBaseMw(probe);

        TripRun bigTrip = tripAndRun(big, 300);
        TripRun smallTrip = tripAndRun(small, 300);
        assertThat(bigTrip.lostMw).as("the unit tripped").isCloseTo(bigMw, within(1e-6)).isGreaterThan(400);
        assertThat(smallTrip.lostMw).isBetween(0.3 * bigMw, 0.7 * bigMw);

        for (TripRun run : List.of(bigTrip, smallTrip)) {
            // The slack takes the lost output in the power flow, plus the extra losses of carrying it from the
            // slack bus (IEEE 118: +15 % for the biggest unit).
            assertThat(run.slackRiseMw).isBetween(run.lostMw, 1.25 * run.lostMw);
            // Frequency falls by about what governor droop and load damping allow for the slack's extra
            // electrical power: the quasi-steady deviation ΔPe / S · f0 / (1/R + D), before AGC takes over.
            double droopDeviationHz = run.slackRiseMw / systemBaseMw * NOMINAL_HZ
                    / (1 / FrequencyParameters.DEFAULT_DROOP_PU + FrequencyParameters.DEFAULT_DAMPING_PU);
            assertThat(run.nadirDeviationHz).as("nadir deviation of a %.0f MW trip", run.lostMw)
                    .isBetween(0.8 * droopDeviationHz, 1.6 * droopDeviationHz);
            // AGC brings it back to nominal.
            assertThat(run.finalDeviationHz).isLessThan(Math.min(1e-3, 0.01 * run.nadirDeviationHz));
        }
        // A bigger loss, a deeper nadir, in proportion to the power the slack had to take up.
        assertThat(bigTrip.nadirDeviationHz).isGreaterThan(1.5 * smallTrip.nadirDeviationHz);
        double riseRatio = bigTrip.slackRiseMw / smallTrip.slackRiseMw;
        assertThat(bigTrip.nadirDeviationHz / smallTrip.nadirDeviationHz).isCloseTo(riseRatio, within(0.1 * riseRatio));
    }

    @Test
    void aTripScheduledAheadTakesEffectAtItsTickAndNeitherSetpointsNorExpiryBringTheUnitBack() {
        GridTwin twin = twin();
        AssetId unit = biggestHeadroomUnit(twin);
        double p0 = twin.outputMw(unit).orElseThrow();
        twin.trip(unit, T0.plusSeconds(3));
        // Before its trip time the unit still runs and takes setpoints (this one ends after the trip).
        Setpoint before = new Setpoint(SetpointId.random(), unit, MeasurementKind.ACTIVE_POWER, p0 + 10, T0,
                T0.plusSeconds(6), SetpointOrigin.OPERATOR, Optional.empty(), "test", T0);
        assertThat(twin.submit(before, T0).status()).isEqualTo(SetpointAckStatus.ACCEPTED);
        assertThat(twin.isTripped(unit)).isFalse();
        TickResult t1 = twin.tick(T0.plusSeconds(1));
        TickResult t2 = twin.tick(T0.plusSeconds(2));
        assertThat(value(t1, unit, MeasurementKind.ACTIVE_POWER)).isGreaterThan(p0);
        assertThat(value(t2, unit, MeasurementKind.ACTIVE_POWER)).isGreaterThan(p0);
        assertThat(twin.controllableAssets()).contains(unit);

        // The tick that reaches the trip time has it at 0 MW at once, not ramping down.
        TickResult t3 = twin.tick(T0.plusSeconds(3));
        assertThat(value(t3, unit, MeasurementKind.ACTIVE_POWER)).isZero();
        assertThat(twin.outputMw(unit)).hasValue(0);
        assertThat(twin.isTripped(unit)).isTrue();
        assertThat(twin.controllableAssets()).doesNotContain(unit);
        Setpoint after = new Setpoint(SetpointId.random(), unit, MeasurementKind.ACTIVE_POWER, p0, T0.plusSeconds(3),
                T0.plusSeconds(60), SetpointOrigin.OPERATOR, Optional.empty(), "test", T0.plusSeconds(3));
        SetpointAck refused = twin.submit(after, T0.plusSeconds(3));
        assertThat(refused.status()).isEqualTo(SetpointAckStatus.REJECTED);
        assertThat(refused.reason()).contains(unit + " is tripped");

        // The setpoint it held expires as usual; the unit stays at 0 (no return to its schedule).
        List<SetpointAck> acks = new ArrayList<>();
        for (int s = 4; s <= 20; s++) {
            TickResult tick = twin.tick(T0.plusSeconds(s));
            acks.addAll(tick.acks());
            assertThat(value(tick, unit, MeasurementKind.ACTIVE_POWER)).as("at +%d s", s).isZero();
        }
        assertThat(acks).singleElement().satisfies(a -> {
            assertThat(a.setpoint()).isEqualTo(before.id());
            assertThat(a.status()).isEqualTo(SetpointAckStatus.EXPIRED);
        });
    }

    @Test
    void tripsOfTheSlackUnknownAssetsOrThePastAreRefused() {
        GridTwin twin = twin();
        AssetId slack = twin.slackAssets().get(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> twin.trip(slack, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(slack + ": it is a slack unit, which balances the power flow");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> twin.trip(AssetId.of("gen-nowhere"), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gen-nowhere: it is not a generator of this twin");
        AssetId unit = biggestHeadroomUnit(twin);
        twin.tick(T0.plusSeconds(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> twin.trip(unit, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the twin's last tick");
        assertThat(twin.isTripped(unit)).isFalse();
        assertThat(twin.isTripped(slack)).isFalse();
    }

    /** What one trip did to the system. */
    private record TripRun(double lostMw, double slackRiseMw, double nadirDeviationHz, double finalDeviationHz) {
    }

    /**
     * On a fresh twin at 1-second ticks: five ticks at equilibrium, the unit tripped at the current grid time,
     * then {@code ticks} more; checks on the way that the unit reads 0 MW from the tick after the trip and that
     * a setpoint to it is rejected.
     */
    private static TripRun tripAndRun(AssetId unit, int ticks) {
        GridTwin twin = twin();
        AssetId slack = twin.slackAssets().get(0);
        TickResult last = null;
        for (int s = 1; s <= 5; s++) {
            last = twin.tick(T0.plusSeconds(s));
        }
        Instant now = T0.plusSeconds(5);
        double lost = value(last, unit, MeasurementKind.ACTIVE_POWER);
        double slack0 = value(last, slack, MeasurementKind.ACTIVE_POWER);
        assertThat(last.frequencyHz()).isCloseTo(NOMINAL_HZ, within(1e-9));
        twin.trip(unit, now);
        assertThat(twin.isTripped(unit)).isTrue();
        Setpoint setpoint = new Setpoint(SetpointId.random(), unit, MeasurementKind.ACTIVE_POWER, lost, now,
                now.plusSeconds(600), SetpointOrigin.OPTIMISER, Optional.empty(), "test", now);
        SetpointAck ack = twin.submit(setpoint, now);
        assertThat(ack.status()).isEqualTo(SetpointAckStatus.REJECTED);
        assertThat(ack.reason()).contains("tripped");

        double nadir = NOMINAL_HZ;
        double slackAfter = Double.NaN;
        for (int s = 6; s <= 5 + ticks; s++) {
            last = twin.tick(T0.plusSeconds(s));
            assertThat(last.converged()).isTrue();
            assertThat(value(last, unit, MeasurementKind.ACTIVE_POWER)).as("%s at +%d s", unit, s).isZero();
            nadir = Math.min(nadir, last.frequencyHz());
            if (s == 6) {
                slackAfter = value(last, slack, MeasurementKind.ACTIVE_POWER);
                assertThat(last.frequencyHz()).as("frequency falls at once").isLessThan(NOMINAL_HZ);
            }
        }
        return new TripRun(lost, slackAfter - slack0, NOMINAL_HZ - nadir, Math.abs(last.frequencyHz() - NOMINAL_HZ));
    }

    /** The frequency model's system base: the sum of the generators' PMAX. */
    private static double systemBaseMw(GridTwin twin) {
        double sum = 0;
        for (AssetId a : twin.slackAssets()) {
            sum += pmax(a, twin);
        }
        for (AssetId a : twin.controllableAssets()) {
            sum += pmax(a, twin);
        }
        return sum;
    }

    private static double value(TickResult tick, AssetId asset, MeasurementKind kind) {
        return tick.measurements().stream().filter(m -> m.asset().equals(asset) && m.kind() == kind)
                .mapToDouble(Measurement::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " of " + asset + " at " + tick.time()));
    }

    /** The fastest-ramping unit that can still rise by more than 50 MW. */
    private static AssetId biggestHeadroomUnit(GridTwin twin) {
        AssetId best = null;
        double ramp = -1;
        for (AssetId id : twin.controllableAssets()) {
            double headroom = pmax(id, twin) - twin.outputMw(id).orElseThrow();
            double r = twin.rampMwPerSecond(id).orElseThrow();
            if (headroom > 60 && r > ramp) {
                ramp = r;
                best = id;
            }
        }
        assertThat(best).as("a unit with 60 MW headroom").isNotNull();
        return best;
    }

    private static double pmax(AssetId unit, GridTwin twin) {
        return twin.limitsMw(unit).orElseThrow()[1];
    }
}
