package io.gridai.service.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManualHoldsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final AssetId GEN = AssetId.of("gen-2-1");

    @Test
    void anOperatorSetpointHoldsItsAssetWhileValidAndNotAfter() {
        ManualHolds holds = new ManualHolds();
        Setpoint op = setpoint(GEN, 100, SetpointOrigin.OPERATOR, T0, Duration.ofMinutes(15), T0);
        assertThat(holds.offer(op)).isTrue();
        assertThat(holds.at(GEN, T0.minusSeconds(1))).isEmpty();
        assertThat(holds.at(GEN, T0)).contains(op);
        assertThat(holds.at(T0.plusSeconds(899))).containsOnlyKeys(GEN);
        assertThat(holds.at(GEN, T0.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void theControllersOwnSetpointsAreNoHoldsButAnApprovedProposalIs() {
        ManualHolds holds = new ManualHolds();
        assertThat(holds.offer(setpoint(GEN, 80, SetpointOrigin.OPTIMISER, T0, Duration.ofHours(1), T0))).isFalse();
        assertThat(holds.offer(setpoint(AssetId.of("bess-1"), 5, SetpointOrigin.STORAGE_MANAGER, T0, Duration.ofSeconds(10), T0)))
                .isFalse();
        assertThat(holds.at(T0)).isEmpty();
        Setpoint approved = new Setpoint(SetpointId.random(), GEN, MeasurementKind.ACTIVE_POWER, 90, T0, T0.plusSeconds(60),
                SetpointOrigin.APPROVED_PROPOSAL, Optional.of(ProposalId.random()), "approver", T0);
        assertThat(holds.offer(approved)).isTrue();
        assertThat(holds.at(GEN, T0)).contains(approved);
    }

    @Test
    void aLaterIssuedHoldReplacesTheEarlierAndAnEarlierOneArrivingLateDoesNot() {
        ManualHolds holds = new ManualHolds();
        Setpoint first = setpoint(GEN, 100, SetpointOrigin.OPERATOR, T0, Duration.ofMinutes(15), T0);
        Setpoint release = setpoint(GEN, 100, SetpointOrigin.OPERATOR, T0.plusSeconds(60), Duration.ofSeconds(1), T0.plusSeconds(60));
        holds.offer(first);
        assertThat(holds.offer(release)).isTrue();
        assertThat(holds.at(GEN, T0.plusSeconds(120))).as("the shorter, later one ended the hold").isEmpty();
        assertThat(holds.offer(first)).isFalse();
        assertThat(holds.at(GEN, T0.plusSeconds(60))).contains(release);
    }

    @Test
    void aSandboxOperatorSetpointIsNoHoldForTheRealGridButIsOneInItsOwnSandbox() {
        Setpoint sandboxed = setpoint(GEN, 100, SetpointOrigin.OPERATOR, T0, Duration.ofMinutes(15), T0).inSandbox(SandboxId.of("s1"));
        ManualHolds real = new ManualHolds();
        ManualHolds s1 = new ManualHolds(Optional.of(SandboxId.of("s1")));
        ManualHolds s2 = new ManualHolds(Optional.of(SandboxId.of("s2")));

        assertThat(ManualHolds.isHold(sandboxed)).as("no hold on the real grid").isFalse();
        assertThat(ManualHolds.isHold(sandboxed, Optional.of(SandboxId.of("s1")))).isTrue();
        assertThat(real.offer(sandboxed)).isFalse();
        assertThat(real.at(T0)).isEmpty();
        assertThat(s2.offer(sandboxed)).isFalse();
        assertThat(s1.offer(sandboxed)).isTrue();
        assertThat(s1.at(GEN, T0)).contains(sandboxed);
        assertThat(s1.offer(setpoint(GEN, 90, SetpointOrigin.OPERATOR, T0, Duration.ofMinutes(15), T0.plusSeconds(1))))
                .as("a real setpoint is no hold inside a sandbox").isFalse();
    }

    private static Setpoint setpoint(AssetId asset, double mw, SetpointOrigin origin, Instant from, Duration validity, Instant issued) {
        return new Setpoint(SetpointId.random(), asset, MeasurementKind.ACTIVE_POWER, mw, from, from.plus(validity), origin, Optional.empty(),
                "test", issued);
    }
}
