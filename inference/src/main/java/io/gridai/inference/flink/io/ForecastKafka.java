package io.gridai.inference.flink.io;

import io.gridai.model.Forecast;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topic;
import io.gridai.model.wire.WireFormat;
import io.gridai.model.wire.WireFormatException;
import io.gridai.model.wire.flink.WireTypeInformation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forecast job's Kafka source (zone loads, read_committed) and exactly-once sink (forecasts), configured like
 * flink-jobs' {@code KafkaIo}: transactional ids {@code <prefix>-forecasts}, a transaction timeout below the broker's
 * maximum, wall-clock record timestamps (event time travels in the value).
 */
public final class ForecastKafka {

    private final String bootstrapServers;
    private final String consumerGroup;
    private final String transactionalIdPrefix;
    private final Duration transactionTimeout;
    private final Map<String, String> clientProperties;

    public ForecastKafka(String bootstrapServers, String consumerGroup, String transactionalIdPrefix,
            Duration transactionTimeout) {
        this(bootstrapServers, consumerGroup, transactionalIdPrefix, transactionTimeout, Map.of());
    }

    /**
     * @param clientProperties further Kafka client properties for the source and the sink, e.g. TLS (the streaming
     *                         job's {@code kafka.client.*} settings)
     */
    public ForecastKafka(String bootstrapServers, String consumerGroup, String transactionalIdPrefix,
            Duration transactionTimeout, Map<String, String> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.consumerGroup = consumerGroup;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.transactionTimeout = transactionTimeout;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** Zone loads from the consumer group's committed offsets (earliest when none); on a restore, the checkpoint's. */
    @SuppressWarnings("deprecation") // the connector's committedOffsets still takes Kafka's OffsetResetStrategy
    public KafkaSource<ZoneLoad> zoneLoads(Topic<ZoneId, ZoneLoad> topic) {
        var builder = KafkaSource.<ZoneLoad>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic.name())
                .setGroupId(consumerGroup)
                .setClientIdPrefix(consumerGroup + "-" + topic.name())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setDeserializer(new ZoneLoadDeserializer())
                .setProperty("isolation.level", "read_committed");
        clientProperties.forEach(builder::setProperty);
        return builder.build();
    }

    /** Forecasts, keyed by zone, exactly once (transactions committed on checkpoints). */
    public KafkaSink<Forecast> forecasts(Topic<ZoneId, Forecast> topic) {
        var builder = KafkaSink.<Forecast>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new ForecastSerializer(topic.name()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix + "-forecasts")
                .setProperty("transaction.timeout.ms", Long.toString(transactionTimeout.toMillis()))
                .setProperty("linger.ms", "5")
                .setProperty("compression.type", "lz4")
                .setProperty("client.id", transactionalIdPrefix + "-forecasts");
        clientProperties.forEach(builder::setProperty);
        return builder.build();
    }

    /** A zone load that does not decode (a poison pill) is logged with its position and skipped. */
    static final class ZoneLoadDeserializer implements KafkaRecordDeserializationSchema<ZoneLoad> {

        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(ZoneLoadDeserializer.class);

        private transient WireFormat<ZoneLoad> format;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ZoneLoad> out) {
            if (record.value() == null) {
                return;
            }
            if (format == null) {
                format = WireFormat.of(ZoneLoad.class);
            }
            try {
                out.collect(format.decode(record.value()));
            } catch (WireFormatException e) {
                LOG.warn("skipped an undecodable zone load: topic={} partition={} offset={} reason={}",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }

        @Override
        public TypeInformation<ZoneLoad> getProducedType() {
            return WireTypeInformation.of(ZoneLoad.class);
        }
    }

    /** Key: the zone id as UTF-8 (what {@code IdSerde} reads); value: the Avro single-object message. */
    static final class ForecastSerializer implements KafkaRecordSerializationSchema<Forecast> {

        private static final long serialVersionUID = 1L;

        private final String topic;
        private transient WireFormat<Forecast> format;

        ForecastSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(Forecast forecast, KafkaSinkContext context, Long timestamp) {
            if (format == null) {
                format = WireFormat.of(Forecast.class);
            }
            return new ProducerRecord<>(topic, null, null, forecast.zone().value().getBytes(StandardCharsets.UTF_8),
                    format.encode(forecast));
        }
    }
}
