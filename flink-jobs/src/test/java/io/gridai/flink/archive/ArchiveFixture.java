package io.gridai.flink.archive;

import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.Severity;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.AlertId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.id.SourceId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topic;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The archived topics in a namespace of the test broker, a producer for them, and records of every dataset around
 * midnight UTC (so each dataset spans two {@code date=} partitions) from two feeds.
 */
final class ArchiveFixture {

    /** Midnight UTC between the two dates the records fall on. */
    static final Instant MIDNIGHT = Instant.parse("2026-03-15T00:00:00Z");

    private final String bootstrap;
    private final String namespace;

    private ArchiveFixture(String bootstrap, String namespace) {
        this.bootstrap = bootstrap;
        this.namespace = namespace;
    }

    /** Creates the archived topics under {@code namespace}. */
    static ArchiveFixture create(String bootstrap, String namespace) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> created = new ArrayList<>();
            for (ArchiveDataset<?> dataset : ArchiveDataset.all()) {
                Topic<?, ?> topic = dataset.topic().inNamespace(namespace);
                created.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()));
            }
            admin.createTopics(created).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot create the archive test topics of namespace " + namespace, e);
        }
        return new ArchiveFixture(bootstrap, namespace);
    }

    String bootstrap() {
        return bootstrap;
    }

    String namespace() {
        return namespace;
    }

    /** Sends {@code values} to the dataset's topic in this namespace and waits until Kafka has them all. */
    <T> void send(ArchiveDataset<T> dataset, List<T> values) {
        Topic<?, T> topic = dataset.topic().inNamespace(namespace);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // As KafkaTestTopics: not idempotent, one request in flight (a first batch right after createTopics can fail).
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], T> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                topic.valueSerde().serializer())) {
            for (T value : values) {
                producer.send(new ProducerRecord<>(topic.name(), value));
            }
            producer.flush();
        }
    }

    /**
     * {@code perFeed} readings from each of two feeds ({@code scada-north}, {@code Twin}: archived as {@code twin}),
     * one a second per asset and kind, centred on {@link #MIDNIGHT}; {@code offset} shifts the asset names so that
     * successive batches differ.
     */
    static List<Measurement> measurements(int perFeed, String batch) {
        List<Measurement> out = new ArrayList<>();
        Instant start = MIDNIGHT.minusSeconds(perFeed / 4);
        for (String feed : List.of("scada-north", "Twin")) {
            for (int i = 0; i < perFeed; i++) {
                Instant t = start.plusSeconds(i / 2).plusNanos(123_456_789L);
                MeasurementKind kind = i % 2 == 0 ? MeasurementKind.VOLTAGE_PU : MeasurementKind.ACTIVE_POWER;
                double value = kind == MeasurementKind.VOLTAGE_PU ? 1.0 + i / 1e5 : 10 + i;
                out.add(Measurement.of(SourceId.of(feed), AssetId.of("bus-" + batch + "-" + (i % 7)), kind, value,
                        kind.unit(), t, t.plusMillis(15)));
            }
        }
        return out;
    }

    /** Forecasts of two model versions, issued before and after midnight. */
    static List<Forecast> forecasts() {
        List<Forecast> out = new ArrayList<>();
        for (String model : List.of("lgbm-v3", "naive")) {
            for (Instant issue : List.of(MIDNIGHT.minus(Duration.ofHours(1)), MIDNIGHT.plus(Duration.ofHours(2)))) {
                out.add(Forecast.of(ZoneId.of("zone-1"), MeasurementKind.ACTIVE_POWER, issue, Duration.ofMinutes(15),
                        List.of(0.1, 0.5, 0.9), List.of(List.of(90.0, 100.0, 110.0), List.of(91.0, 101.0, 112.5)),
                        model));
            }
        }
        return out;
    }

    /** Setpoints from the optimiser and an operator, valid from before and after midnight. */
    static List<Setpoint> setpoints() {
        List<Setpoint> out = new ArrayList<>();
        for (SetpointOrigin origin : List.of(SetpointOrigin.OPTIMISER, SetpointOrigin.OPERATOR)) {
            for (Instant from : List.of(MIDNIGHT.minusSeconds(300), MIDNIGHT.plusSeconds(300))) {
                out.add(new Setpoint(SetpointId.of("sp-" + origin + "-" + from.getEpochSecond()), AssetId.of("gen-101"),
                        MeasurementKind.ACTIVE_POWER, 42.5, from, from.plusSeconds(900), origin, Optional.empty(),
                        origin.name().toLowerCase(java.util.Locale.ROOT), from.minusSeconds(1)));
            }
        }
        return out;
    }

    /** Alerts of two types, raised before and cleared after midnight. */
    static List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (AlertType type : List.of(AlertType.VOLTAGE_HIGH, AlertType.BRANCH_OVERLOAD)) {
            out.add(new Alert(AlertId.of("a-" + type + "-raised"), AssetId.of("bus-101"), type, Severity.WARNING,
                    AlertState.RAISED, MeasurementKind.VOLTAGE_PU, 1.07, 1.05, MIDNIGHT.minusSeconds(10),
                    type + " raised"));
            out.add(new Alert(AlertId.of("a-" + type + "-cleared"), AssetId.of("bus-101"), type, Severity.WARNING,
                    AlertState.CLEARED, MeasurementKind.VOLTAGE_PU, 1.02, 1.05, MIDNIGHT.plusSeconds(10),
                    type + " cleared"));
        }
        return out;
    }
}
