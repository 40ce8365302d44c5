package io.gridai.sim.run;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.gridai.model.id.AssetId;
import io.gridai.sim.twin.GridTwin;

/**
 * A generator trip given ahead of a run ({@code GridTwinMain --trip}): the generator {@code asset} trips
 * {@code after} the run's start, in grid time.
 *
 * @param asset the generator, e.g. {@code gen-89-1}
 * @param after grid time from the start of the run to the trip, zero or positive
 */
public record ScheduledTrip(AssetId asset, Duration after) {

    public ScheduledTrip {
        if (asset == null) {
            throw new IllegalArgumentException("a scheduled trip needs the generator's asset id, e.g. gen-89-1");
        }
        if (after == null || after.isNegative()) {
            throw new IllegalArgumentException("the trip of " + asset + " needs a grid time after the start, zero or"
                    + " positive, was " + after);
        }
    }

    /** Grid time of the trip in a run that starts at {@code start}. */
    public Instant at(Instant start) {
        return start.plus(after);
    }

    /** Schedules this trip on {@code twin}, whose run starts at {@code start} ({@link GridTwin#trip}). */
    public void scheduleOn(GridTwin twin, Instant start) {
        twin.trip(asset, at(start));
    }

    /**
     * Reads comma-separated {@code ASSET@DURATION}, DURATION an ISO-8601 duration of grid time after the start,
     * e.g. {@code gen-89-1@PT60S,gen-10-1@PT10M}; blank or null gives none.
     *
     * @param option the option's name, for messages (e.g. {@code --trip})
     * @throws IllegalArgumentException naming the item at fault and the expected form
     */
    public static List<ScheduledTrip> parseList(String spec, String option) {
        List<ScheduledTrip> trips = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return trips;
        }
        for (String item : spec.split(",")) {
            String s = item.strip();
            int at = s.lastIndexOf('@');
            if (at <= 0 || at == s.length() - 1) {
                throw new IllegalArgumentException(option + " item '" + s + "' is not ASSET@DURATION; give e.g. "
                        + "gen-89-1@PT60S (the generator trips 60 s of grid time after the start)");
            }
            Duration after;
            try {
                after = Duration.parse(s.substring(at + 1));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " item '" + s + "': '" + s.substring(at + 1)
                        + "' is not an ISO-8601 duration; give e.g. PT60S or PT1H30M", e);
            }
            if (after.isNegative()) {
                throw new IllegalArgumentException(option + " item '" + s + "': the duration after the start must "
                        + "not be negative");
            }
            trips.add(new ScheduledTrip(AssetId.of(s.substring(0, at)), after));
        }
        return trips;
    }
}
