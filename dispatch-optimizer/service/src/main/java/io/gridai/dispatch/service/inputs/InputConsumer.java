package io.gridai.dispatch.service.inputs;

import io.gridai.service.runtime.KafkaClientProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.gridai.dispatch.service.grid.DispatchGrid;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.TopicPositions;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.service.runtime.ManualHolds;

/**
 * The service's one Kafka consumer, on its own thread: zone forecasts ({@code grid.forecasts}, re-read from a look-back
 * at start), live state (the configured telemetry topic, from its end) and manual holds (operators' and approved
 * proposals' setpoints on {@code grid.setpoints}, re-read from their own look-back). It only files records in the
 * {@link ForecastBook}, {@link LiveState} and {@link ManualHolds} and signals new forecasts; it never solves.
 *
 * <p>Records are decoded here, one by one, so an undecodable record is skipped with a warning instead of stopping
 * the consumer. Unknown or bad records are logged once per asset (or zone) with the reason.
 */
public final class InputConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InputConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Map<String, Object> kafka;
    private final Topic<?, Measurement> liveTopic;
    private final Duration forecastLookback;
    private final Duration holdsLookback;
    private final DispatchGrid grid;
    private final ForecastBook forecasts;
    private final LiveState live;
    private final ManualHolds holds;
    private final Runnable onForecast;
    private final WarnOnce warnings = new WarnOnce(LOG);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean assigned;

    public InputConsumer(Map<String, Object> kafka, Topic<?, Measurement> liveTopic, Duration forecastLookback, Duration holdsLookback,
            DispatchGrid grid, ForecastBook forecasts, LiveState live, ManualHolds holds, Runnable onForecast) {
        this.kafka = kafka;
        this.liveTopic = liveTopic;
        this.forecastLookback = forecastLookback;
        this.holdsLookback = holdsLookback;
        this.grid = grid;
        this.forecasts = forecasts;
        this.live = live;
        this.holds = holds;
        this.onForecast = onForecast;
        this.thread = new Thread(this::run, "dispatch-inputs");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the consumer has its partitions and reads. */
    public boolean assigned() {
        return assigned;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                assign(c);
                assigned = true;
                LOG.infof("reading forecasts topic=%s lookback=%s, live state topic=%s and manual holds topic=%s lookback=%s",
                        Topics.GRID_FORECASTS.name(), forecastLookback, liveTopic.name(), Topics.GRID_SETPOINTS.name(), holdsLookback);
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : c.poll(POLL)) {
                        handle(record);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (org.apache.kafka.common.KafkaException e) {
                assigned = false;
                if (running) {
                    LOG.warnf("input consumer failed (%s); retrying in %s", e.getMessage(), RETRY);
                    sleepQuietly(RETRY);
                }
            }
        }
    }

    private Properties properties() {
        return KafkaClientProperties.assigningConsumer(kafka, "gridai-dispatch-inputs");
    }

    private void assign(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> forecastPartitions = TopicPositions.partitions(c, Topics.GRID_FORECASTS.name());
        List<TopicPartition> livePartitions = TopicPositions.partitions(c, liveTopic.name());
        List<TopicPartition> setpointPartitions = TopicPositions.partitions(c, Topics.GRID_SETPOINTS.name());
        List<TopicPartition> all = new ArrayList<>(forecastPartitions);
        all.addAll(livePartitions);
        all.addAll(setpointPartitions);
        c.assign(all);
        TopicPositions.seekSince(c, forecastPartitions, Instant.now().minus(forecastLookback));
        TopicPositions.seekToEndNow(c, livePartitions);
        TopicPositions.seekSince(c, setpointPartitions, Instant.now().minus(holdsLookback));
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        if (record.topic().equals(Topics.GRID_FORECASTS.name())) {
            Forecast f = decode(Topics.GRID_FORECASTS, record);
            if (f != null) {
                forecast(f);
            }
        } else if (record.topic().equals(Topics.GRID_SETPOINTS.name())) {
            Setpoint s = decode(Topics.GRID_SETPOINTS, record);
            if (s != null) {
                setpoint(s);
            }
        } else {
            Measurement m = decode(liveTopic, record);
            if (m != null) {
                measurement(m);
            }
        }
    }

    private <V> V decode(Topic<?, V> topic, ConsumerRecord<byte[], byte[]> record) {
        try {
            return topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        } catch (RuntimeException e) {
            warnings.warn("undecodable|" + record.topic() + "|" + record.partition(), String.format(
                    "undecodable record skipped topic=%s partition=%d offset=%d reason=%s (further ones on this partition are skipped quietly)",
                    record.topic(), record.partition(), record.offset(), e.getMessage()));
            return null;
        }
    }

    void forecast(Forecast f) {
        if (!grid.zones().contains(f.zone())) {
            warnings.warn("zone|" + f.zone(), "forecast for zone " + f.zone() + " ignored: case " + grid.caseName()
                    + " has zones " + grid.zones() + " (gridai.dispatch.grid.zone-template)");
            return;
        }
        var refused = forecasts.offer(f);
        if (refused.isPresent()) {
            warnings.warn("forecast|" + f.zone() + "|" + f.modelVersion(), refused.get());
            return;
        }
        LOG.infof("forecast received zone=%s model=%s issueTime=%s steps=%d step=%s", f.zone(), f.modelVersion(), f.issueTime(),
                f.steps().size(), f.step());
        onForecast.run();
    }

    /** A setpoint on {@code grid.setpoints}: filed when it is a manual hold of one of the grid's units or batteries. */
    void setpoint(Setpoint s) {
        if (!ManualHolds.isHold(s)) {
            return; // ours (OPTIMISER), the storage manager's: not holds
        }
        String asset = s.asset().value();
        if (grid.unitIndex(asset).isEmpty() && grid.battery(asset).isEmpty()) {
            warnings.warn("hold|" + asset, s.origin() + " setpoint of " + asset + " is no hold here: no generator or battery of case "
                    + grid.caseName() + " has that asset id");
            return;
        }
        if (grid.isSlack(asset)) {
            warnings.warn("hold|" + asset, s.origin() + " setpoint of " + asset + " is no hold: it is the slack unit, which balances the"
                    + " system and takes no setpoint (the twin refuses it)");
            return;
        }
        if (holds.offer(s)) {
            LOG.infof("manual hold filed asset=%s target=%.3f origin=%s validFrom=%s validUntil=%s setpoint=%s issuedBy=%s: no setpoint"
                    + " from the dispatch for it while valid", asset, s.target(), s.origin(), s.validFrom(), s.validUntil(), s.id(),
                    s.issuedBy());
        }
    }

    void measurement(Measurement m) {
        String asset = m.asset().value();
        MeasurementKind kind = m.kind();
        boolean unit = grid.unitIndex(asset).isPresent();
        boolean battery = grid.battery(asset).isPresent();
        boolean relevant = kind == MeasurementKind.ACTIVE_POWER && (unit || battery) || kind == MeasurementKind.AVAILABLE_POWER
                || kind == MeasurementKind.STATE_OF_CHARGE;
        if (!relevant) {
            if (kind == MeasurementKind.ACTIVE_POWER && (asset.startsWith("gen-") || asset.startsWith("bess-"))) {
                warnings.warn("unknown|" + asset, "ACTIVE_POWER of " + asset + " ignored: no generator or battery of case " + grid.caseName()
                        + " has that asset id; check gridai.dispatch.grid.generator-names / batteries");
            }
            return; // the telemetry clock follows the case's own units only: another source's timestamps must not move it
        }
        if (!m.isGood()) {
            warnings.warn("quality|" + asset + "|" + kind, kind + " of " + asset + " ignored: quality flags " + m.quality()
                    + " (only good readings set initial outputs, availability and state of charge)");
            return;
        }
        if (unit || battery) {
            live.seen(m.eventTime());
        }
        switch (kind) {
            case ACTIVE_POWER -> live.putActivePower(m);
            case AVAILABLE_POWER -> {
                if (!unit) {
                    warnings.warn("unknown|" + asset + "|" + kind, "AVAILABLE_POWER of " + asset + " ignored: not a generator of case "
                            + grid.caseName());
                } else if (m.value() < 0) {
                    warnings.warn("negative|" + asset, "AVAILABLE_POWER of " + asset + " ignored: " + m.value()
                            + " MW is negative; a plant cannot make less than nothing available");
                } else {
                    live.putAvailablePower(m);
                }
            }
            case STATE_OF_CHARGE -> {
                if (!battery) {
                    warnings.warn("unknown|" + asset + "|" + kind, "STATE_OF_CHARGE of " + asset + " ignored: not a battery of"
                            + " gridai.dispatch.grid.batteries");
                } else if (m.value() < 0 || m.value() > 100) {
                    warnings.warn("range|" + asset, "STATE_OF_CHARGE of " + asset + " ignored: " + m.value() + " % is outside 0..100");
                } else {
                    live.putStateOfCharge(m);
                }
            }
            default -> { }
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
