package io.gridai.inference.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.inference.flink.LoadFixtures.Zone;
import io.gridai.inference.flink.io.ForecastKafka;
import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Forecast;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole forecast job against the real embedded broker: three days of hourly zone loads of two zones (and one
 * undecodable record) in a namespaced {@code grid.zone-load}, the job with its Kafka source and exactly-once sink,
 * forecasts read back with {@code read_committed}: each expected forecast exactly once, the poison pill skipped.
 */
@WithKafkaBroker
class ForecastJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    static final int HOURS = 72;
    static final Instant END = START.plus(Duration.ofHours(HOURS));
    static final List<Zone> ZONES = List.of(Zone.of("zone-1", "Europe/Paris", "FR", 700),
            Zone.of("zone-2", "Europe/Paris", "FR", 400));

    @Test
    void forecastsEveryZoneExactlyOnceThroughKafka(@BootstrapServers String bootstrap) throws Exception {
        LoadFixtures.tmp();
        Path models = LoadFixtures.activeRegistry(Files.createTempDirectory(LoadFixtures.tmp(), "job-models-"), ZONES);
        Topic<ZoneId, ZoneLoad> loads = Topics.GRID_ZONE_LOAD.inNamespace("job");
        Topic<ZoneId, Forecast> forecasts = Topics.GRID_FORECASTS.inNamespace("job");
        createTopics(bootstrap, List.of(loads, forecasts));
        send(bootstrap, loads, LoadFixtures.zoneLoads(ZONES, START, HOURS, true));

        Properties p = new Properties();
        p.setProperty("forecast.models.dir", models.toString());
        p.setProperty("forecast.parallelism", "2");
        p.setProperty("forecast.checkpoint.interval", "PT1S");
        p.setProperty("forecast.kafka.transactional-id-prefix", "forecast-job-test");
        p.setProperty("forecast.kafka.group-id", "forecast-job-test");
        ForecastSettings settings = ForecastSettings.from(p);
        StreamExecutionEnvironment env = ForecastJob.environment(settings, new Configuration());
        new ForecastJob(settings, loads, forecasts, new ForecastKafka(bootstrap, settings.consumerGroup(),
                settings.transactionalIdPrefix(), settings.transactionTimeout())).addTo(env);
        JobClient job = env.executeAsync(ForecastJob.NAME);
        try {
            int expected = ZONES.size() * (ExpectedIssues.intraday(START, END).size()
                    + ExpectedIssues.dayAhead(ZONES.get(0), START, END).size());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(committed(bootstrap, forecasts)).hasSize(expected));
        } finally {
            job.cancel().get();
        }
        List<Forecast> out = committed(bootstrap, forecasts);
        for (Zone zone : ZONES) {
            Map<Duration, List<Instant>> issues = out.stream().filter(f -> f.zone().equals(zone.id()))
                    .collect(Collectors.groupingBy(Forecast::step,
                            Collectors.mapping(Forecast::issueTime, Collectors.toList())));
            assertThat(issues.get(Duration.ofMinutes(5)))
                    .containsExactlyInAnyOrderElementsOf(ExpectedIssues.intraday(START, END));
            assertThat(issues.get(Duration.ofHours(1)))
                    .containsExactlyInAnyOrderElementsOf(ExpectedIssues.dayAhead(zone, START, END));
        }
        assertThat(out).allSatisfy(f -> assertThat(f.p50(0)).isNegative());
    }

    private static void createTopics(String bootstrap, List<Topic<?, ?>> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)
                    .configs(t.configs())).toList()).all().get();
        }
    }

    /** The zone loads keyed by zone, then one undecodable value (a poison pill) on the first zone's key. */
    private static void send(String bootstrap, Topic<ZoneId, ZoneLoad> topic, List<ZoneLoad> values) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                // Not idempotent, one request in flight: see flink-jobs' KafkaTestTopics (new-topic leader race).
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            Function<ZoneId, byte[]> key = z -> topic.keySerde().serializer().serialize(topic.name(), z);
            List<ZoneLoad> firstHalf = values.subList(0, values.size() / 2);
            for (ZoneLoad load : firstHalf) {
                producer.send(new ProducerRecord<>(topic.name(), key.apply(load.zone()),
                        topic.valueSerde().serializer().serialize(topic.name(), load)));
            }
            producer.send(new ProducerRecord<>(topic.name(), key.apply(ZONES.get(0).id()),
                    "not a zone load".getBytes(StandardCharsets.UTF_8)));
            for (ZoneLoad load : values.subList(values.size() / 2, values.size())) {
                producer.send(new ProducerRecord<>(topic.name(), key.apply(load.zone()),
                        topic.valueSerde().serializer().serialize(topic.name(), load)));
            }
            producer.flush();
        }
    }

    private static List<Forecast> committed(String bootstrap, Topic<ZoneId, Forecast> topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Forecast> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
                }
            }
        }
        return values;
    }
}
