package io.gridai.sim.series;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Loader for the Open Power System Data hourly file of France
 * ({@code load/opsd-fr/time_series_60min_singleindex_filtered.csv} of the shared data set): ENTSO-E
 * Transparency Platform load, 2015–2019, MW.
 *
 * <p><b>Time.</b> Times are the file's {@code utc_timestamp} (UTC, hour starting at the timestamp); the
 * {@code cet_cest_timestamp} column is ignored. Rows must be consecutive hours.
 *
 * <p><b>Missing values.</b> An empty cell is filled by linear interpolation in time between the nearest
 * non-empty neighbours before and after it; at the start or end of the file, where one neighbour is lacking,
 * the nearest available value is held. The number of filled samples is reported.
 */
public final class OpsdFranceLoad {

    /** The standard file name. */
    public static final String FILE = "time_series_60min_singleindex_filtered.csv";
    /** Actual load, MW. */
    public static final String ACTUAL_COLUMN = "FR_load_actual_entsoe_transparency";
    /** The grid operator's day-ahead load forecast, MW: the baseline a load forecaster is measured against. */
    public static final String FORECAST_COLUMN = "FR_load_forecast_entsoe_transparency";
    /** Step between rows. */
    public static final Duration STEP = Duration.ofHours(1);

    private static final String TIME_COLUMN = "utc_timestamp";

    private OpsdFranceLoad() {
    }

    /**
     * The actual hourly load of France ({@link #ACTUAL_COLUMN}), MW, from the first {@code utc_timestamp} of the
     * file, with missing values filled.
     *
     * @param csv the file, or the folder holding it as {@link #FILE}
     */
    public static LoadedSeries load(Path csv) {
        return load(csv, ACTUAL_COLUMN);
    }

    /**
     * One MW column of the file as an hourly series from the first {@code utc_timestamp}, with missing values
     * filled.
     *
     * @param csv    the file, or the folder holding it as {@link #FILE}
     * @param column the column's header, e.g. {@link #ACTUAL_COLUMN} or {@link #FORECAST_COLUMN}
     */
    public static LoadedSeries load(Path csv, String column) {
        Path file = Files.isDirectory(csv) ? csv.resolve(FILE) : csv;
        CsvTable table = CsvTable.read(file);
        table.requireRows();
        int time = table.column(TIME_COLUMN);
        int value = table.column(column);
        List<CsvTable.Row> rows = table.rows();
        double[] values = new double[rows.size()];
        boolean[] missing = new boolean[rows.size()];
        Instant start = null;
        for (int r = 0; r < rows.size(); r++) {
            CsvTable.Row row = rows.get(r);
            Instant t = timestamp(row, time);
            if (start == null) {
                start = t;
            } else {
                Instant expected = start.plus(STEP.multipliedBy(r));
                if (!t.equals(expected)) {
                    throw row.error(time, "timestamp " + t + " where " + expected + " was expected",
                            "the file needs one row per hour, in order, without gaps or repeats");
                }
            }
            missing[r] = row.blank(value);
            values[r] = missing[r] ? Double.NaN : row.number(value);
        }
        return fill(table, column, start, values, missing);
    }

    private static Instant timestamp(CsvTable.Row row, int column) {
        try {
            return Instant.parse(row.text(column));
        } catch (DateTimeParseException e) {
            throw row.error(column, "'" + row.text(column) + "' is not a UTC timestamp",
                    "write it as ISO-8601 with a Z, e.g. 2015-01-01T00:00:00Z");
        }
    }

    private static LoadedSeries fill(CsvTable table, String column, Instant start, double[] values,
            boolean[] missing) {
        int filled = 0;
        int longestGap = 0;
        int n = values.length;
        int i = 0;
        while (i < n) {
            if (!missing[i]) {
                i++;
                continue;
            }
            int gapStart = i;
            while (i < n && missing[i]) {
                i++;
            }
            int gapEnd = i; // exclusive
            int before = gapStart - 1;
            int after = gapEnd < n ? gapEnd : -1;
            if (before < 0 && after < 0) {
                throw new SeriesDataException(table.file(), 0, table.file() + ": column '" + column
                        + "' has no value in any row; choose a column with data");
            }
            for (int k = gapStart; k < gapEnd; k++) {
                if (before < 0) {
                    values[k] = values[after];
                } else if (after < 0) {
                    values[k] = values[before];
                } else {
                    double fraction = (k - before) / (double) (after - before);
                    values[k] = values[before] + (values[after] - values[before]) * fraction;
                }
            }
            filled += gapEnd - gapStart;
            longestGap = Math.max(longestGap, gapEnd - gapStart);
        }
        return new LoadedSeries(new TimeSeries(start, STEP, values), filled, longestGap);
    }
}
