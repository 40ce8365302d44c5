package io.gridai.model;

import static io.gridai.model.GridModelFixtures.BATTERY;
import static io.gridai.model.GridModelFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gridai.model.id.ProposalId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SetpointTest {

    private static final Instant UNTIL = T0.plusSeconds(900);

    @Test
    void isValidFromItsStartUntilJustBeforeItsEnd() {
        Setpoint setpoint = setpoint(SetpointOrigin.OPTIMISER, Optional.empty());

        assertThat(setpoint.isValidAt(T0.minusNanos(1))).isFalse();
        assertThat(setpoint.isValidAt(T0)).isTrue();
        assertThat(setpoint.isValidAt(UNTIL.minusNanos(1))).isTrue();
        assertThat(setpoint.isValidAt(UNTIL)).isFalse();
        assertThat(setpoint.unit()).isEqualTo(Unit.MEGAWATT);
    }

    @Test
    void refusesAnEmptyOrInvertedWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Setpoint(SetpointId.of("s1"), BATTERY,
                MeasurementKind.ACTIVE_POWER, 5, T0, T0, SetpointOrigin.OPERATOR, Optional.empty(), "op:anna", T0))
                .withMessageContaining("must be after validFrom");
    }

    @Test
    void namesAProposalExactlyWhenItComesFromAnApprovedProposal() {
        Optional<ProposalId> proposal = Optional.of(ProposalId.of("p1"));

        assertThat(setpoint(SetpointOrigin.APPROVED_PROPOSAL, proposal).proposal()).isEqualTo(proposal);
        assertThatIllegalArgumentException().isThrownBy(() -> setpoint(SetpointOrigin.APPROVED_PROPOSAL,
                Optional.empty())).withMessageContaining("must name the approved proposal");
        assertThatIllegalArgumentException().isThrownBy(() -> setpoint(SetpointOrigin.STORAGE_MANAGER, proposal))
                .withMessageContaining("must not name a proposal");
    }

    @Test
    void aSandboxMarkKeepsTheOriginAndNamesTheSandbox() {
        Setpoint real = setpoint(SetpointOrigin.OPTIMISER, Optional.empty());
        Setpoint sandboxed = real.inSandbox(SandboxId.of("week-2020-07"));

        assertThat(real.fromSandbox()).isFalse();
        assertThat(real.sandbox()).isEmpty();
        assertThat(sandboxed.fromSandbox()).isTrue();
        assertThat(sandboxed.sandbox()).contains(SandboxId.of("week-2020-07"));
        assertThat(sandboxed.origin()).isEqualTo(SetpointOrigin.OPTIMISER);
        assertThat(sandboxed.id()).isEqualTo(real.id());
        assertThat(sandboxed).isNotEqualTo(real);
    }

    private static Setpoint setpoint(SetpointOrigin origin, Optional<ProposalId> proposal) {
        return new Setpoint(SetpointId.of("s1"), BATTERY, MeasurementKind.ACTIVE_POWER, -20, T0, UNTIL, origin,
                proposal, "storage-manager", T0);
    }
}
