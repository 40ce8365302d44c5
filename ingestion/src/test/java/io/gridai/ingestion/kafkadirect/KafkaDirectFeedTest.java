package io.gridai.ingestion.kafkadirect;

import static io.gridai.ingestion.http.Feed.array;
import static io.gridai.ingestion.http.Feed.freshTime;
import static io.gridai.ingestion.http.Feed.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.ingestion.TopicTail;
import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.model.Measurement;
import io.gridai.model.RejectedRecord;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A utility producing to its own inbound topic with a plain Kafka producer, as any Kafka client would: its
 * records are verified, validated and re-published like the other feeds' batches, and the feed commits the
 * inbound offsets only once everything is on Kafka — so "committed up to the end" is the point to look.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class KafkaDirectFeedTest {

    private static final SourceId UTILITY_K = SourceId.of("utility-k");
    private static final SourceId REVOKED = SourceId.of("utility-old");
    private static final String SENDER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    IngestionConfig config;

    private KafkaProducer<String, byte[]> utility;
    private Admin admin;

    @BeforeEach
    void connect() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        utility = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerTestResource.bootstrapServers()));
    }

    @AfterEach
    void close() {
        utility.close();
        admin.close();
    }

    @Test
    void validRecordsAreRepublishedOnceAndBadOnesBecomeDeadLettersWithReasons() throws Exception {
        Instant t = freshTime();
        Topic<String, byte[]> inbound = Topics.sourceInbound(UTILITY_K);
        awaitTopic(inbound);
        String single = json("gen-1", "ACTIVE_POWER", "12500", "kW", t, "k-1");
        String forbidden = json("load-9", "ACTIVE_POWER", "3", "MW", t, "k-3");
        String nan = json("gen-2", "ACTIVE_POWER", "NaN", "MW", t, "k-4");
        String batch = array(json("bus-7", "VOLTAGE", "138000", "V", t, "k-2"), forbidden, nan);
        String csv = "asset,kind,value,unit,time,id\ngen-3,FREQUENCY,50.01,Hz," + t + ",k-5\n";
        String malformed = "{\"asset\": \"gen-1\", ";

        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            send(inbound, single, new RecordHeader("traceparent",
                    ("00-" + SENDER_TRACE + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8)));
            send(inbound, batch);
            send(inbound, csv, new RecordHeader(KafkaDirectFeed.CONTENT_TYPE_HEADER,
                    "text/csv".getBytes(StandardCharsets.UTF_8)));
            send(inbound, malformed);
            send(inbound, single); // the utility's retry: a duplicate, not published again
            awaitCommittedToTheEnd(inbound);

            List<ConsumerRecord<io.gridai.model.id.AssetId, Measurement>> landed = raw.newRecords();
            assertThat(landed).extracting(r -> r.value().id().value())
                    .containsExactlyInAnyOrder("utility-k/k-1", "utility-k/k-2", "utility-k/k-5");
            assertThat(landed).allSatisfy(r -> {
                assertThat(r.value().source()).isEqualTo(UTILITY_K);
                assertThat(r.headers().lastHeader("traceparent")).as("trace context header").isNotNull();
            });
            Map<String, Measurement> byId = landed.stream().map(ConsumerRecord::value)
                    .collect(Collectors.toMap(m -> m.id().value(), m -> m));
            assertThat(byId.get("utility-k/k-1").value()).isEqualTo(12.5);
            assertThat(byId.get("utility-k/k-2").kind()).isEqualTo(MeasurementKind.VOLTAGE);
            assertThat(byId.get("utility-k/k-2").value()).isEqualTo(138.0);

            List<RejectedRecord> letters = dead.newValues();
            assertThat(letters).allSatisfy(letter -> {
                assertThat(letter.channel()).isEqualTo(KafkaDirectFeed.CHANNEL);
                assertThat(letter.source()).contains(UTILITY_K);
            });
            assertThat(letters).extracting(RejectedRecord::reason).containsExactlyInAnyOrder(
                    RejectionReason.ASSET_NOT_ALLOWED, RejectionReason.OUT_OF_RANGE, RejectionReason.MALFORMED);
            assertThat(letters).filteredOn(l -> l.reason() == RejectionReason.ASSET_NOT_ALLOWED).singleElement()
                    .satisfies(l -> {
                        assertThat(new String(l.payload(), StandardCharsets.UTF_8)).isEqualTo(forbidden);
                        assertThat(l.detail()).contains("load-9");
                    });
            assertThat(letters).filteredOn(l -> l.reason() == RejectionReason.MALFORMED).singleElement()
                    .satisfies(l -> assertThat(new String(l.payload(), StandardCharsets.UTF_8)).isEqualTo(malformed));
        }
    }

    @Test
    void aMessageWithTooManyRecordsIsADeadLetterNotASilentDrop() throws Exception {
        Topic<String, byte[]> inbound = Topics.sourceInbound(UTILITY_K);
        awaitTopic(inbound);
        int limit = config.http().maxBatchRecords();
        Instant t = freshTime();
        String body = array(java.util.Collections.nCopies(limit + 1,
                json("gen-1", "ACTIVE_POWER", "1", "MW", t, null)).toArray(String[]::new));
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            send(inbound, body);
            awaitCommittedToTheEnd(inbound);
            assertThat(raw.newRecords()).isEmpty();
            assertThat(dead.newValues()).singleElement().satisfies(letter -> {
                assertThat(letter.reason()).isEqualTo(RejectionReason.SCHEMA_MISMATCH);
                assertThat(letter.detail()).contains("more than " + limit + " records").contains("split it");
                assertThat(letter.payload()).hasSize(body.getBytes(StandardCharsets.UTF_8).length);
            });
        }
    }

    @Test
    void aRevokedSourcesRecordsAreDeadLetteredAsRevoked() throws Exception {
        Topic<String, byte[]> inbound = Topics.sourceInbound(REVOKED);
        awaitTopic(inbound);
        String body = json("gen-1", "ACTIVE_POWER", "1", "MW", freshTime(), "old-1");
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            send(inbound, body);
            awaitCommittedToTheEnd(inbound);
            assertThat(raw.newRecords()).isEmpty();
            assertThat(dead.newValues()).singleElement().satisfies(letter -> {
                assertThat(letter.reason()).isEqualTo(RejectionReason.REVOKED_SOURCE);
                assertThat(letter.source()).contains(REVOKED);
                assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).isEqualTo(body);
            });
        }
    }

    @Test
    void debiansKcatFeedsItAsTheReadmeSays(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("kcat"), "kcat is not on PATH (Debian package kcat; .ci/run installs it"
                + " when it can): skipping the real-client check of the Kafka-direct feed");
        Topic<String, byte[]> inbound = Topics.sourceInbound(UTILITY_K);
        awaitTopic(inbound);
        Instant t = freshTime();
        // As the README: one JSON reading per line on stdin; a CSV export as a file, one message per file.
        String json = json("gen-7", "ACTIVE_POWER", "12500", "kW", t, "kcat-1") + "\n";
        Path csv = dir.resolve("batch.csv");
        Files.writeString(csv, "asset,kind,value,unit,time\nbus-8,VOLTAGE,138000,V," + t + "\n");
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW)) {
            kcat(json, "-P", "-b", KafkaBrokerTestResource.bootstrapServers(), "-t", inbound.name());
            kcat("", "-P", "-b", KafkaBrokerTestResource.bootstrapServers(), "-t", inbound.name(), "-H",
                    "content-type=text/csv", csv.toString());
            awaitCommittedToTheEnd(inbound);
            assertThat(raw.newValues()).extracting(m -> m.asset().value(), Measurement::value)
                    .containsExactlyInAnyOrder(tuple("gen-7", 12.5), tuple("bus-8", 138.0));
        }
    }

    private static void kcat(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kcat"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("kcat ended").isTrue();
        assertThat(process.exitValue()).as("kcat exit code; it said: %s", output).isZero();
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private void send(Topic<String, byte[]> topic, String value, Header... headers) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), null, "k",
                value.getBytes(StandardCharsets.UTF_8), List.of(headers));
        utility.send(record).get(10, TimeUnit.SECONDS);
    }

    /** The feed creates the inbound topics of its sources when it starts. */
    private void awaitTopic(Topic<?, ?> topic) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                admin.listTopics().names().get(5, TimeUnit.SECONDS).contains(topic.name()));
    }

    private void awaitCommittedToTheEnd(Topic<?, ?> topic) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            var partitions = admin.describeTopics(List.of(topic.name())).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(topic.name()).partitions().stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(5, TimeUnit.SECONDS)
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                    config.kafkaDirect().groupId()).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            ends.forEach((partition, end) -> {
                if (end > 0) {
                    assertThat(committed.get(partition)).as("committed offset of %s", partition).isNotNull();
                    assertThat(committed.get(partition).offset()).as("committed offset of %s", partition)
                            .isEqualTo(end);
                }
            });
        });
    }
}
