package io.gridai.flink.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.Aggregate;
import io.gridai.model.AggregateScope;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.wire.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The sinks' specific writer produces exactly the bytes of grid-model's {@link WireFormat}, and the edge serializers
 * give back what they were given, over every kind, scope and flag, extreme times and values, and non-ASCII text (ids are ASCII by rule; an aggregate subject need not be).
 */
class SpecificWireWriterTest {

    private static final Instant[] TIMES = {Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-11-29T06:59:30.123456789Z"), Instant.parse("1969-12-31T23:59:59.999999999Z"),
            Instant.ofEpochSecond(-9_223_372_036L), Instant.ofEpochSecond(9_223_372_036L, 854_775_807)};
    private static final double[] VALUES = {0.0, -0.0, 1.0625, -20.5, 1e300, -Double.MAX_VALUE, Double.MIN_VALUE,
            59.999};

    @Test
    void measurementsAreTheWireFormatsBytesAndSurviveTheEdge() throws Exception {
        Function<Measurement, byte[]> writer = SpecificWireWriter.of(Measurement.class);
        WireFormat<Measurement> format = WireFormat.of(Measurement.class);
        for (Measurement m : measurements()) {
            assertThat(writer.apply(m)).as("%s", m).isEqualTo(format.encode(m));
            assertThat(roundTrip(new MeasurementEdgeSerializer(), m)).isEqualTo(m);
        }
    }

    @Test
    void aggregatesAreTheWireFormatsBytesAndSurviveTheEdge() throws Exception {
        Function<Aggregate, byte[]> writer = SpecificWireWriter.of(Aggregate.class);
        WireFormat<Aggregate> format = WireFormat.of(Aggregate.class);
        Random random = new Random(7);
        for (AggregateScope scope : AggregateScope.values()) {
            for (MeasurementKind kind : MeasurementKind.values()) {
                for (Instant time : TIMES) {
                    double min = VALUES[random.nextInt(VALUES.length)];
                    double max = Math.max(min, VALUES[random.nextInt(VALUES.length)]);
                    Aggregate a = new Aggregate(scope, scope == AggregateScope.ZONE ? "zone-1" : "sub-101 Zürich", kind,
                            time, Duration.ofMinutes(15), 1 + random.nextInt(1 << 20), min, min / 2 + max / 2, max, max,
                            time);
                    assertThat(writer.apply(a)).as("%s", a).isEqualTo(format.encode(a));
                    assertThat(roundTrip(new AggregateEdgeSerializer(), a)).isEqualTo(a);
                }
            }
        }
    }

    private static List<Measurement> measurements() {
        List<Measurement> all = new ArrayList<>();
        Random random = new Random(42);
        QualityFlag[] flags = QualityFlag.values();
        for (MeasurementKind kind : MeasurementKind.values()) {
            for (Instant time : TIMES) {
                Set<QualityFlag> quality = EnumSet.noneOf(QualityFlag.class);
                for (int i = random.nextInt(4); i > 0; i--) {
                    quality.add(flags[random.nextInt(flags.length)]);
                }
                Measurement m = Measurement.of(SourceId.of("bench"), AssetId.of("bus-101"), kind,
                        VALUES[random.nextInt(VALUES.length)], kind.unit(), time, TIMES[random.nextInt(TIMES.length)]);
                all.add(m.withQuality(quality));
            }
        }
        all.add(new Measurement(MeasurementId.of("8d0e0c3a-7f0e-3c8e-9a55-0b1f3c2d4e5f"), SourceId.of("scada:north/1"),
                AssetId.of("gen-101_CT_1"), MeasurementKind.ACTIVE_POWER, 123.25, EnumSet.allOf(QualityFlag.class),
                TIMES[1], TIMES[0]));
        return all;
    }

    private static <T> T roundTrip(EdgeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(in, copied); // the first one, copied as bytes
        assertThat(serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()))).isEqualTo(value);
        return serializer.deserialize(in);
    }
}
