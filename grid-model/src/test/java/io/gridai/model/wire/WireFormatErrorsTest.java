package io.gridai.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.GridModelFixtures;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class WireFormatErrorsTest {

    private final WireFormat<Measurement> measurements = WireFormat.of(Measurement.class);

    @Test
    void anUnknownFingerprintNamesTheTypeTheFingerprintAndWhatToDo() {
        byte[] bytes = measurements.encode(GridModelFixtures.measurement());
        for (int i = 2; i < 10; i++) {
            bytes[i] = (byte) 0xAB;
        }

        assertThatThrownBy(() -> measurements.decode(bytes))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("cannot decode Measurement")
                .hasMessageContaining("fingerprint 0xabababababababab")
                .hasMessageContaining("upgrade this service to a grid-model that ships that schema");
    }

    @Test
    void bytesOfAnotherTypeAreRefusedNotMisread() {
        byte[] setpoint = WireFormat.of(Setpoint.class).encode(GridModelFixtures.setpoint());

        assertThatThrownBy(() -> measurements.decode(setpoint)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("does not know");
    }

    @Test
    void bytesWithoutTheMarkerAreRefused() {
        assertThatThrownBy(() -> measurements.decode("{\"value\": 1}".getBytes()))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("not an Avro single-object Measurement");
    }

    @Test
    void truncatedBytesAreRefused() {
        byte[] bytes = measurements.encode(GridModelFixtures.measurement());

        assertThatThrownBy(() -> measurements.decode(Arrays.copyOf(bytes, bytes.length - 5)))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("cannot decode Measurement");
    }

    @Test
    void aWellFormedRecordWithAnInvalidValueIsRefusedAsInvalid() throws IOException {
        GenericRecord record = new MeasurementMapper().toRecord(GridModelFixtures.measurement());
        record.put("value", Double.NaN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(new GenericData(), measurements.currentSchema()).encode(record, out);

        assertThatThrownBy(() -> measurements.decode(out.toByteArray())).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("decoded a Measurement that is not valid")
                .hasMessageContaining("Measurement.value must be a finite number");
    }

    @Test
    void timesOutsideTheNanosecondRangeCannotBeSent() {
        Measurement m = GridModelFixtures.measurement();
        Measurement farFuture = new Measurement(m.id(), m.source(), m.asset(), m.kind(), m.value(), m.quality(),
                Instant.parse("2262-04-12T00:00:00Z"), m.ingestTime());

        assertThatThrownBy(() -> measurements.encode(farFuture)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("1677-09-21 to 2262-04-11");
    }

    @Test
    void unregisteredTypesHaveNoWireFormat() {
        assertThatThrownBy(() -> WireFormat.of(String.class)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("class java.lang.String has no wire format")
                .hasMessageContaining("Measurement");
        assertThat(WireFormat.of(Measurement.class)).isSameAs(measurements);
    }
}
