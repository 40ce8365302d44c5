package io.gridai.model.wire;

import io.gridai.model.id.TypedId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a typed identifier used as a record key: its {@code value()} as UTF-8 bytes, so keys
 * stay readable in tools and partition the same way as plain string keys. Null maps to null.
 *
 * @param <I> the identifier type
 */
public final class IdSerde<I extends TypedId> implements Serde<I> {

    private final Class<I> type;
    private final Function<String, I> parser;

    /** A serde that parses key text with {@code parser}, e.g. {@code new IdSerde<>(AssetId.class, AssetId::of)}. */
    public IdSerde(Class<I> type, Function<String, I> parser) {
        this.type = Objects.requireNonNull(type, "type");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    public Class<I> type() {
        return type;
    }

    @Override
    public Serializer<I> serializer() {
        return (topic, id) -> id == null ? null : id.value().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Deserializer<I> deserializer() {
        return (topic, bytes) -> bytes == null ? null : parse(bytes);
    }

    private I parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("Kafka key is not a valid " + type.getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String toString() {
        return "IdSerde[" + type.getSimpleName() + "]";
    }
}
