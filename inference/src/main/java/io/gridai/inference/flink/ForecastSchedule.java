package io.gridai.inference.flink;

import io.gridai.inference.features.DayAhead;
import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.model.id.ZoneId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Which forecasts a zone gets when a new hour of its load is known: the {@link ForecastOperator}'s day-ahead and
 * intraday schedule, driven by event time only (see the operator's documentation). One implementation, used by the
 * operator and by {@link io.gridai.inference.offline.OfflineForecasts}, so both make the same decisions. It updates
 * the zone's {@link ZoneState#dayAheadDay} and {@link ZoneState#intradayIssue}.
 */
public final class ForecastSchedule {

    /**
     * A forecast to request.
     *
     * @param zone            the zone
     * @param horizon         day-ahead or intraday
     * @param model           the active model it comes from
     * @param featureIssue    the features' issue time: what the forecast is made from (its {@code madeAt})
     * @param publishedIssue  the published issue time, the start of the first target hour
     * @param firstTargetHour epoch hour of the first target
     * @param hours           target hours, consecutive
     */
    public record Planned(ZoneId zone, Horizon horizon, ForecastModel model, Instant featureIssue,
            Instant publishedIssue, long firstTargetHour, int hours) {
    }

    /** Where the schedule finds a zone's active model, and the time zone a model's day is in. */
    public interface Models {

        /** The active model of {@code zone}'s {@code horizon} forecasts, or null when it has none. */
        ForecastModel active(ZoneId zone, Horizon horizon);

        /** The time zone of {@code model} (its day-ahead issue time is local to it). */
        java.time.ZoneId timeZone(ForecastModel model);
    }

    private final ForecastSettings settings;
    private final Models models;
    private final long cadenceSeconds;

    public ForecastSchedule(ForecastSettings settings, Models models) {
        this.settings = settings;
        this.models = models;
        this.cadenceSeconds = settings.intradayCadence().toSeconds();
    }

    /**
     * Appends to {@code planned} the forecasts to request once the load up to {@code known} is in {@code state}
     * (call it only when {@code known} is the end of the newest hour, just stored): day-ahead first, then intraday.
     */
    public void plan(ZoneId zone, ZoneState state, Instant known, List<Planned> planned) {
        planDayAhead(zone, state, known, planned);
        planIntraday(zone, state, known, planned);
    }

    private void planDayAhead(ZoneId zone, ZoneState state, Instant known, List<Planned> planned) {
        ForecastModel model = models.active(zone, Horizon.DAY_AHEAD);
        if (model == null) {
            return;
        }
        DayAhead schedule = new DayAhead(models.timeZone(model), settings.dayAheadIssueTime());
        ZonedDateTime local = known.atZone(schedule.zone());
        if (local.toLocalTime().isBefore(schedule.issueTime())) {
            return;
        }
        LocalDate day = local.toLocalDate().plusDays(1);
        if (state.dayAheadDay != ZoneState.NONE && state.dayAheadDay >= day.toEpochDay()) {
            return;
        }
        state.dayAheadDay = day.toEpochDay();
        Instant issue = schedule.issueFor(day);
        if (issue.isAfter(known)) {
            issue = known; // an issue time inside a daylight-saving gap
        }
        if (!enoughHistory(state, issue)) {
            return;
        }
        List<Instant> targets = schedule.targets(day);
        planned.add(new Planned(zone, Horizon.DAY_AHEAD, model, issue, targets.get(0),
                targets.get(0).getEpochSecond() / 3600, targets.size()));
    }

    private void planIntraday(ZoneId zone, ZoneState state, Instant known, List<Planned> planned) {
        long t = known.getEpochSecond();
        if (t % cadenceSeconds != 0 || (state.intradayIssue != ZoneState.NONE && state.intradayIssue >= t)) {
            return;
        }
        ForecastModel model = models.active(zone, Horizon.INTRADAY);
        if (model == null) {
            return;
        }
        state.intradayIssue = t;
        if (!enoughHistory(state, known)) {
            return;
        }
        planned.add(new Planned(zone, Horizon.INTRADAY, model, known, known, t / 3600, settings.intradayHours()));
    }

    /** Whether the zone has {@code forecast.history.min-hours} known hours in the week before {@code issue}. */
    private boolean enoughHistory(ZoneState state, Instant issue) {
        long issueHour = issue.getEpochSecond() / 3600;
        return state.known(issueHour - 168, issueHour) >= settings.minHistoryHours();
    }
}
