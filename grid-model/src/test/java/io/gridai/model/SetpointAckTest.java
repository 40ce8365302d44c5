package io.gridai.model;

import static io.gridai.model.GridModelFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SetpointAckTest {

    private static final Setpoint SETPOINT = GridModelFixtures.setpoint();
    private static final Instant NOW = T0.plusMillis(120);

    @Test
    void factoriesAnswerTheSetpointForItsAsset() {
        SetpointAck accepted = SetpointAck.accepted(SETPOINT, -20.0, "grid-sim", NOW);
        SetpointAck clipped = SetpointAck.clipped(SETPOINT, -15.0, "converter rating 15 MW", "grid-sim", NOW);
        SetpointAck rejected = SetpointAck.rejected(SETPOINT, "unknown asset; register it first", "grid-sim", NOW);
        SetpointAck expired = SetpointAck.expired(SETPOINT, "grid-sim", SETPOINT.validUntil());

        for (SetpointAck ack : new SetpointAck[] {accepted, clipped, rejected, expired}) {
            assertThat(ack.setpoint()).isEqualTo(SETPOINT.id());
            assertThat(ack.asset()).isEqualTo(SETPOINT.asset());
            assertThat(ack.actor()).isEqualTo("grid-sim");
        }
        assertThat(accepted.status()).isEqualTo(SetpointAckStatus.ACCEPTED);
        assertThat(accepted.effectiveTarget()).hasValue(-20.0);
        assertThat(accepted.reason()).isEmpty();
        assertThat(clipped.status()).isEqualTo(SetpointAckStatus.CLIPPED);
        assertThat(clipped.effectiveTarget()).hasValue(-15.0);
        assertThat(clipped.reason()).isEqualTo("converter rating 15 MW");
        assertThat(rejected.status()).isEqualTo(SetpointAckStatus.REJECTED);
        assertThat(rejected.effectiveTarget()).isEmpty();
        assertThat(expired.status()).isEqualTo(SetpointAckStatus.EXPIRED);
        assertThat(expired.effectiveTarget()).isEmpty();
        assertThat(expired.reason()).contains(SETPOINT.validUntil().toString()).contains("safe value");
        assertThat(expired.time()).isEqualTo(SETPOINT.validUntil());
    }

    @Test
    void anAppliedAckCarriesAFiniteEffectiveTargetAndARejectedOneNone() {
        assertThatIllegalArgumentException().isThrownBy(() -> ack(SetpointAckStatus.ACCEPTED, OptionalDouble.empty(),
                "")).withMessageContaining("must carry the effectiveTarget");
        assertThatIllegalArgumentException().isThrownBy(() -> ack(SetpointAckStatus.CLIPPED, OptionalDouble.empty(),
                "limited")).withMessageContaining("must carry the effectiveTarget");
        assertThatIllegalArgumentException().isThrownBy(() -> ack(SetpointAckStatus.REJECTED, OptionalDouble.of(0),
                "no")).withMessageContaining("must not carry an effectiveTarget");
        assertThatIllegalArgumentException().isThrownBy(() -> SetpointAck.accepted(SETPOINT, Double.NaN,
                "grid-sim", NOW)).withMessageContaining("SetpointAck.effectiveTarget must be a finite number");
        assertThat(ack(SetpointAckStatus.EXPIRED, OptionalDouble.of(0.0), "window ended").effectiveTarget())
                .hasValue(0.0);
    }

    @Test
    void onlyAnAcceptedAckMayHaveAnEmptyReason() {
        assertThat(ack(SetpointAckStatus.ACCEPTED, OptionalDouble.of(-20), "").reason()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> SetpointAck.clipped(SETPOINT, -15, " ", "grid-sim",
                NOW)).withMessageContaining("SetpointAck.reason must not be blank for a CLIPPED ack");
        assertThatIllegalArgumentException().isThrownBy(() -> SetpointAck.rejected(SETPOINT, "", "grid-sim", NOW))
                .withMessageContaining("say why and what to do");
        assertThatIllegalArgumentException().isThrownBy(() -> ack(SetpointAckStatus.EXPIRED, OptionalDouble.empty(),
                "")).withMessageContaining("EXPIRED");
        assertThatNullPointerException().isThrownBy(() -> ack(SetpointAckStatus.ACCEPTED, OptionalDouble.of(-20),
                null)).withMessageContaining("SetpointAck.reason");
    }

    @Test
    void namesTheMissingField() {
        assertThatNullPointerException().isThrownBy(() -> new SetpointAck(SETPOINT.id(), SETPOINT.asset(),
                SetpointAckStatus.REJECTED, null, "no", "grid-sim", NOW))
                .withMessageContaining("SetpointAck.effectiveTarget");
        assertThatNullPointerException().isThrownBy(() -> SetpointAck.expired(null, "grid-sim", NOW))
                .withMessageContaining("setpoint");
        assertThatIllegalArgumentException().isThrownBy(() -> SetpointAck.expired(SETPOINT, " ", NOW))
                .withMessageContaining("SetpointAck.actor");
    }

    private static SetpointAck ack(SetpointAckStatus status, OptionalDouble effective, String reason) {
        return new SetpointAck(SETPOINT.id(), SETPOINT.asset(), status, effective, reason, "grid-sim", NOW);
    }
}
