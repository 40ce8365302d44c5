package io.gridai.operator;

import io.gridai.kafka.quarkus.TopicWriter;
import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.Severity;
import io.gridai.model.id.AlertId;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import java.time.Instant;

/** Writes alerts as the Flink jobs would, to the test broker, waiting for each acknowledgement. */
final class Publish {

    private Publish() {
    }

    /** A voltage alert on {@code asset} at {@code time}, with a fresh id. */
    static Alert alert(String asset, AlertState state, Instant time) {
        Alert alert = new Alert(AlertId.random(), AssetId.of(asset), AlertType.VOLTAGE_HIGH, Severity.WARNING, state,
                MeasurementKind.VOLTAGE, 145.0, 140.0, time, asset + " VOLTAGE 145 kV above the limit 140 kV");
        send(Topics.GRID_ALERTS, alert.asset(), alert);
        return alert;
    }

    /** {@code count} records made by {@code make}, sent together through one producer, all acknowledged. */
    static <K, V> void many(Topic<K, V> topic, int count, java.util.function.IntFunction<V> make,
            java.util.function.Function<V, K> key) {
        TopicWriter.sendAll(topic, java.util.stream.IntStream.range(0, count).mapToObj(make).toList(), key);
    }

    static <K, V> void send(Topic<K, V> topic, K key, V value) {
        TopicWriter.send(topic, key, value);
    }
}
