package io.gridai.flink.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The parts of the streaming job that can be switched on or off with {@code stages} (all by default). Cleaning
 * is always on: every other stage reads its output. Switching stages off is for measuring one part of the job
 * (the benchmark's cleaning-only run) or for a deployment that needs only some outputs; a savepoint taken with a
 * stage on restores without it only with {@code --allowNonRestoredState}.
 */
public enum Stage {
    /** raw → late, duplicates, range, gaps, stuck → {@code telemetry.clean} (+ {@code telemetry.late}). */
    CLEAN,
    /** 1 s / 1 min / 15 min aggregates per asset, substation and zone → {@code telemetry.aggregates}. */
    AGGREGATES,
    /** load per zone (5 min, 1 h) → {@code grid.zone-load}. */
    ZONE_LOAD,
    /** limit watching → {@code grid.alerts}. */
    ALERTS,
    /** latest values → Hazelcast (when a live-state target is given). */
    LIVE_STATE;

    /** The name in {@code stages}: {@code zone-load} for ZONE_LOAD. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every stage. */
    public static Set<Stage> all() {
        return EnumSet.allOf(Stage.class);
    }

    static Stage ofKey(String key) {
        for (Stage stage : values()) {
            if (stage.key().equals(key)) {
                return stage;
            }
        }
        throw new SettingsException("stages holds '" + key + "'; give a comma-separated list of "
                + String.join(",", all().stream().map(Stage::key).toList()));
    }
}
