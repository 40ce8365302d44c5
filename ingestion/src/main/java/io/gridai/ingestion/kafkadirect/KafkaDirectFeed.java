package io.gridai.ingestion.kafkadirect;

import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.ingestion.feed.BatchFormat;
import io.gridai.ingestion.ingest.IngestResult;
import io.gridai.ingestion.ingest.IngestionService;
import io.gridai.ingestion.ingest.Prepared;
import io.gridai.ingestion.source.ApprovedSource;
import io.gridai.ingestion.source.SourceRegistry;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * The Kafka-direct feed: each source with {@code kafka-direct=true} produces its own telemetry, unvalidated, to
 * {@link Topics#sourceInbound its inbound topic}; this feed reads those topics, verifies, validates and
 * re-publishes them exactly like the HTTP and MQTT feeds (each Kafka record is one batch: a JSON object, a
 * JSON array or CSV), and commits the inbound offsets only after Kafka acknowledged everything re-published
 * from them. When Kafka does not acknowledge, the feed rewinds to the last committed offsets and tries again
 * after {@code kafka-direct.retry-backoff}: at least once, and measurement ids make a repeat harmless. Several
 * consumers ({@code kafka-direct.consumers}) share the inbound partitions, so that one validates while another
 * waits for Kafka's acknowledgement.
 *
 * <p>The topic is the credential: only the source may write to it (a Kafka ACL in production). Each poll is
 * one span, linked to the span context of every record that carries a {@code traceparent} header; {@code content-type}
 * ({@code application/json} or {@code text/csv}) overrides the format sniffed from the first byte.
 */
@ApplicationScoped
public class KafkaDirectFeed {

    /** The channel written on this feed's dead letters. */
    public static final String CHANNEL = "kafka";
    /** Record header that may name the payload's media type. */
    public static final String CONTENT_TYPE_HEADER = "content-type";

    private static final Logger LOG = Logger.getLogger(KafkaDirectFeed.class);
    private static final TextMapGetter<ConsumerRecord<byte[], byte[]>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<byte[], byte[]> carrier) {
            return StreamSupport.stream(carrier.headers().spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(ConsumerRecord<byte[], byte[]> carrier, String key) {
            Header header = carrier == null ? null : carrier.headers().lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final IngestionService ingestion;
    private final SourceRegistry registry;
    private final IngestionConfig config;
    private final Map<String, Object> kafka;
    private final OpenTelemetry openTelemetry;
    private final List<KafkaConsumer<byte[], byte[]>> consumers = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch stopped = new CountDownLatch(0);
    private volatile boolean running;

    public KafkaDirectFeed(IngestionService ingestion, SourceRegistry registry, IngestionConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, OpenTelemetry openTelemetry) {
        this.ingestion = ingestion;
        this.registry = registry;
        this.config = config;
        this.kafka = kafka;
        this.openTelemetry = openTelemetry;
        if (config.kafkaDirect().consumers() < 1) {
            throw new ConfigurationException("gridai.ingestion.kafka-direct.consumers is "
                    + config.kafkaDirect().consumers() + "; give at least 1 (default 2)");
        }
        if (config.kafkaDirect().maxPollRecords() < 1) {
            throw new ConfigurationException("gridai.ingestion.kafka-direct.max-poll-records is "
                    + config.kafkaDirect().maxPollRecords() + "; give at least 1 (default 500)");
        }
    }

    void start(@Observes StartupEvent event) {
        List<ApprovedSource> sources = registry.kafkaDirectSources();
        if (sources.isEmpty()) {
            LOG.info("kafka-direct feed off: no source has kafka-direct=true");
            return;
        }
        List<Topic<String, byte[]>> topics = sources.stream().map(s -> Topics.sourceInbound(s.id())).toList();
        int count = config.kafkaDirect().consumers();
        stopped = new CountDownLatch(count);
        running = true;
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> run(topics), "gridai-kafka-direct-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        consumers.forEach(KafkaConsumer::wakeup);
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("kafka-direct feed did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while the feed reads its inbound topics. */
    public boolean running() {
        return running && stopped.getCount() > 0;
    }

    private void run(List<Topic<String, byte[]>> topics) {
        try {
            while (running && !createTopics(topics)) {
                pause(config.kafkaDirect().retryBackoff());
            }
            if (!running) {
                return;
            }
            try (KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(consumerProperties())) {
                consumers.add(kafkaConsumer);
                if (!running) {
                    consumers.remove(kafkaConsumer);
                    return; // stopped while this consumer was being made: the wakeup missed it
                }
                kafkaConsumer.subscribe(topics.stream().map(Topic::name).toList());
                LOG.infof("kafka-direct feed reading topics=%s group=%s", topics.stream().map(Topic::name).toList(),
                        config.kafkaDirect().groupId());
                try {
                    while (running) {
                        ConsumerRecords<byte[], byte[]> records = kafkaConsumer.poll(Duration.ofMillis(500));
                        if (!records.isEmpty() && !process(kafkaConsumer, records)) {
                            pause(config.kafkaDirect().retryBackoff());
                        }
                    }
                } finally {
                    consumers.remove(kafkaConsumer);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("kafka-direct feed woken up while running; it stops");
            }
        } catch (KafkaException e) {
            LOG.errorf("kafka-direct feed stopped: %s; restart the service once Kafka is reachable", e.getMessage());
        } finally {
            stopped.countDown();
        }
    }

    /** One poll: every record is a batch; all are published with one wait, then the offsets are committed. */
    private boolean process(KafkaConsumer<byte[], byte[]> kafkaConsumer, ConsumerRecords<byte[], byte[]> records) {
        List<Prepared> batches = new ArrayList<>(records.count());
        Set<MeasurementId> seen = new HashSet<>();
        Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        List<SpanContext> links = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byte[] body = record.value() == null ? new byte[0] : record.value();
            String contentType = HEADERS.get(record, CONTENT_TYPE_HEADER);
            BatchFormat format = formatOf(contentType, body);
            batches.add(ingestion.prepare(CHANNEL, registry.authenticateInbound(record.topic()), format, body,
                    contentType == null ? (format == BatchFormat.CSV ? "text/csv" : "application/json")
                            : contentType, seen, true));
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            first.putIfAbsent(partition, record.offset());
            next.put(partition, new OffsetAndMetadata(record.offset() + 1));
            SpanContext sender = Span.fromContext(openTelemetry.getPropagators().getTextMapPropagator()
                    .extract(Context.root(), record, HEADERS)).getSpanContext();
            if (sender.isValid()) {
                links.add(sender);
            }
        }
        List<IngestResult> results = ingestion.ingest(batches, Context.root(), links);
        if (results.stream().anyMatch(IngestResult.Unavailable.class::isInstance)) {
            rewind(kafkaConsumer, first);
            LOG.warnf("kafka-direct batches not acknowledged records=%d; re-reading them after %s", records.count(),
                    config.kafkaDirect().retryBackoff());
            return false;
        }
        try {
            kafkaConsumer.commitSync(next);
        } catch (KafkaException e) {
            // Everything is on Kafka; the records will be read again and recognised by their measurement ids.
            LOG.warnf("kafka-direct offsets not committed detail=\"%s\"; the records will be re-read",
                    e.getMessage());
            rewind(kafkaConsumer, first);
            return false;
        }
        return true;
    }

    /** Back to the first record of the poll on each partition still assigned (a rebalance resets the rest). */
    private static void rewind(KafkaConsumer<byte[], byte[]> kafkaConsumer, Map<TopicPartition, Long> first) {
        Set<TopicPartition> assigned = kafkaConsumer.assignment();
        first.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                kafkaConsumer.seek(partition, offset);
            }
        });
    }

    private static BatchFormat formatOf(String contentType, byte[] body) {
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT);
            if (type.startsWith("text/csv")) {
                return BatchFormat.CSV;
            }
            if (type.startsWith("application/json")) {
                return BatchFormat.JSON_MESSAGE;
            }
        }
        return BatchFormat.sniffMessage(body);
    }

    /** Creates missing inbound topics; false when the broker could not be asked (retried). */
    private boolean createTopics(List<Topic<String, byte[]>> topics) {
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "gridai-ingestion-kafka-direct-admin");
        Duration adminTimeout = config.kafka().healthTimeout();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) adminTimeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) adminTimeout.toMillis());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(adminTimeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) -1).configs(t.configs()))
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(adminTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                LOG.infof("kafka-direct inbound topics created topics=%s",
                        missing.stream().map(NewTopic::name).toList());
            }
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("kafka-direct inbound topics not checked detail=\"%s\"; retrying",
                    e.getCause() == null ? e.toString() : e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafkaDirect().groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "gridai-ingestion-kafka-direct-" + Thread.currentThread().getName()
                .substring(Thread.currentThread().getName().lastIndexOf('-') + 1));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.kafkaDirect().maxPollRecords());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Waits before retrying, returning early when the service stops. */
    private void pause(Duration backoff) {
        try {
            stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
