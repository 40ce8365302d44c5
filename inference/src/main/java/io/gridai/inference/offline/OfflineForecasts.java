package io.gridai.inference.offline;

import io.gridai.inference.flink.ForecastOperator;
import io.gridai.inference.flink.ForecastRows;
import io.gridai.inference.flink.ForecastSchedule;
import io.gridai.inference.flink.ForecastSchedule.Planned;
import io.gridai.inference.flink.ForecastSettings;
import io.gridai.inference.flink.ModelView;
import io.gridai.inference.flink.ZoneState;
import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.registry.ModelRegistry;
import io.gridai.inference.series.HourlySeries;
import io.gridai.model.Forecast;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The forecasts the streaming {@link ForecastOperator} publishes, computed offline: no Flink, no Kafka, one thread.
 * A sandbox that replays archived telemetry through the forecast job can be checked against it: for the same zone
 * loads and the same active models, every published {@link Forecast} is {@linkplain Forecast#equals equal} (values,
 * issue time, step, levels, model version, {@code madeAt}).
 *
 * <p>It is the operator's own logic, not a copy: the per-zone state is the operator's {@link ZoneState} (360 hours,
 * late and corrected hours update it but trigger nothing), the decisions are {@link ForecastSchedule} (day-ahead at
 * the issue time in the active model's time zone, intraday on the cadence, {@code forecast.history.min-hours} in the
 * week before the issue time), the feature rows come from the model's {@code FeatureBuilder} on the history known
 * when the forecast is requested, and {@link ForecastRows} turns the model's output into the forecast (each row's
 * quantiles sorted, a forecast with a non-finite value dropped, generator sign, intraday 5-minute interpolation).
 *
 * <p>What it does not reproduce, by design:
 * <ul>
 *   <li><b>Hot swap.</b> The operator refreshes its registry on processing time; this runner uses what
 *       {@link ModelRegistry#active} returns for each zone and horizon while it runs and never calls
 *       {@link ModelRegistry#refresh}. It matches a job whose ACTIVE pointers did not change while it ran.</li>
 *   <li><b>Interleaving across horizons.</b> The operator batches rows per model and emits a batch when it fills, on
 *       a processing-time delay, at a watermark, a checkpoint or the end of input; so for one zone the day-ahead and
 *       intraday forecasts (different models) may come out interleaved differently from run to run. Per zone and
 *       horizon the order is the operator's (request order); the values never depend on batching.</li>
 *   <li>Shadow models (never published), live skill and metrics.</li>
 * </ul>
 */
public final class OfflineForecasts {

    private static final Duration HOUR = Duration.ofHours(1);

    private OfflineForecasts() {
    }

    /**
     * The forecasts {@link ForecastOperator} would publish for these zone loads, computed without Flink.
     *
     * @param registry the models: each zone's ACTIVE day-ahead and intraday model, as the registry serves them now
     *                 (it is not refreshed; the caller keeps ownership and closes it)
     * @param settings the job's settings; the schedule reads {@code forecast.day-ahead.issue-time},
     *                 {@code forecast.intraday.cadence}, {@code forecast.intraday.hours} and
     *                 {@code forecast.history.min-hours} (batching, threads and Kafka settings change nothing here)
     * @param loads    zone loads in the order the job receives them: per zone, in the order they arrive (event-time
     *                 order, with any late or corrected hours where they arrive); zones may interleave. Only whole-hour
     *                 one-hour windows count, as in the operator; consumption is {@code -activePowerMw}
     * @return the forecasts, in the order of the input loads that triggered them (for one load: day-ahead, then
     *         intraday): per zone, the order the operator requests them; across zones, the input's order
     * @throws RuntimeException what the model throws when it cannot run
     */
    public static List<Forecast> run(ModelRegistry registry, ForecastSettings settings, List<ZoneLoad> loads) {
        Map<ForecastModel, ModelView> views = new IdentityHashMap<>();
        ForecastSchedule schedule = new ForecastSchedule(settings, new ForecastSchedule.Models() {
            @Override
            public ForecastModel active(ZoneId zone, Horizon horizon) {
                return registry.active(zone, horizon).orElse(null);
            }

            @Override
            public java.time.ZoneId timeZone(ForecastModel model) {
                return views.computeIfAbsent(model, m -> new ModelView(m.metadata())).timeZone;
            }
        });
        Map<ZoneId, ZoneState> zones = new HashMap<>();
        List<Forecast> out = new ArrayList<>();
        List<Planned> planned = new ArrayList<>(2);
        for (ZoneLoad load : loads) {
            long start = load.windowStart().getEpochSecond();
            if (!load.window().equals(HOUR) || start % 3600 != 0) {
                continue;
            }
            long hour = start / 3600;
            ZoneState state = zones.computeIfAbsent(load.zone(), z -> ZoneState.empty());
            if (!state.put(hour, -load.activePowerMw())) {
                continue; // a late or corrected hour: history only
            }
            Instant known = Instant.ofEpochSecond((hour + 1) * 3600);
            planned.clear();
            schedule.plan(load.zone(), state, known, planned);
            if (planned.isEmpty()) {
                continue;
            }
            HourlySeries history = state.series();
            for (Planned p : planned) {
                ModelView view = views.computeIfAbsent(p.model(), m -> new ModelView(m.metadata()));
                forecast(p.model(), view, p.zone(), p.horizon(), p.featureIssue(), p.publishedIssue(), p.hours(),
                        history).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * One forecast as the operator makes it: the features of {@code hours} consecutive target hours from
     * {@code issueTime} on, from the load known at {@code madeAt}, one run of {@code model}, then
     * {@link ForecastRows}.
     *
     * @param model     the model
     * @param zone      the zone it is published for
     * @param horizon   day-ahead (hourly steps) or intraday (5-minute steps)
     * @param madeAt    the features' issue time: 10:00 the day before for day-ahead, {@code issueTime} for intraday
     * @param issueTime the start of the first target hour (a whole hour)
     * @param hours     target hours (day-ahead: the 23, 24 or 25 hours of the local day; intraday:
     *                  {@code forecast.intraday.hours})
     * @param load      hourly consumption (MW, positive); only hours over by {@code madeAt} are read
     * @return the forecast; empty when the model returned a non-finite value (the operator drops it)
     */
    public static Optional<Forecast> forecast(ForecastModel model, ZoneId zone, Horizon horizon, Instant madeAt,
            Instant issueTime, int hours, HourlySeries load) {
        return forecast(model, new ModelView(model.metadata()), zone, horizon, madeAt, issueTime, hours, load);
    }

    private static Optional<Forecast> forecast(ForecastModel model, ModelView view, ZoneId zone, Horizon horizon,
            Instant madeAt, Instant issueTime, int hours, HourlySeries load) {
        if (issueTime.getEpochSecond() % 3600 != 0 || issueTime.getNano() != 0) {
            throw new IllegalArgumentException("a forecast's issue time is a whole hour, not " + issueTime);
        }
        int f = view.features.size();
        int q = view.quantiles();
        long firstTargetHour = issueTime.getEpochSecond() / 3600;
        float[] input = new float[hours * f];
        for (int i = 0; i < hours; i++) {
            Instant target = Instant.ofEpochSecond((firstTargetHour + i) * 3600);
            view.features.fill(load, null, madeAt, target, input, i * f);
        }
        float[] output = new float[hours * q];
        model.predict(input, hours, output);
        double[] sorted = ForecastRows.sorted(output, 0, hours, q);
        if (!ForecastRows.allFinite(sorted)) {
            return Optional.empty();
        }
        return Optional.of(ForecastRows.publish(zone, horizon, issueTime, madeAt, sorted, hours, view));
    }
}
