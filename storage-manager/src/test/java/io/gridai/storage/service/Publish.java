package io.gridai.storage.service;

import io.gridai.kafka.quarkus.TopicWriter;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.time.Instant;
import java.util.Optional;

/** Writes what a plant and the optimiser would, to the test broker, waiting for each acknowledgement. */
final class Publish {

    static final SourceId PLANT = SourceId.of("test-plant");

    private Publish() {
    }

    static void soc(String asset, double percent, Instant t) {
        send(Topics.TELEMETRY_RAW, AssetId.of(asset), Measurement.of(PLANT, AssetId.of(asset),
                MeasurementKind.STATE_OF_CHARGE, percent, Unit.PERCENT, t, t));
    }

    static void frequency(double hz, Instant t) {
        send(Topics.TELEMETRY_RAW, AssetId.of("system"), Measurement.of(PLANT, AssetId.of("system"),
                MeasurementKind.FREQUENCY, hz, Unit.HERTZ, t, t));
    }

    static void schedule(String asset, double mw, Instant from, Instant until) {
        send(Topics.GRID_STORAGE_SCHEDULES, AssetId.of(asset), new Setpoint(SetpointId.random(), AssetId.of(asset),
                MeasurementKind.ACTIVE_POWER, mw, from, until, SetpointOrigin.OPTIMISER, Optional.empty(),
                "dispatch-optimizer", from));
    }

    private static <K, V> void send(Topic<K, V> topic, K key, V value) {
        TopicWriter.send(topic, key, value);
    }
}
