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
