package io.gridai.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicWriter;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;

/** What the tests put on the broker: forecasts, measurements, raw bytes; each send waits for Kafka's acknowledgement. */
final class Send {

    static final SourceId SOURCE = SourceId.of("dispatch-test");

    private Send() {
    }

    static <K, V> void records(Topic<K, V> topic, List<K> keys, List<V> values) {
        TopicWriter.sendAll(topic, keys, values);
    }

    static void bytes(String topic, byte[] key, byte[] value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("could not send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** ACTIVE_POWER of generators at {@code time} on telemetry.raw. */
    static void activePower(Instant time, Object... assetAndMw) {
        List<AssetId> keys = new ArrayList<>();
        List<Measurement> values = new ArrayList<>();
        for (int i = 0; i < assetAndMw.length; i += 2) {
            AssetId asset = AssetId.of((String) assetAndMw[i]);
            keys.add(asset);
            values.add(Measurement.of(SOURCE, asset, MeasurementKind.ACTIVE_POWER, ((Number) assetAndMw[i + 1]).doubleValue(), Unit.MEGAWATT,
                    time, time));
        }
        records(Topics.TELEMETRY_RAW, keys, values);
    }

    /** A flat zone load forecast (generator sign: load negative) with P10/P50/P90, hourly steps from {@code issue}. */
    static Forecast zoneLoad(String zone, Instant issue, double loadMw, int steps, String model) {
        List<List<Double>> values = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            values.add(List.of(-loadMw * 1.1, -loadMw, -loadMw * 0.9));
        }
        return Forecast.of(ZoneId.of(zone), MeasurementKind.ACTIVE_POWER, issue, Duration.ofHours(1), List.of(0.1, 0.5, 0.9), values, model);
    }

    static void forecasts(Forecast... forecasts) {
        records(Topics.GRID_FORECASTS, List.of(forecasts).stream().map(Forecast::zone).toList(), List.of(forecasts));
    }
}
