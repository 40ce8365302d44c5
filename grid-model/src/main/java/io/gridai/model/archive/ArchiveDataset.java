package io.gridai.model.archive;

import io.gridai.model.Alert;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.wire.WireFormat;
import io.gridai.model.wire.WireFormats;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the historic archive keeps (issue 11): one dataset per archived topic, each record under the date of its event
 * time (UTC) and its feed. The files of a dataset hold records of the type's wire schema ({@link WireFormat}); the
 * layout of directories and files is {@link ArchiveLayout}.
 *
 * @param <T> the record type
 */
public final class ArchiveDataset<T> {

    /** Clean telemetry, under the measuring source (the verified feed, e.g. {@code twin}). */
    public static final ArchiveDataset<Measurement> TELEMETRY = new ArchiveDataset<>("telemetry", Measurement.class,
            Topics.TELEMETRY_CLEAN, Measurement::eventTime, m -> m.source().value());

    /** Forecasts, under the model version that made them, at their issue time. */
    public static final ArchiveDataset<Forecast> FORECASTS = new ArchiveDataset<>("forecasts", Forecast.class,
            Topics.GRID_FORECASTS, Forecast::issueTime, Forecast::modelVersion);

    /** Setpoints, under their origin (optimiser, storage-manager, operator, approved-proposal), at their start. */
    public static final ArchiveDataset<Setpoint> SETPOINTS = new ArchiveDataset<>("setpoints", Setpoint.class,
            Topics.GRID_SETPOINTS, Setpoint::validFrom, s -> s.origin().name());

    /** Alerts, under their type, at the time they were raised or cleared. */
    public static final ArchiveDataset<Alert> ALERTS = new ArchiveDataset<>("alerts", Alert.class, Topics.GRID_ALERTS,
            Alert::time, a -> a.type().name());

    private final String name;
    private final Class<T> type;
    private final Topic<?, T> topic;
    private final Function<T, Instant> time;
    private final Function<T, String> feed;

    private ArchiveDataset(String name, Class<T> type, Topic<?, T> topic, Function<T, Instant> time,
            Function<T, String> feed) {
        this.name = name;
        this.type = type;
        this.topic = topic;
        this.time = time;
        this.feed = feed;
    }

    /** Every dataset, in a fixed order. */
    public static java.util.List<ArchiveDataset<?>> all() {
        return java.util.List.of(TELEMETRY, FORECASTS, SETPOINTS, ALERTS);
    }

    /** The dataset of that name ({@code telemetry}, {@code forecasts}, {@code setpoints}, {@code alerts}). */
    public static ArchiveDataset<?> named(String name) {
        return all().stream().filter(d -> d.name.equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no archive dataset '" + name + "'; the datasets are "
                        + all().stream().map(ArchiveDataset::name).toList()));
    }

    /** The dataset's directory name under the archive root. */
    public String name() {
        return name;
    }

    /** The record type. */
    public Class<T> type() {
        return type;
    }

    /** The topic it archives. */
    public Topic<?, T> topic() {
        return topic;
    }

    /** The wire format of its records (their Avro schema is the files' schema). */
    public WireFormat<T> format() {
        return WireFormats.forType(type);
    }

    /** The record's time: what it is partitioned by (its UTC date) and replayed in order of. */
    public Instant timeOf(T record) {
        return time.apply(record);
    }

    /** The record's feed as a partition value ({@link ArchiveLayout#feedValue}). */
    public String feedOf(T record) {
        return ArchiveLayout.feedValue(feed.apply(record));
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT);
    }
}
