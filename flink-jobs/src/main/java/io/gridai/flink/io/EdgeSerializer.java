package io.gridai.flink.io;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A hand-written serializer of an immutable grid-model record for the records <em>between operators</em> (network
 * buffers), where the Avro wire format's generic records cost more than the job's own work: fields written in a
 * fixed order with Flink's primitives, no schema header, no generic record in between.
 *
 * <p>Not for state that must outlive a grid-model schema change: this layout has no schema evolution (a new field
 * means a new {@link #version()}, and the snapshot refuses another version). The jobs use it only on edges (in no
 * operator's state); state keeps {@link io.gridai.model.wire.flink.WireTypeSerializer}, whose messages carry their writer schema.
 *
 * @param <T> the domain type (immutable, so copies are the value itself)
 */
public abstract class EdgeSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    /** The layout's version, written in the snapshot; bump it whenever {@link #serialize} changes. */
    protected abstract int version();

    /** A fresh instance (what the snapshot restores). */
    protected abstract Supplier<EdgeSerializer<T>> factory();

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this; // stateless
    }

    @Override
    public final T createInstance() {
        return null;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public final TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** Compatible as is with the same serializer class and layout version; anything else is incompatible. */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private EdgeSerializer<T> serializer;
        private int layoutVersion;

        /** For Flink, which reads the serializer back with {@link #readSnapshot}. */
        public Snapshot() {
        }

        Snapshot(EdgeSerializer<T> serializer) {
            this.serializer = serializer;
            this.layoutVersion = serializer.version();
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(serializer.getClass().getName());
            out.writeInt(layoutVersion);
        }

        @Override
        @SuppressWarnings("unchecked") // the class name was written from an EdgeSerializer<T>
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            String name = in.readUTF();
            layoutVersion = in.readInt();
            try {
                serializer = (EdgeSerializer<T>) Class.forName(name, true, classLoader).getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot restore the edge serializer " + name, e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return serializer.factory().get();
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot<T> old && old.serializer.getClass() == serializer.getClass()
                    && old.layoutVersion == layoutVersion) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
