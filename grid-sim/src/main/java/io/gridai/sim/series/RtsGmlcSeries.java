package io.gridai.sim.series;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Loaders for the RTS-GMLC 2020 time series ({@code rts-gmlc/timeseries/} of the shared data set, or the
 * same files from the upstream {@code RTS_Data/timeseries_data_files}).
 *
 * <p><b>Time.</b> The files carry calendar fields and a period number but no time zone; the upstream model
 * treats them as local standard time without daylight saving. Here they are read as UTC-equivalent clock
 * time: period {@code p} of day {@code d} starts at {@code d 00:00Z + (p − 1) × step}. So 2020-01-01 period 1
 * is {@code 2020-01-01T00:00:00Z}. Rows must follow each other without gaps.
 *
 * <p>Each method that reads one file accepts either that file or the folder holding it under its standard
 * name ({@link #DAY_AHEAD_LOAD_FILE}, …).
 */
public final class RtsGmlcSeries {

    /** Peak load of each RTS-GMLC region, MW: the regional real-time profiles are scaled to it. */
    public static final double REGION_PEAK_MW = 2850.0;

    /**
     * The real-time load profile files by region id: region 1 = APS, 2 = NEVP, 3 = LDWP, as the upstream
     * {@code adjust_load_format.R} maps them.
     */
    public static final SortedMap<String, String> REAL_TIME_LOAD_FILES = Collections.unmodifiableSortedMap(
            new TreeMap<>(Map.of("1", "RT_APS_Promod_2020.csv", "2", "RT_NEVP_Promod_2020.csv",
                    "3", "RT_LDWP_Promod_2020.csv")));

    /** Hourly regional load forecast, MW per region ({@code Year,Month,Day,Period,1,2,3}). */
    public static final String DAY_AHEAD_LOAD_FILE = "DAY_AHEAD_regional_Load.csv";
    /** 5-minute available wind power, MW per generator. */
    public static final String REAL_TIME_WIND_FILE = "REAL_TIME_wind.csv";
    /** Hourly available wind power forecast, MW per generator. */
    public static final String DAY_AHEAD_WIND_FILE = "DAY_AHEAD_wind.csv";
    /** Hourly available utility-scale PV power, MW per generator. */
    public static final String DAY_AHEAD_PV_FILE = "DAY_AHEAD_pv.csv";
    /** Hourly hydro output, MW per generator. */
    public static final String DAY_AHEAD_HYDRO_FILE = "DAY_AHEAD_hydro.csv";

    /** Step of the real-time files: 288 periods a day. */
    public static final Duration REAL_TIME_STEP = Duration.ofMinutes(5);
    /** Step of the day-ahead files: 24 periods a day. */
    public static final Duration DAY_AHEAD_STEP = Duration.ofHours(1);

    private static final Duration DAY = Duration.ofDays(1);

    private RtsGmlcSeries() {
    }

    /**
     * The real-time (5-minute) load of the three regions, MW, for the whole year in the files (2020: 366 days ×
     * 288 periods). Each region's profile file holds one row per day ({@code Year,Month,Day,1..288}) in the
     * profile's own units; MW = value / the file's maximum × {@link #REGION_PEAK_MW}, as the data set's README
     * prescribes, so each region peaks at exactly 2850 MW.
     *
     * @param timeseriesDir the folder holding the three {@code RT_*_Promod_2020.csv} files
     */
    public static RegionalLoad realTimeRegionalLoad(Path timeseriesDir) {
        Map<String, TimeSeries> regions = new LinkedHashMap<>();
        REAL_TIME_LOAD_FILES.forEach((region, name) -> {
            Path file = timeseriesDir.resolve(name);
            TimeSeries profile = dailyRowProfile(file);
            if (!(profile.max() > 0)) {
                throw new SeriesDataException(file, 0, file + ": the largest value is " + profile.max()
                        + ", so the profile cannot be scaled to its peak; a load profile needs positive values");
            }
            regions.put(region, profile.normalised().scaled(REGION_PEAK_MW));
        });
        return new RegionalLoad(regions);
    }

    /**
     * One profile file in the layout {@code Year,Month,Day,1..N}: one row per day, {@code N} equal periods per
     * day (288 for 5 minutes), in the file's own units, unscaled.
     *
     * @param file the CSV file
     */
    public static TimeSeries dailyRowProfile(Path file) {
        CsvTable table = CsvTable.read(file);
        table.requireLeadingColumns("Year", "Month", "Day");
        table.requireRows();
        int periods = table.header().size() - 3;
        for (int p = 1; p <= periods; p++) {
            if (!table.header().get(2 + p).trim().equals(Integer.toString(p))) {
                throw new SeriesDataException(file, 1, file + ", line 1: column " + (3 + p) + " is '"
                        + table.header().get(2 + p) + "' but should be period '" + p
                        + "'; the header must be Year,Month,Day,1,2,...,N");
            }
        }
        if (periods == 0 || DAY.toNanos() % periods != 0) {
            throw new SeriesDataException(file, 1, file + ", line 1: " + periods
                    + " periods a day do not divide a day evenly; use 24 (hourly), 288 (5-minute) or another divisor");
        }
        Duration step = DAY.dividedBy(periods);
        List<CsvTable.Row> rows = table.rows();
        double[] values = new double[Math.multiplyExact(rows.size(), periods)];
        LocalDate first = null;
        for (int r = 0; r < rows.size(); r++) {
            CsvTable.Row row = rows.get(r);
            LocalDate date = date(row);
            if (first == null) {
                first = date;
            } else if (!date.equals(first.plusDays(r))) {
                throw row.error("date " + date + " follows " + first.plusDays(r - 1L),
                        "the file needs one row per day, in order, without gaps or repeats");
            }
            for (int p = 0; p < periods; p++) {
                values[r * periods + p] = row.number(3 + p);
            }
        }
        return new TimeSeries(first.atStartOfDay(ZoneOffset.UTC).toInstant(), step, values);
    }

    /**
     * The day-ahead (hourly) regional load, MW per region id ({@code "1"}, {@code "2"}, {@code "3"}), as in
     * the file (already scaled to a 2850 MW regional peak upstream).
     *
     * @param path {@link #DAY_AHEAD_LOAD_FILE} or the folder holding it
     */
    public static RegionalLoad dayAheadRegionalLoad(Path path) {
        return new RegionalLoad(periodColumns(resolve(path, DAY_AHEAD_LOAD_FILE), DAY_AHEAD_STEP));
    }

    /**
     * The real-time (5-minute) available power of each wind plant, MW, by generator id ({@code 309_WIND_1}, …).
     *
     * @param path {@link #REAL_TIME_WIND_FILE} or the folder holding it
     */
    public static Map<String, TimeSeries> realTimeWind(Path path) {
        return periodColumns(resolve(path, REAL_TIME_WIND_FILE), REAL_TIME_STEP);
    }

    /**
     * The day-ahead (hourly) available power of each wind plant, MW, by generator id.
     *
     * @param path {@link #DAY_AHEAD_WIND_FILE} or the folder holding it
     */
    public static Map<String, TimeSeries> dayAheadWind(Path path) {
        return periodColumns(resolve(path, DAY_AHEAD_WIND_FILE), DAY_AHEAD_STEP);
    }

    /**
     * The day-ahead (hourly) available power of each utility-scale PV plant, MW, by generator id
     * ({@code 101_PV_1}, …); zero at night.
     *
     * @param path {@link #DAY_AHEAD_PV_FILE} or the folder holding it
     */
    public static Map<String, TimeSeries> dayAheadPv(Path path) {
        return periodColumns(resolve(path, DAY_AHEAD_PV_FILE), DAY_AHEAD_STEP);
    }

    /**
     * The day-ahead (hourly) output of each hydro plant, MW, by generator id ({@code 122_HYDRO_1}, …).
     *
     * @param path {@link #DAY_AHEAD_HYDRO_FILE} or the folder holding it
     */
    public static Map<String, TimeSeries> dayAheadHydro(Path path) {
        return periodColumns(resolve(path, DAY_AHEAD_HYDRO_FILE), DAY_AHEAD_STEP);
    }

    /**
     * A file in the layout {@code Year,Month,Day,Period,<column>...}: one row per period, periods 1 to
     * {@code 1 day / step}, rows consecutive; one series per value column, in the file's units, keyed by the
     * column's header, in the file's order.
     *
     * @param file the CSV file
     * @param step the length of one period (1 h for day-ahead, 5 min for real-time files)
     */
    public static Map<String, TimeSeries> periodColumns(Path file, Duration step) {
        if (step.isNegative() || step.isZero() || DAY.toNanos() % step.toNanos() != 0) {
            throw new IllegalArgumentException("step " + step + " must divide a day evenly, e.g. PT1H or PT5M");
        }
        int periodsPerDay = (int) (DAY.toNanos() / step.toNanos());
        CsvTable table = CsvTable.read(file);
        table.requireLeadingColumns("Year", "Month", "Day", "Period");
        table.requireRows();
        int columns = table.header().size() - 4;
        if (columns == 0) {
            throw new SeriesDataException(file, 1, file + ", line 1: no value columns after Year,Month,Day,Period; "
                    + "add one column per region or generator");
        }
        List<CsvTable.Row> rows = table.rows();
        double[][] values = new double[columns][rows.size()];
        Instant start = null;
        for (int r = 0; r < rows.size(); r++) {
            CsvTable.Row row = rows.get(r);
            int period = row.integer(3);
            if (period < 1 || period > periodsPerDay) {
                throw row.error(3, "period " + period + " is outside 1.." + periodsPerDay,
                        "a file with " + step + " steps numbers the periods of each day 1 to " + periodsPerDay);
            }
            Instant time = date(row).atStartOfDay(ZoneOffset.UTC).toInstant().plus(step.multipliedBy(period - 1L));
            if (start == null) {
                start = time;
            } else {
                Instant expected = start.plus(step.multipliedBy(r));
                if (!time.equals(expected)) {
                    throw row.error("this row is for " + time + " but the previous row was for "
                            + expected.minus(step) + ", so " + expected + " was expected",
                            "the file needs one row per period, in order, without gaps or repeats");
                }
            }
            for (int c = 0; c < columns; c++) {
                values[c][r] = row.number(4 + c);
            }
        }
        Map<String, TimeSeries> series = new LinkedHashMap<>();
        for (int c = 0; c < columns; c++) {
            String name = table.header().get(4 + c).trim();
            if (series.put(name, new TimeSeries(start, step, values[c])) != null) {
                throw new SeriesDataException(file, 1, file + ", line 1: column '" + name
                        + "' appears twice; give each column a distinct name");
            }
        }
        return Collections.unmodifiableMap(series);
    }

    private static LocalDate date(CsvTable.Row row) {
        int year = row.integer(0);
        int month = row.integer(1);
        int day = row.integer(2);
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw row.error("Year,Month,Day " + year + "," + month + "," + day + " is not a date",
                    "correct the date");
        }
    }

    private static Path resolve(Path path, String standardName) {
        return Files.isDirectory(path) ? path.resolve(standardName) : path;
    }
}
