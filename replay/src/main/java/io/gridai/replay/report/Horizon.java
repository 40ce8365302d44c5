package io.gridai.replay.report;

import io.gridai.model.Forecast;

/**
 * Which kind of forecast a {@link Forecast} is, told by when it was made: a day-ahead forecast is made before its
 * horizon starts ({@code madeAt < issueTime}; the forecast job makes it at 10:00 the day before, in 1 h steps), an
 * intraday one at its issue time ({@code madeAt == issueTime}, 5 min steps).
 */
public enum Horizon {
    DAY_AHEAD("day-ahead"),
    INTRADAY("intraday");

    private final String label;

    Horizon(String label) {
        this.label = label;
    }

    /** The name used in the report's files: {@code day-ahead} or {@code intraday}. */
    public String label() {
        return label;
    }

    /** {@link #DAY_AHEAD} when the forecast was made before its issue time, else {@link #INTRADAY}. */
    public static Horizon of(Forecast forecast) {
        return forecast.madeAt().isBefore(forecast.issueTime()) ? DAY_AHEAD : INTRADAY;
    }

    @Override
    public String toString() {
        return label;
    }
}
