package io.gridai.model.wire.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.Forecast;
import io.gridai.model.GridModelFixtures;
import io.gridai.model.Measurement;
import io.gridai.model.wire.WireFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireFlinkSchemasTest {

    static Stream<Object> oneOfEachWireType() {
        return GridModelFixtures.oneOfEachWireType().stream();
    }

    @Test
    void serializeThenDeserializeGivesAnEqualValue() {
        Measurement m = GridModelFixtures.measurement();
        byte[] bytes = new WireSerializationSchema<>(Measurement.class).serialize(m);

        assertThat(new WireDeserializationSchema<>(Measurement.class).deserialize(bytes)).isEqualTo(m);
    }

    @Test
    void schemasStillWorkAfterJavaSerializationAsFlinkShipsThemToTaskManagers() throws Exception {
        WireSerializationSchema<Forecast> writer = copy(new WireSerializationSchema<>(Forecast.class));
        WireDeserializationSchema<Forecast> reader = copy(new WireDeserializationSchema<>(Forecast.class));
        Forecast forecast = GridModelFixtures.forecast();

        assertThat(reader.deserialize(writer.serialize(forecast))).isEqualTo(forecast);
    }

    @Test
    void producedTypeIsTheDomainClassAndStreamsNeverEnd() {
        WireDeserializationSchema<Measurement> schema = new WireDeserializationSchema<>(Measurement.class);

        assertThat(schema.getProducedType().getTypeClass()).isEqualTo(Measurement.class);
        assertThat(schema.isEndOfStream(GridModelFixtures.measurement())).isFalse();
        assertThat(schema.deserialize(null)).isNull();
        assertThat(new WireSerializationSchema<>(Measurement.class).serialize(null)).isNull();
    }

    /** Flink moves values between operators with the produced type's own serializer, not ours. */
    @ParameterizedTest
    @MethodSource("oneOfEachWireType")
    void theProducedTypesSerializerCarriesEveryWireTypeBetweenOperators(Object value) throws IOException {
        @SuppressWarnings("unchecked") // the value's own class
        TypeInformation<Object> type = (TypeInformation<Object>) new WireDeserializationSchema<>(value.getClass())
                .getProducedType();
        TypeSerializer<Object> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);

        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(value);
        assertThat(serializer.copy(value)).isEqualTo(value);
    }

    @Test
    void anUnregisteredTypeFailsWhenTheJobIsBuilt() {
        assertThatThrownBy(() -> new WireDeserializationSchema<>(String.class))
                .isInstanceOf(WireFormatException.class);
    }

    @SuppressWarnings("unchecked") // a copy of the same object
    private static <T> T copy(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
