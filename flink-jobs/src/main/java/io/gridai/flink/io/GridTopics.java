package io.gridai.flink.io;

import io.gridai.model.Aggregate;
import io.gridai.model.Alert;
import io.gridai.model.Measurement;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import java.util.List;

/**
 * The topics the jobs read and write: the registry's, or a namespaced copy of them (tests, replays in a sandbox).
 */
public record GridTopics(
        Topic<AssetId, Measurement> raw,
        Topic<AssetId, Measurement> clean,
        Topic<AssetId, Measurement> late,
        Topic<AssetId, Alert> alerts,
        Topic<String, Aggregate> aggregates,
        Topic<ZoneId, ZoneLoad> zoneLoad) {

    /** The platform's topics, from {@link Topics}. */
    public static GridTopics registry() {
        return new GridTopics(Topics.TELEMETRY_RAW, Topics.TELEMETRY_CLEAN, Topics.TELEMETRY_LATE,
                Topics.GRID_ALERTS, Topics.TELEMETRY_AGGREGATES, Topics.GRID_ZONE_LOAD);
    }

    /** The same topics named {@code namespace.<name>}, e.g. for a test or a replay sandbox. */
    public GridTopics inNamespace(String namespace) {
        return new GridTopics(raw.inNamespace(namespace), clean.inNamespace(namespace), late.inNamespace(namespace),
                alerts.inNamespace(namespace), aggregates.inNamespace(namespace), zoneLoad.inNamespace(namespace));
    }

    public List<Topic<?, ?>> all() {
        return List.of(raw, clean, late, alerts, aggregates, zoneLoad);
    }
}
