package io.gridai.flink.io;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The former home of grid-model's {@link io.gridai.model.wire.flink.WireTypeSerializer}. Savepoints written before
 * it moved name this class's {@link Snapshot}; it reads them and restores the serializer from its new home, which
 * accepts them as compatible. Nothing new is written with it.
 */
public final class WireTypeSerializer {

    private WireTypeSerializer() {
    }

    /** Reads a snapshot written under the former name (the type's class name, version 1). */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {

        private final io.gridai.model.wire.flink.WireTypeSerializer.Snapshot<T> moved =
                new io.gridai.model.wire.flink.WireTypeSerializer.Snapshot<>();

        /** For Flink, which reads the type back with {@link #readSnapshot}. */
        public Snapshot() {
        }

        @Override
        public int getCurrentVersion() {
            return moved.getCurrentVersion();
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            moved.writeSnapshot(out);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            moved.readSnapshot(readVersion, in, classLoader);
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return moved.restoreSerializer();
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
            return moved.resolveSchemaCompatibility(oldSnapshot);
        }
    }
}
