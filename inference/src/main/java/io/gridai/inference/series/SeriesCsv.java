package io.gridai.inference.series;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads one numeric column of a CSV file into an {@link HourlySeries}, keyed by a timestamp column, and says what
 * it had to repair: rows whose timestamp or value could not be read, duplicate timestamps (the first row wins),
 * sub-hourly rows (averaged into their hour) and hours with no value (left missing).
 */
public final class SeriesCsv {

    private static final ObjectReader ROWS = new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .readerForListOf(String.class);

    private SeriesCsv() {
    }

    /** The series and what reading it found. */
    public record Loaded(HourlySeries series, Report report) {
    }

    /**
     * What reading a column found.
     *
     * @param rows             data rows read
     * @param badTimestamps    rows whose timestamp could not be read (skipped)
     * @param emptyValues      rows with an empty or non-numeric value (their hour stays missing unless another row fills it)
     * @param duplicates       rows whose timestamp appeared before (skipped; the first one counts)
     * @param averagedIntoHour rows averaged with others of the same hour (sub-hourly data)
     * @param missingHours     hours between the first and last value that have no value
     * @param first            the first hour with a value
     * @param last             the last hour with a value
     */
    public record Report(long rows, long badTimestamps, long emptyValues, long duplicates, long averagedIntoHour,
            long missingHours, Instant first, Instant last) {

        public String summary(String what) {
            return String.format(Locale.ROOT, "%s: %d rows, hours %s .. %s, %d missing hours, %d duplicate"
                    + " timestamps skipped, %d empty or non-numeric values, %d unreadable timestamps, %d sub-hourly"
                    + " rows averaged", what, rows, first, last, missingHours, duplicates, emptyValues, badTimestamps,
                    averagedIntoHour);
        }
    }

    /**
     * Reads {@code valueColumn} of {@code file} by {@code timeColumn}.
     *
     * @param naiveZone the zone of timestamps without an offset
     * @throws IllegalArgumentException when a column is absent or nothing could be read, naming what was found
     */
    public static Loaded read(Path file, String timeColumn, String valueColumn, ZoneId naiveZone) throws IOException {
        TreeMap<Long, double[]> hours = new TreeMap<>(); // epoch hour -> {sum, count}
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        long rows = 0;
        long badTimestamps = 0;
        long empty = 0;
        long duplicates = 0;
        long averaged = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<List<String>> it = ROWS.readValues(reader)) {
            if (!it.hasNextValue()) {
                throw new IllegalArgumentException(file + " is empty; it needs a header line naming its columns");
            }
            List<String> header = new ArrayList<>(it.nextValue());
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1));
            }
            int t = column(header, timeColumn, file);
            int v = column(header, valueColumn, file);
            while (it.hasNextValue()) {
                List<String> row = it.nextValue();
                rows++;
                Optional<Instant> time = t < row.size() ? Timestamps.parse(row.get(t), naiveZone) : Optional.empty();
                if (time.isEmpty()) {
                    badTimestamps++;
                    continue;
                }
                long second = time.get().getEpochSecond();
                if (!seen.add(second)) {
                    duplicates++;
                    continue;
                }
                double value = v < row.size() ? number(row.get(v)) : Double.NaN;
                if (!Double.isFinite(value)) {
                    empty++;
                    continue;
                }
                double[] acc = hours.computeIfAbsent(Math.floorDiv(second, 3600), h -> new double[2]);
                if (acc[1] > 0) {
                    averaged++;
                }
                acc[0] += value;
                acc[1]++;
            }
        }
        if (hours.isEmpty()) {
            throw new IllegalArgumentException("no row of " + file + " has both a readable '" + timeColumn
                    + "' timestamp and a number in '" + valueColumn + "' (" + rows + " rows, " + badTimestamps
                    + " unreadable timestamps, " + empty + " empty values)");
        }
        long firstHour = hours.firstKey();
        long lastHour = hours.lastKey();
        HourlySeries series = HourlySeries.empty(Instant.ofEpochSecond(firstHour * 3600),
                Math.toIntExact(lastHour - firstHour + 1));
        hours.forEach((h, acc) -> series.set((int) (h - firstHour), acc[0] / acc[1]));
        long missing = series.missing();
        return new Loaded(series, new Report(rows, badTimestamps, empty, duplicates, averaged, missing,
                series.start(), series.time(series.size() - 1)));
    }

    /** The column names of {@code file}'s header. */
    public static List<String> header(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<List<String>> it = ROWS.readValues(reader)) {
            return it.hasNextValue() ? it.nextValue() : List.of();
        }
    }

    private static int column(List<String> header, String name, Path file) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(file + " has no column '" + name + "'; its columns are " + header);
    }

    private static double number(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
