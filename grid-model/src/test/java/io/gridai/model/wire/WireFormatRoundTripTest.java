package io.gridai.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.AuditEvent;
import io.gridai.model.GridModelFixtures;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.RejectedRecord;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointAck;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireFormatRoundTripTest {

    static Stream<Object> oneOfEachWireType() {
        return GridModelFixtures.oneOfEachWireType().stream();
    }

    @ParameterizedTest
    @MethodSource("oneOfEachWireType")
    void everyWireTypeDecodesToAnEqualValue(Object value) {
        assertThat(roundTrip(value)).isEqualTo(value).isNotSameAs(value);
    }

    @ParameterizedTest
    @MethodSource("oneOfEachWireType")
    void everyMessageStartsWithTheMarkerAndTheCurrentSchemaFingerprint(Object value) {
        WireFormat<Object> format = formatOf(value);
        byte[] bytes = format.encode(value);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(WireFormat.fingerprint(format.currentSchema()));
    }

    @Test
    void keepsEveryQualityFlagAndTimesToTheNanosecondEvenBefore1970() {
        Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999999Z");
        Measurement m = new Measurement(GridModelFixtures.measurement().id(), GridModelFixtures.SCADA_NORTH,
                GridModelFixtures.WIND_FARM, MeasurementKind.AVAILABLE_POWER, -0.0,
                EnumSet.allOf(QualityFlag.class), beforeEpoch, Instant.parse("2262-04-11T23:47:16.854775807Z"));

        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Test
    void keepsOptionalsEitherWay() {
        Setpoint operator = new Setpoint(io.gridai.model.id.SetpointId.of("sp-op"), GridModelFixtures.BATTERY,
                MeasurementKind.STATE_OF_CHARGE, 55.0, GridModelFixtures.T0, GridModelFixtures.T0.plusSeconds(60),
                SetpointOrigin.OPERATOR, Optional.empty(), "op:anna", GridModelFixtures.T0);
        RejectedRecord known = new RejectedRecord(Optional.of(SourceId.of("mqtt-client-7")), "mqtt",
                io.gridai.model.RejectionReason.KIND_NOT_ALLOWED, "", new byte[0], "application/json",
                GridModelFixtures.T0);

        assertThat(roundTrip(operator)).isEqualTo(operator);
        Setpoint sandboxed = operator.inSandbox(io.gridai.model.id.SandboxId.of("week-2020-07"));
        assertThat(roundTrip(sandboxed)).isEqualTo(sandboxed);
        assertThat(roundTrip(sandboxed).sandbox()).contains(io.gridai.model.id.SandboxId.of("week-2020-07"));
        assertThat(roundTrip(operator).sandbox()).isEmpty();
        assertThat(roundTrip(known)).isEqualTo(known);
        assertThat(roundTrip(GridModelFixtures.rejectedRecord()).source()).isEmpty();
        SetpointAck rejected = SetpointAck.rejected(operator, "asset bess-lowestoft does not take STATE_OF_CHARGE"
                + " setpoints; send ACTIVE_POWER", "grid-sim", GridModelFixtures.T0);
        SetpointAck accepted = SetpointAck.accepted(operator, 55.0, "grid-sim", GridModelFixtures.T0);
        assertThat(roundTrip(rejected)).isEqualTo(rejected);
        assertThat(roundTrip(rejected).effectiveTarget()).isEmpty();
        assertThat(roundTrip(accepted)).isEqualTo(accepted);
        assertThat(roundTrip(accepted).effectiveTarget()).hasValue(55.0);
    }

    @Test
    void decodedAuditEventsStillVerify() {
        AuditEvent event = GridModelFixtures.auditEvent();
        AuditEvent decoded = roundTrip(event);

        assertThat(decoded.verifies()).isTrue();
        assertThat(decoded.details()).isEqualTo(event.details());
    }

    @Test
    void aTypicalMeasurementIsCompact() {
        byte[] bytes = WireFormat.of(Measurement.class).encode(GridModelFixtures.measurement());
        assertThat(bytes.length).isLessThan(120);
    }

    @Test
    void theRegistryHoldsExactlyTheWireTypes() {
        assertThat(WireFormats.types()).containsExactlyInAnyOrderElementsOf(
                GridModelFixtures.oneOfEachWireType().stream().map(Object::getClass).toList());
        List<Class<?>> formatTypes = WireFormats.all().stream().<Class<?>>map(WireFormat::type).toList();
        assertThat(formatTypes).containsExactlyElementsOf(WireFormats.types());
        assertThat(List.copyOf(WireFormats.types())).allSatisfy(type ->
                assertThat(WireFormat.of(type).currentSchema().getName()).isEqualTo(type.getSimpleName()));
    }

    private static <T> T roundTrip(T value) {
        WireFormat<T> format = formatOf(value);
        return format.decode(format.encode(value));
    }

    @SuppressWarnings("unchecked") // the registry is keyed by the value's own class
    private static <T> WireFormat<T> formatOf(T value) {
        return (WireFormat<T>) WireFormat.of(value.getClass());
    }
}
