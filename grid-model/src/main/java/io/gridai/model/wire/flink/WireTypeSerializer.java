package io.gridai.model.wire.flink;

import io.gridai.model.wire.WireFormat;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes an immutable grid-model record as its length-prefixed Avro single-object message. Each message
 * names its writer schema, and {@link WireFormat} reads every shipped version, so state written by an older
 * job version restores in a newer one ({@link #snapshotConfiguration()} is always compatible as is).
 *
 * @param <T> the domain type (immutable, so copies are the value itself)
 */
public final class WireTypeSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient WireFormat<T> format;

    public WireTypeSerializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    private WireFormat<T> format() {
        if (format == null) {
            format = WireFormat.of(type);
        }
        return format;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = format().encode(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return format().decode(bytes);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WireTypeSerializer<?> that && that.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type);
    }

    /** Remembers only the type; compatibility across schema versions is the wire format's job. */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {

        private Class<T> type;

        /** For Flink, which reads the type back with {@link #readSnapshot}. */
        public Snapshot() {
        }

        Snapshot(Class<T> type) {
            this.type = type;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
        }

        @Override
        @SuppressWarnings("unchecked") // the class name was written from a Class<T>
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            String name = in.readUTF();
            try {
                type = (Class<T>) Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException("state holds values of " + name + ", which this job's classpath lacks;"
                        + " restore with a grid-model that has it", e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new WireTypeSerializer<>(type);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
            // also a snapshot of the same serializer under its former name (flink-jobs' io.gridai.flink.io), which
            // restores to this one
            if (oldSnapshot.restoreSerializer() instanceof WireTypeSerializer<?> old && old.type == type) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
