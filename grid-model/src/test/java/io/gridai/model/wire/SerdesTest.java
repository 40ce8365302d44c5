package io.gridai.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.GridModelFixtures;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.TypedId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SerdesTest {

    private static final String TOPIC = "telemetry.raw";

    static Stream<Object> oneOfEachWireType() {
        return GridModelFixtures.oneOfEachWireType().stream();
    }

    @ParameterizedTest
    @MethodSource("oneOfEachWireType")
    void valueSerdesRoundTripEveryWireType(Object value) {
        @SuppressWarnings("unchecked") // the value's own class
        Serde<Object> serde = (Serde<Object>) GridSerdes.value(value.getClass());

        byte[] bytes = serde.serializer().serialize(TOPIC, value);
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(value);
    }

    @Test
    void namedFactoriesGiveTheSameEncodingAsTheRegistry() {
        Measurement m = GridModelFixtures.measurement();
        assertThat(GridSerdes.measurement().serializer().serialize(TOPIC, m))
                .isEqualTo(WireFormat.of(Measurement.class).encode(m));
        assertThat(GridSerdes.setpoint().format().type()).isEqualTo(io.gridai.model.Setpoint.class);
        assertThat(GridSerdes.setpointAck().format().type()).isEqualTo(io.gridai.model.SetpointAck.class);
    }

    @Test
    void tombstonesStayNull() {
        assertThat(GridSerdes.alert().serializer().serialize(TOPIC, null)).isNull();
        assertThat(GridSerdes.alert().deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(GridSerdes.sourceId().serializer().serialize(TOPIC, null)).isNull();
        assertThat(GridSerdes.sourceId().deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void idKeysAreTheirUtf8Text() {
        byte[] key = GridSerdes.assetId().serializer().serialize(TOPIC, AssetId.of("wf-kessingland-1"));

        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("wf-kessingland-1");
        assertThat(GridSerdes.assetId().deserializer().deserialize(TOPIC, key))
                .isEqualTo(AssetId.of("wf-kessingland-1"));
    }

    @Test
    void everyIdSerdeRoundTripsItsOwnType() {
        List<IdSerde<? extends TypedId>> serdes = List.of(GridSerdes.assetId(), GridSerdes.substationId(),
                GridSerdes.zoneId(), GridSerdes.sourceId(), GridSerdes.agentId(), GridSerdes.proposalId(),
                GridSerdes.measurementId(), GridSerdes.setpointId(), GridSerdes.alertId());
        for (IdSerde<? extends TypedId> serde : serdes) {
            TypedId id = serde.deserializer().deserialize(TOPIC, "id-1".getBytes(StandardCharsets.UTF_8));
            assertThat(id).isInstanceOf(serde.type());
            assertThat(id.value()).isEqualTo("id-1");
        }
        assertThat(serdes).extracting(IdSerde::type).doesNotHaveDuplicates();
    }

    @Test
    void anInvalidKeyIsRefusedNamingTheIdType() {
        assertThatThrownBy(() -> GridSerdes.zoneId().deserializer().deserialize(TOPIC, "bad key".getBytes(
                StandardCharsets.UTF_8))).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("not a valid ZoneId");
    }
}
