package io.gridai.service.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.wire.WireFormat;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The guard's rules, record by record; {@link SetpointGuardKafkaTest} proves them on a real broker. */
class SetpointGuardTest {

    private static final Instant T0 = Instant.parse("2020-07-01T12:00:00Z");
    private static final SandboxId S1 = SandboxId.of("s1");
    private static final String REAL = Topics.GRID_SETPOINTS.name();
    private static final String S1_SETPOINTS = Topics.sandbox(S1).setpoints().name();
    private static final String S2_SETPOINTS = Topics.sandbox("s2").setpoints().name();

    @Test
    void aRealProcessSendsRealSetpointsAnywhereButASandboxSetpointOnlyToItsOwnSandbox() {
        SetpointGuard guard = SetpointGuard.real();
        Setpoint real = optimiser();
        Setpoint sandboxed = real.inSandbox(S1);

        assertThat(guard.check(REAL, real)).isEmpty();
        assertThat(guard.check(S1_SETPOINTS, real)).isEmpty();
        assertThat(guard.check(S1_SETPOINTS, sandboxed)).isEmpty();
        assertThat(guard.check(REAL, sandboxed)).hasValueSatisfying(why -> assertThat(why)
                .contains("decided in sandbox s1").contains("may go only to " + S1_SETPOINTS).contains("not to " + REAL));
        assertThat(guard.check(S2_SETPOINTS, sandboxed)).isPresent();
        assertThat(guard.check(Topics.GRID_STORAGE_SCHEDULES.name(), sandboxed)).isPresent();
        assertThat(guard.refusals()).isEqualTo(3);
        assertThat(guard.mark(real)).isSameAs(real);
    }

    @Test
    void aSandboxProcessMarksItsSetpointsAndWritesOnlyToItsOwnNamespace() {
        SetpointGuard guard = SetpointGuard.inSandbox(S1);
        Setpoint marked = guard.mark(optimiser());

        assertThat(marked.sandbox()).contains(S1);
        assertThat(marked.origin()).isEqualTo(SetpointOrigin.OPTIMISER);
        assertThat(guard.check(S1_SETPOINTS, marked)).isEmpty();
        assertThat(guard.check(S1_SETPOINTS, optimiser())).as("unmarked, but in the sandbox's own topic").isEmpty();
        assertThat(guard.check(REAL, optimiser())).as("whatever the record says").hasValueSatisfying(why -> assertThat(why)
                .contains("runs in sandbox s1 (gridai.sandbox)").contains("not to " + REAL).contains("route its output to its sandbox's topics (" + S1_SETPOINTS + ")"));
        assertThat(guard.check(S2_SETPOINTS, marked)).isPresent();
        assertThat(guard.refusal(Topics.GRID_AUDIT.name(), null)).as("no record of a sandbox leaves it").isPresent();
        assertThat(guard.refusals()).isEqualTo(2);
    }

    @Test
    void theSerializerPassesAllowedBytesUnchangedAndThrowsForForbiddenOnesFailingClosedOnWhatItCannotRead() {
        byte[] real = WireFormat.of(Setpoint.class).encode(optimiser());
        byte[] sandboxed = WireFormat.of(Setpoint.class).encode(optimiser().inSandbox(S1));
        Serializer<byte[]> normal = SetpointGuard.real().valueSerializer();
        Serializer<byte[]> inS1 = SetpointGuard.inSandbox(S1).valueSerializer();

        assertThat(normal.serialize(REAL, real)).isSameAs(real);
        assertThat(normal.serialize(S1_SETPOINTS, sandboxed)).isSameAs(sandboxed);
        assertThat(normal.serialize(Topics.GRID_AUDIT.name(), new byte[] {1, 2})).as("not a setpoint topic").hasSize(2);
        assertThat(normal.serialize(REAL, null)).isNull();
        assertThatThrownBy(() -> normal.serialize(REAL, sandboxed)).isInstanceOf(SetpointGuard.SetpointRefused.class)
                .hasMessageContaining("decided in sandbox s1");
        assertThatThrownBy(() -> normal.serialize(REAL, new byte[] {1, 2, 3})).isInstanceOf(SetpointGuard.SetpointRefused.class)
                .hasMessageContaining("not a setpoint in the wire format");
        assertThatThrownBy(() -> inS1.serialize(REAL, real)).isInstanceOf(SetpointGuard.SetpointRefused.class)
                .hasMessageContaining("runs in sandbox s1");
        assertThatThrownBy(() -> inS1.serialize(Topics.GRID_AUDIT.name(), new byte[] {1})).isInstanceOf(SetpointGuard.SetpointRefused.class);
        assertThat(inS1.serialize(S1_SETPOINTS, sandboxed)).isSameAs(sandboxed);
        assertThat(new SetpointGuard.SetpointRefused("x").getStackTrace()).as("an expected refusal, no stack trace").isEmpty();
    }

    @Test
    void readsTheSandboxFromConfigurationAndSaysWhichKeyIsWrong() {
        assertThat(SetpointGuard.fromConfig(Optional.empty()).sandbox()).isEmpty();
        assertThat(SetpointGuard.fromConfig(Optional.of("  ")).sandbox()).isEmpty();
        assertThat(SetpointGuard.fromConfig(Optional.of("week-2020-07")).sandbox()).contains(SandboxId.of("week-2020-07"));
        assertThatIllegalArgumentException().isThrownBy(() -> SetpointGuard.fromConfig(Optional.of("Week_1")))
                .withMessageStartingWith("gridai.sandbox: sandbox name 'Week_1'");
    }

    static Setpoint optimiser() {
        return new Setpoint(SetpointId.random(), AssetId.of("gen-2-1"), MeasurementKind.ACTIVE_POWER, 80, T0, T0.plusSeconds(900),
                SetpointOrigin.OPTIMISER, Optional.empty(), "dispatch-optimizer", T0);
    }
}
