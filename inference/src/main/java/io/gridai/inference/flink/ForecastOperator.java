package io.gridai.inference.flink;

import io.gridai.inference.flink.ForecastSchedule.Planned;
import io.gridai.inference.flink.ModelBatch.Request;
import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.registry.ModelRegistry;
import io.gridai.inference.series.HourlySeries;
import io.gridai.model.Forecast;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load forecasts from ONNX models, on a stream of zone loads keyed by zone id.
 *
 * <p><b>Input.</b> Only hourly {@link ZoneLoad}s are read (5-minute windows are ignored); consumption is
 * {@code -activePowerMw}. Each zone keeps {@value ZoneState#HOURS} hours of load in keyed state. The value of hour
 * {@code h} is known from {@code t = h + 1 h}, and everything is driven by these event times, never by the clock:
 * <ul>
 *   <li><b>Day-ahead</b>: when {@code t}, in the active day-ahead model's time zone, is at or past the issue time
 *       ({@code forecast.day-ahead.issue-time}, 10:00) of local day {@code d} and no day-ahead forecast was made for
 *       {@code d + 1}, one is made for every hour of {@code d + 1} (23, 24 or 25 rows), from the load known at the
 *       issue time ({@link io.gridai.inference.features.DayAhead#issueFor}). Published with {@code issueTime} = the
 *       start of local day {@code d + 1} (a {@link Forecast}'s first step starts at its issue time) and
 *       {@code step} = 1 h, and with
 *       {@code madeAt} = the decision instant, 10:00 the day before, whose data the features used.</li>
 *   <li><b>Intraday</b>: when {@code t} is a multiple of {@code forecast.intraday.cadence} (UTC) and newer than
 *       the last intraday issue, the next {@code forecast.intraday.hours} hours are predicted hourly from the load
 *       known at {@code t}, and published from {@code issueTime = t} in 5-minute steps interpolated from the hourly
 *       values ({@link IntradaySteps}).</li>
 * </ul>
 * A zone with fewer than {@code forecast.history.min-hours} known hours in the week before an issue time gets no
 * forecast then. A late or corrected hour updates the history and the skill but triggers nothing.
 * The schedule is {@link ForecastSchedule} and the step from model output to {@link Forecast} is
 * {@link ForecastRows}, both shared with {@link io.gridai.inference.offline.OfflineForecasts}, which computes the same
 * forecasts without Flink.
 *
 * <p><b>Batching.</b> Feature rows are built when a forecast is requested (keyed state is readable only then) and
 * buffered, across zones, per model; zones whose registry entries are the same model file share one buffer. A
 * model's buffer becomes one batch — one {@link ForecastModel#predict} — when the next forecast would take it past
 * {@code forecast.batch-size} rows or it reaches that size, and every buffer does when its oldest row has waited
 * {@code forecast.max-batch-delay} (processing time), when a watermark arrives, before a checkpoint barrier
 * ({@link #prepareSnapshotPreBarrier}) and at the end of input. A forecast's rows are never split between batches.
 * Batches run on an inference thread of the subtask ({@code forecast.inference-thread}, at most
 * {@value #MAX_IN_FLIGHT} at a time) while the task thread builds the next rows; the forecasts are built and emitted
 * back on the task thread, in batch order. Before a checkpoint barrier, at the end of input, and before the registry
 * is refreshed, the operator waits until every batch is back: nothing requested is left out of a checkpoint. A
 * watermark is passed on only after the forecasts requested before it, so none is emitted behind it.
 *
 * <p><b>Hot swap.</b> The model of a request is taken from the {@link ModelRegistry} when the request is made and
 * stays referenced by its rows. When the refresh interval has passed, the operator first waits until every row
 * buffered or running is done (above), then lets the registry re-read its pointer files, load what they name and
 * close what nothing names: each forecast comes entirely from one model, named in {@link Forecast#modelVersion()},
 * and a replaced model is closed only once nothing can use it.
 *
 * <p><b>Output.</b> Generator sign convention, like {@link ZoneLoad}: the published level {@code q} is minus the
 * consumption quantile {@code 1 - q} (so a model trained for P10/P50/P90 of consumption publishes P10/P50/P90 of
 * active power); each row's quantiles are sorted first, so they never cross.
 *
 * <p><b>Shadows.</b> A registry SHADOW model gets the same requests (rows built for its own feature list), is never
 * published, and is scored like the active one.
 *
 * <p><b>Metrics</b> (operator group): counters {@code forecasts}, {@code dayAheadForecasts},
 * {@code intradayForecasts}, {@code rows} (model rows run, shadows included), {@code shadowRows}, {@code batches},
 * {@code requestsWithoutModel}, {@code forecastsDropped} (a model returned a non-finite value); histogram
 * {@code flushLatencyMicros} (one model run); gauges {@code executionProvider} (what the last
 * model ran on) and {@code zonesWithoutModel}; per {@code zone}/{@code horizon}/{@code model} (active|shadow):
 * gauges {@code mape} (%), {@code pinball} (MW), {@code scoredHours} ({@link LiveSkill}).
 */
public final class ForecastOperator extends AbstractStreamOperator<Forecast>
        implements OneInputStreamOperator<ZoneLoad, Forecast>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = LoggerFactory.getLogger(ForecastOperator.class);
    private static final Duration HOUR = Duration.ofHours(1);
    /** Batches running or queued on the inference thread at most; more and the task thread waits. */
    private static final int MAX_IN_FLIGHT = 2;

    private final ForecastSettings settings;

    private transient ModelRegistry registry;
    private transient ForecastSchedule schedule;
    private transient ValueState<ZoneState> zones;
    private transient Map<ForecastModel, ModelBatch> batches;
    private transient Map<ForecastModel, ModelView> views;
    private transient int bufferedRows;
    private transient boolean timerPending;
    private transient MailboxExecutor mailbox;
    private transient ExecutorService inference;
    /** Batches handed to the inference thread and not completed yet. */
    private transient int inFlight;
    private transient long submittedBatches;
    /** Watermarks waiting for the batches submitted before them: (batch sequence number, watermark). */
    private transient ArrayDeque<HeldWatermark> heldWatermarks;
    /** Nesting of flushes (a flush may yield to the mailbox, whose mails may flush again). */
    private transient int flushDepth;
    private transient Set<String> zonesWarned;
    private transient Map<String, LiveSkill> skills;
    private transient StreamRecord<Forecast> reuse;
    private transient String provider;
    private transient Counter forecasts;
    private transient Counter dayAheadForecasts;
    private transient Counter intradayForecasts;
    private transient Counter rows;
    private transient Counter shadowRows;
    private transient Counter batchCount;
    private transient Counter withoutModel;
    private transient Counter dropped;
    private transient Histogram flushLatency;

    public ForecastOperator(ForecastSettings settings) {
        this.settings = settings;
    }

    @Override
    public void setMailboxExecutor(MailboxExecutor mailboxExecutor) {
        super.setMailboxExecutor(mailboxExecutor);
        this.mailbox = mailboxExecutor;
    }

    @Override
    public void open() throws Exception {
        super.open();
        registry = new ModelRegistry(settings.modelsPath(), settings.inference(), settings.refreshInterval());
        schedule = new ForecastSchedule(settings, new ForecastSchedule.Models() {
            @Override
            public ForecastModel active(ZoneId zone, Horizon horizon) {
                return activeModel(zone, horizon);
            }

            @Override
            public java.time.ZoneId timeZone(ForecastModel model) {
                return view(model).timeZone;
            }
        });
        zones = getPartitionedState(new ValueStateDescriptor<>("zone", TypeInformation.of(ZoneState.class)));
        batches = new IdentityHashMap<>();
        views = new IdentityHashMap<>();
        heldWatermarks = new ArrayDeque<>();
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        inference = !settings.inferenceThread() ? null : Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "forecast-inference-" + subtask);
            thread.setDaemon(true);
            return thread;
        });
        zonesWarned = new HashSet<>();
        skills = new HashMap<>();
        reuse = new StreamRecord<>(null);
        provider = "none";
        MetricGroup m = getMetricGroup();
        forecasts = m.counter("forecasts");
        dayAheadForecasts = m.counter("dayAheadForecasts");
        intradayForecasts = m.counter("intradayForecasts");
        rows = m.counter("rows");
        shadowRows = m.counter("shadowRows");
        batchCount = m.counter("batches");
        withoutModel = m.counter("requestsWithoutModel");
        dropped = m.counter("forecastsDropped");
        flushLatency = m.histogram("flushLatencyMicros", new DescriptiveStatisticsHistogram(1000));
        m.gauge("executionProvider", () -> provider);
        m.gauge("zonesWithoutModel", () -> zonesWarned.size());
        LOGGER.info("forecast operator open: models={} provider={} batchSize={} maxBatchDelay={} refreshInterval={}",
                settings.modelsPath(), settings.executionProvider(), settings.batchSize(), settings.maxBatchDelay(),
                settings.refreshInterval());
    }

    @Override
    public void processElement(StreamRecord<ZoneLoad> record) throws Exception {
        ZoneLoad load = record.getValue();
        long start = load.windowStart().getEpochSecond();
        if (!load.window().equals(HOUR) || start % 3600 != 0) {
            return;
        }
        if (registry.refreshDue()) {
            Object key = getCurrentKey();
            refreshRegistry();
            setCurrentKey(key); // the drain before a refresh may have moved to other zones' state
        }
        long hour = start / 3600;
        double consumption = -load.activePowerMw();
        ZoneState state = zones.value();
        if (state == null) {
            state = ZoneState.empty();
        }
        boolean newer = state.put(hour, consumption);
        score(load.zone().value(), state, hour, consumption);
        if (!newer) {
            zones.update(state);
            return;
        }
        Instant known = Instant.ofEpochSecond((hour + 1) * 3600);
        List<Planned> planned = new ArrayList<>(2);
        schedule.plan(load.zone(), state, known, planned);
        zones.update(state);
        if (planned.isEmpty()) {
            return;
        }
        HourlySeries history = state.series();
        Object key = getCurrentKey();
        for (Planned p : planned) {
            enqueue(p, p.model(), false, history, known.toEpochMilli());
            ForecastModel shadow = registry.shadow(load.zone(), p.horizon()).orElse(null);
            if (shadow != null) {
                enqueue(p, shadow, true, history, known.toEpochMilli());
            }
        }
        setCurrentKey(key); // a flush above may have moved to other zones' state
    }

    /** The zone's active model, or null with one WARN per zone and horizon until it has one. */
    private ForecastModel activeModel(ZoneId zone, Horizon horizon) {
        ForecastModel model = registry.active(zone, horizon).orElse(null);
        String key = zone.value() + "|" + horizon;
        if (model == null) {
            withoutModel.inc();
            if (zonesWarned.add(key)) {
                LOGGER.warn("no active {} model for zone {} in {}; its {} forecasts are skipped until one is activated",
                        horizon, zone, registry.root(), horizon.name().toLowerCase(Locale.ROOT));
            }
        } else if (!zonesWarned.isEmpty() && zonesWarned.remove(key)) {
            LOGGER.info("zone {} has an active {} model again: {}", zone, horizon, model.metadata().version());
        }
        return model;
    }

    private void enqueue(Planned p, ForecastModel model, boolean shadow, HourlySeries history, long timestamp)
            throws Exception {
        ModelBatch batch = batches.get(model);
        if (batch == null) {
            batch = new ModelBatch(model, Math.min(settings.batchSize(), 4096));
            batches.put(model, batch);
        }
        if (batch.rows > 0 && batch.rows + p.hours() > settings.batchSize()) {
            flush(batch);
        }
        ModelView view = view(model);
        int offset = batch.reserve(p.hours());
        int features = batch.features;
        for (int i = 0; i < p.hours(); i++) {
            Instant target = Instant.ofEpochSecond((p.firstTargetHour() + i) * 3600);
            view.features.fill(history, null, p.featureIssue(), target, batch.input, offset + i * features);
        }
        batch.requests.add(new Request(p.zone(), p.horizon(), shadow, p.publishedIssue(), p.featureIssue(),
                p.firstTargetHour(), batch.rows - p.hours(), p.hours(), timestamp));
        bufferedRows += p.hours();
        if (batch.rows >= settings.batchSize()) {
            flush(batch);
        } else if (!timerPending) {
            timerPending = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + settings.maxBatchDelay().toMillis(), this::onBatchDelay);
        }
    }

    private void onBatchDelay(long time) throws Exception {
        timerPending = false;
        flushAll();
        if (registry.refreshDue()) {
            refreshRegistry();
        }
    }

    /** Hands every buffered row to the inference thread. */
    private void flushAll() throws Exception {
        if (bufferedRows == 0) {
            return;
        }
        Object key = getCurrentKey();
        for (ModelBatch batch : batches.values()) {
            if (batch.rows > 0) {
                flush(batch);
            }
        }
        if (key != null) {
            setCurrentKey(key);
        }
    }

    /** Flushes and waits until every forecast requested so far is emitted. */
    private void drain() throws Exception {
        flushAll();
        Object key = getCurrentKey();
        while (inFlight > 0) {
            mailbox.yield();
        }
        if (key != null) {
            setCurrentKey(key);
        }
    }

    /**
     * Hands one model's buffered rows to the inference thread as one batch (waiting while {@value #MAX_IN_FLIGHT}
     * batches are already there). The model runs there while this thread goes on with the next records; the
     * forecasts are built and emitted back on this thread ({@link #complete}), in submission order.
     */
    private void flush(ModelBatch buffered) throws Exception {
        flushDepth++;
        try {
            while (inFlight >= MAX_IN_FLIGHT) {
                mailbox.yield();
            }
            if (buffered.rows == 0) {
                return; // a mail run while waiting flushed it already
            }
            ModelBatch batch = buffered.detach();
            bufferedRows -= batch.rows;
            inFlight++;
            long sequence = ++submittedBatches;
            if (inference == null) { // forecast.inference-thread=false
                long started = System.nanoTime();
                batch.predict();
                complete(batch, sequence, (System.nanoTime() - started) / 1000, null);
                return;
            }
            inference.execute(() -> {
                long started = System.nanoTime();
                Throwable failure = null;
                try {
                    batch.predict();
                } catch (Throwable t) {
                    failure = t;
                }
                long micros = (System.nanoTime() - started) / 1000;
                Throwable error = failure;
                mailbox.execute(() -> complete(batch, sequence, micros, error), "forecast batch");
            });
        } finally {
            flushDepth--;
        }
    }

    /** Back on the task thread: emits the batch's active forecasts and stores every forecast for scoring. */
    private void complete(ModelBatch batch, long sequence, long micros, Throwable failure) throws Exception {
        inFlight--;
        if (failure != null) {
            throw new IllegalStateException("model " + batch.model.metadata().version() + " failed on a batch of "
                    + batch.rows + " rows", failure);
        }
        flushLatency.update(micros);
        ModelView view = view(batch.model);
        provider = batch.model.executionProvider();
        int shadow = 0;
        for (Request r : batch.requests) {
            shadow += r.shadow() ? r.rows() : 0;
            double[] sorted = ForecastRows.sorted(batch.output, r.firstRow(), r.rows(), batch.quantiles);
            if (!ForecastRows.allFinite(sorted)) {
                dropped.inc();
                LOGGER.warn("forecast dropped: model {} returned a non-finite value for zone {} {} issued {}",
                        view.version, r.zone(), r.horizon(), r.issueTime());
                continue;
            }
            if (!r.shadow()) {
                emit(r, view, sorted);
            }
            remember(r, view, sorted);
        }
        rows.inc(batch.rows);
        shadowRows.inc(shadow);
        batchCount.inc();
        Watermark release = null;
        while (!heldWatermarks.isEmpty() && heldWatermarks.peekFirst().batch() <= sequence) {
            release = heldWatermarks.pollFirst().watermark();
        }
        if (release != null) {
            super.processWatermark(release);
        }
    }

    /** A watermark that waits for batch {@code batch} (and every one before it) to be emitted. */
    private record HeldWatermark(long batch, Watermark watermark) {
    }

    private void emit(Request r, ModelView view, double[] sorted) {
        Forecast forecast = ForecastRows.publish(r.zone(), r.horizon(), r.issueTime(), r.madeAt(), sorted, r.rows(),
                view);
        output.collect(reuse.replace(forecast, r.timestamp()));
        forecasts.inc();
        (r.horizon() == Horizon.DAY_AHEAD ? dayAheadForecasts : intradayForecasts).inc();
    }

    // ------------------------------------------------------------------------------------------------ live skill

    /**
     * Keeps each forecast hour's quantiles in the zone's state until its actual arrives, or scores it at once when
     * the actual came while the rows waited for their batch (scores must not depend on flush timing).
     */
    private void remember(Request r, ModelView view, double[] sorted) throws Exception {
        String zone = r.zone().value();
        setCurrentKey(zone);
        ZoneState state = zones.value();
        if (state == null) {
            return;
        }
        int q = view.levels.length;
        int track = track(r.horizon(), r.shadow());
        for (int i = 0; i < r.rows(); i++) {
            long hour = r.firstTargetHour() + i;
            float[] values = new float[q];
            for (int j = 0; j < q; j++) {
                values[j] = (float) sorted[i * q + j];
            }
            double actual = state.at(hour);
            if (Double.isNaN(actual)) {
                state.remember(hour, track, view.levels, values);
            } else {
                skill(zone, track).add(actual, view.levels, values);
            }
        }
        zones.update(state);
    }

    /** Scores every remembered forecast of {@code hour} against its actual, then forgets them. */
    private void score(String zone, ZoneState state, long hour, double actual) {
        float[] entries = state.takePending(hour);
        for (int at = 0; entries != null && at < entries.length; ) {
            int track = (int) entries[at];
            int q = (int) entries[at + 1];
            float[] levels = Arrays.copyOfRange(entries, at + 2, at + 2 + q);
            float[] values = Arrays.copyOfRange(entries, at + 2 + q, at + 2 + 2 * q);
            skill(zone, track).add(actual, levels, values);
            at += 2 + 2 * q;
        }
    }

    private static int track(Horizon horizon, boolean shadow) {
        return (shadow ? 2 : 0) + (horizon == Horizon.INTRADAY ? 1 : 0);
    }

    private LiveSkill skill(String zone, int track) {
        String horizon = (track % 2 == 0 ? Horizon.DAY_AHEAD : Horizon.INTRADAY).name().toLowerCase(Locale.ROOT);
        String role = track < 2 ? "active" : "shadow";
        return skills.computeIfAbsent(zone + "|" + horizon + "|" + role, k -> {
            LiveSkill s = new LiveSkill(settings.skillWindow());
            MetricGroup g = getMetricGroup().addGroup("zone", zone).addGroup("horizon", horizon)
                    .addGroup("model", role);
            g.gauge("mape", s::mape);
            g.gauge("pinball", s::pinball);
            g.gauge("scoredHours", s::evaluated);
            return s;
        });
    }

    /** The live skill of a zone's forecasts (for tests); null before the first scored hour. */
    LiveSkill skillOf(String zone, Horizon horizon, boolean shadow) {
        return skills.get(zone + "|" + horizon.name().toLowerCase(Locale.ROOT) + "|" + (shadow ? "shadow" : "active"));
    }

    // ------------------------------------------------------------------------------------------ lifecycle, models

    /**
     * Lets the registry look at its pointer files: first every forecast requested so far is emitted, so no model a
     * row was built for can be closed under it. Not from inside a flush (a mail run while a flush waits).
     */
    private void refreshRegistry() throws Exception {
        if (flushDepth > 0) {
            return;
        }
        drain();
        if (registry.refresh()) {
            // Nothing is buffered or running: forget what was derived from models that may now be closed.
            batches.clear();
            views.clear();
        }
    }

    private ModelView view(ForecastModel model) {
        ModelView view = views.get(model);
        if (view == null) {
            view = new ModelView(model.metadata());
            views.put(model, view);
            if (view.features.needsTemperature()) {
                LOGGER.warn("model {} takes weather features, which this stream does not carry: they are NaN",
                        view.version);
            }
        }
        return view;
    }

    /**
     * A watermark goes on only after every forecast requested before it: at once when nothing is buffered or
     * running, else the buffers are handed over and it waits for the last of those batches.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (bufferedRows == 0 && inFlight == 0 && heldWatermarks.isEmpty()) {
            super.processWatermark(mark);
            return;
        }
        flushAll();
        HeldWatermark last = heldWatermarks.peekLast();
        if (last != null && last.batch() == submittedBatches) {
            heldWatermarks.pollLast();
        }
        heldWatermarks.addLast(new HeldWatermark(submittedBatches, mark));
        if (inFlight == 0) { // nothing was buffered: the batches it waits for are all done
            releaseHeldWatermarks();
        }
    }

    private void releaseHeldWatermarks() throws Exception {
        Watermark release = null;
        while (!heldWatermarks.isEmpty()) {
            release = heldWatermarks.pollFirst().watermark();
        }
        if (release != null) {
            super.processWatermark(release);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        drain(); // nothing requested before the barrier may be missing from this checkpoint's output
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() throws Exception {
        drain();
    }

    @Override
    public void finish() throws Exception {
        drain();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        if (inference != null) {
            inference.shutdownNow();
            inference.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (registry != null) {
            registry.close();
        }
        super.close();
    }
}
