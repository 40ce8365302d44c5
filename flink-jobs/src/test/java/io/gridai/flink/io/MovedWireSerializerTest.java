package io.gridai.flink.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.Measurement;
import io.gridai.model.wire.flink.WireTypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * State written before the wire serializer moved to grid-model names {@code io.gridai.flink.io.WireTypeSerializer$Snapshot}
 * in its savepoints: such a snapshot still reads, restores grid-model's serializer, and is compatible as is.
 */
class MovedWireSerializerTest {

    @Test
    void aSnapshotUnderTheFormerNameRestoresTheMovedSerializer() throws Exception {
        // What a savepoint of the former class held: its class name, version 1, the type's class name.
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(io.gridai.flink.io.WireTypeSerializer.Snapshot.class.getName());
        out.writeInt(1);
        out.writeUTF(Measurement.class.getName());

        TypeSerializerSnapshot<Measurement> old = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(old).isInstanceOf(io.gridai.flink.io.WireTypeSerializer.Snapshot.class);
        assertThat(old.restoreSerializer()).isEqualTo(new WireTypeSerializer<>(Measurement.class));
        TypeSerializerSchemaCompatibility<Measurement> compatibility = new WireTypeSerializer<>(Measurement.class)
                .snapshotConfiguration().resolveSchemaCompatibility(old);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        @SuppressWarnings({"unchecked", "rawtypes"}) // a snapshot of another type, as a mixed-up savepoint would hold
        TypeSerializerSchemaCompatibility<io.gridai.model.Alert> other = new WireTypeSerializer<>(
                io.gridai.model.Alert.class).snapshotConfiguration().resolveSchemaCompatibility((TypeSerializerSnapshot) old);
        assertThat(other.isIncompatible()).isTrue();
    }
}
