package io.gridai.flink.io;

import io.gridai.model.wire.WireFormat;
import io.gridai.model.wire.WireFormatException;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Kafka values of a grid-model wire type. A value that does not decode (a poison pill) is logged with its
 * topic, partition and offset and skipped, so one bad record cannot stop the job; tombstones are skipped.
 *
 * @param <T> the domain type
 */
public final class WireRecordDeserializer<T> implements KafkaRecordDeserializationSchema<T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WireRecordDeserializer.class);

    private final Class<T> type;
    private transient WireFormat<T> format;

    public WireRecordDeserializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        WireFormat.of(type);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        if (record.value() == null) {
            return;
        }
        if (format == null) {
            format = WireFormat.of(type);
        }
        try {
            out.collect(format.decode(record.value()));
        } catch (WireFormatException e) {
            LOG.warn("skipped an undecodable record: topic={} partition={} offset={} reason={}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return EdgeTypeInformation.of(type); // what leaves the source goes to the next operator, not into state
    }
}
