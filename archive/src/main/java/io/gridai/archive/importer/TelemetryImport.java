package io.gridai.archive.importer;

import io.gridai.archive.ArchiveWriter;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.sim.series.OpsdFranceLoad;
import io.gridai.sim.series.RtsGmlcSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Imports external history into the archive's {@link ArchiveDataset#TELEMETRY} dataset as {@link Measurement}s, from
 * three formats ({@link Format}). Every value of the input is either written or refused with its file, line, column
 * and reason ({@link Refusal}, to the {@link ImportListener}); nothing is skipped, filled or invented.
 *
 * <p><b>The measurements.</b> {@code source} is the feed ({@link Settings#feed()}), so the records land under
 * {@code feed=<feed>}; the id is {@link io.gridai.model.id.MeasurementId#derive} of feed, asset, kind and event time,
 * so the same value imported twice has the same id; quality flags are empty; the ingest time is the event time (an
 * import time would make two imports of the same file differ; the archive's records must be reproducible).
 *
 * <p><b>Regional series</b> (OPSD, RTS-GMLC) become the {@code ACTIVE_POWER} of one load asset per region, named by
 * {@link Settings#loadAsset()} ({@code load-zone-{region}}: {@code load-zone-1..3} for the RTS-GMLC areas, as the
 * platform's zones {@code zone-{area}}; {@code load-zone-fr} for France), in MW with the generator sign convention of
 * {@link MeasurementKind}: a region consuming 2850 MW reads −2850 MW, so the zone's {@code ZoneLoad} is the regional
 * load. OPSD's solar generation becomes the {@code ACTIVE_POWER} of {@link Settings#pvAsset()} (positive).
 */
public final class TelemetryImport {

    /** The input formats. */
    public enum Format {
        /**
         * Generic long CSV: a header with the columns {@code timestamp, asset, kind, value, unit} (any order, no
         * others); ISO-8601 instants ({@code 2020-01-01T00:05:00Z} or with an offset), a {@link MeasurementKind} name,
         * a {@link Unit} symbol of the kind's dimension (converted to the kind's unit).
         */
        LONG_CSV("long-csv", "import"),
        /**
         * Open Power System Data's hourly file ({@value OpsdFranceLoad#FILE}): {@code utc_timestamp} (the hour's start),
         * the actual load and the actual solar generation of France, MW. The day-ahead forecast column is a forecast,
         * not telemetry, and is not imported.
         */
        OPSD("opsd", "opsd"),
        /**
         * RTS-GMLC real-time load profiles {@code RT_{APS,NEVP,LDWP}_Promod_2020.csv} ({@code Year,Month,Day,1..288}),
         * the region from the file name (APS = 1, NEVP = 2, LDWP = 3, {@link RtsGmlcSeries#REAL_TIME_LOAD_FILES}),
         * scaled to MW as the data set prescribes: value / the file's maximum × {@value RtsGmlcSeries#REGION_PEAK_MW}.
         * Period p of a day starts at 00:00Z + (p − 1) × 5 min, as grid-sim reads them.
         */
        RTS_GMLC("rts-gmlc", "rts-gmlc");

        private final String cliName;
        private final String defaultFeed;

        Format(String cliName, String defaultFeed) {
            this.cliName = cliName;
            this.defaultFeed = defaultFeed;
        }

        /** The name on the command line ({@code long-csv}, {@code opsd}, {@code rts-gmlc}). */
        public String cliName() {
            return cliName;
        }

        /** The feed records go under when none is given. */
        public SourceId defaultFeed() {
            return SourceId.of(defaultFeed);
        }

        public static Format named(String name) {
            return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown import format '" + name + "'; use one of "
                            + Arrays.stream(values()).map(Format::cliName).toList()));
        }

        @Override
        public String toString() {
            return cliName;
        }
    }

    /**
     * How to import.
     *
     * @param feed                 the source of the measurements and the archive's feed partition
     * @param loadAsset            the asset of a region's load, {@code {region}} replaced by the region (default
     *                             {@value #DEFAULT_LOAD_ASSET})
     * @param pvAsset              the asset of a region's solar generation (default {@value #DEFAULT_PV_ASSET})
     * @param progressEveryRecords how often the listener hears progress (default {@value #DEFAULT_PROGRESS_EVERY})
     * @param writer               the archive writer's settings
     */
    public record Settings(SourceId feed, String loadAsset, String pvAsset, int progressEveryRecords,
            ArchiveWriter.Settings writer) {

        public static final String DEFAULT_LOAD_ASSET = "load-zone-{region}";
        public static final String DEFAULT_PV_ASSET = "gen-zone-{region}-pv";
        public static final int DEFAULT_PROGRESS_EVERY = 50_000;

        public Settings {
            Objects.requireNonNull(feed, "feed");
            for (String template : List.of(loadAsset, pvAsset)) {
                if (!template.contains("{region}")) {
                    throw new IllegalArgumentException("asset template '" + template + "' has no {region}; every region"
                            + " would be one asset. Use e.g. " + DEFAULT_LOAD_ASSET);
                }
                AssetId.of(template.replace("{region}", "1"));
            }
            if (progressEveryRecords < 1) {
                throw new IllegalArgumentException("progressEveryRecords is " + progressEveryRecords + "; give 1 or more");
            }
            Objects.requireNonNull(writer, "writer settings");
        }

        /** The defaults with this feed. */
        public static Settings of(SourceId feed) {
            return new Settings(feed, DEFAULT_LOAD_ASSET, DEFAULT_PV_ASSET, DEFAULT_PROGRESS_EVERY,
                    ArchiveWriter.Settings.defaults());
        }

        AssetId load(String region) {
            return AssetId.of(loadAsset.replace("{region}", region));
        }

        AssetId pv(String region) {
            return AssetId.of(pvAsset.replace("{region}", region));
        }
    }

    /** The OPSD column of France's actual solar generation, MW. */
    public static final String OPSD_SOLAR_COLUMN = "FR_solar_generation_actual";
    private static final String OPSD_TIME_COLUMN = "utc_timestamp";
    private static final String OPSD_REGION = "fr";
    private static final List<String> LONG_CSV_COLUMNS = List.of("timestamp", "asset", "kind", "value", "unit");

    private final ArchiveWriter<Measurement> writer;
    private final Settings settings;
    private final ImportListener listener;
    private final long started = System.nanoTime();
    private Path currentFile;
    private long rowsRead;
    private long rowsRefused;
    private long recordsWritten;
    private long recordsRefused;
    private long refusals;
    private int filesRefused;
    private long nextProgress;
    private boolean rowHasRefusal;

    private TelemetryImport(ArchiveWriter<Measurement> writer, Settings settings, ImportListener listener) {
        this.writer = writer;
        this.settings = settings;
        this.listener = listener;
        this.nextProgress = settings.progressEveryRecords();
    }

    /**
     * Imports the files into the archive under {@code root}, in one writing session (one archive file per date and
     * feed touched, unless more dates are written out of order than the writer keeps open).
     *
     * @throws UncheckedIOException when an input cannot be read or the archive cannot be written (what was written so
     *                              far stays, complete)
     */
    public static ImportSummary run(Path root, Format format, List<Path> files, Settings settings,
            ImportListener listener) {
        String writerId = "import-" + ArchiveWriter.newWriterId().substring(0, 12);
        TelemetryImport session;
        try (ArchiveWriter<Measurement> writer = ArchiveWriter.open(root, ArchiveDataset.TELEMETRY, writerId,
                settings.writer())) {
            session = new TelemetryImport(writer, settings, listener);
            switch (format) {
                case LONG_CSV -> files.forEach(session::longCsv);
                case OPSD -> files.forEach(session::opsd);
                case RTS_GMLC -> session.rtsGmlc(files);
                default -> throw new IllegalStateException("no importer for " + format);
            }
        }
        session.progress();
        return new ImportSummary(List.copyOf(files), writerId, session.rowsRead, session.rowsRefused,
                session.recordsWritten, session.recordsRefused, session.refusals, session.filesRefused,
                session.writer.files(), Duration.ofNanos(System.nanoTime() - session.started));
    }

    // ---------------------------------------------------------------- long CSV

    private void longCsv(Path file) {
        currentFile = file;
        try (CsvRows csv = new CsvRows(file)) {
            int[] col = new int[LONG_CSV_COLUMNS.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = csv.column(LONG_CSV_COLUMNS.get(i));
            }
            List<String> extra = csv.header().stream()
                    .filter(h -> !LONG_CSV_COLUMNS.contains(h.toLowerCase(Locale.ROOT))).toList();
            if (Arrays.stream(col).anyMatch(c -> c < 0) || !extra.isEmpty() || csv.header().size() != col.length) {
                refuseFile(file, "the header is " + csv.header() + " but a long CSV has exactly the columns "
                        + LONG_CSV_COLUMNS + " (any order); fix the header line");
                return;
            }
            int width = csv.header().size();
            for (CsvRows.Row row = csv.next(); row != null; row = csv.next()) {
                startRow();
                if (row.cells().size() != width) {
                    refuse(row.line(), "", row.cells().size() + " cells but the header has " + width
                            + "; every row needs " + LONG_CSV_COLUMNS, 1);
                } else {
                    longCsvRow(row, col);
                }
                endRow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + "; check the path and permissions", e);
        }
        progress();
    }

    private void longCsvRow(CsvRows.Row row, int[] col) {
        List<String[]> problems = new ArrayList<>(2);
        Instant time = parseTime(row.cell(col[0]), LONG_CSV_COLUMNS.get(0), problems);
        AssetId asset = null;
        try {
            asset = AssetId.of(row.cell(col[1]));
        } catch (IllegalArgumentException e) {
            problems.add(new String[] {"asset", e.getMessage()});
        }
        MeasurementKind kind = null;
        String kindText = row.cell(col[2]);
        try {
            kind = MeasurementKind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            problems.add(new String[] {"kind", "unknown kind '" + kindText + "'; use one of "
                    + Arrays.stream(MeasurementKind.values()).map(Enum::name).collect(Collectors.joining(", "))});
        }
        double value = parseValue(row.cell(col[3]), "value", problems);
        Unit unit = null;
        try {
            unit = Unit.fromSymbol(row.cell(col[4]));
        } catch (IllegalArgumentException e) {
            problems.add(new String[] {"unit", e.getMessage()});
        }
        if (kind != null && unit != null && unit.dimension() != kind.dimension()) {
            problems.add(new String[] {"unit", "a " + kind + " value cannot be in " + unit.symbol() + " ("
                    + unit.dimension() + "); give it in " + kind.unit().symbol() + " or another " + kind.dimension()
                    + " unit"});
            unit = null;
        }
        if (kind != null && unit != null && !Double.isNaN(value)) {
            double canonical = unit.convert(value, kind.unit());
            KindLimits.check(kind, canonical).ifPresent(p -> problems.add(new String[] {"value", p}));
        }
        if (!problems.isEmpty()) {
            for (int i = 0; i < problems.size(); i++) {
                refuse(row.line(), problems.get(i)[0], problems.get(i)[1], i == 0 ? 1 : 0);
            }
            return;
        }
        write(Measurement.of(settings.feed(), asset, kind, value, unit, time, time));
    }

    // ---------------------------------------------------------------- OPSD

    private void opsd(Path file) {
        currentFile = file;
        try (CsvRows csv = new CsvRows(file)) {
            int time = csv.column(OPSD_TIME_COLUMN);
            int load = csv.column(OpsdFranceLoad.ACTUAL_COLUMN);
            int solar = csv.column(OPSD_SOLAR_COLUMN);
            if (time < 0 || load < 0 || solar < 0) {
                refuseFile(file, "the header " + csv.header() + " lacks " + OPSD_TIME_COLUMN + ", "
                        + OpsdFranceLoad.ACTUAL_COLUMN + " or " + OPSD_SOLAR_COLUMN + "; give OPSD's "
                        + OpsdFranceLoad.FILE + " in its original layout");
                return;
            }
            int width = csv.header().size();
            AssetId loadAsset = settings.load(OPSD_REGION);
            AssetId pvAsset = settings.pv(OPSD_REGION);
            for (CsvRows.Row row = csv.next(); row != null; row = csv.next()) {
                startRow();
                if (row.cells().size() != width) {
                    refuse(row.line(), "", row.cells().size() + " cells but the header has " + width
                            + "; use the file in its original layout", 2);
                    endRow();
                    continue;
                }
                List<String[]> problems = new ArrayList<>(1);
                Instant t = parseTime(row.cell(time), OPSD_TIME_COLUMN, problems);
                if (!problems.isEmpty()) {
                    refuse(row.line(), problems.get(0)[0], problems.get(0)[1], 2);
                    endRow();
                    continue;
                }
                opsdValue(row, load, OpsdFranceLoad.ACTUAL_COLUMN, loadAsset, -1, t);
                opsdValue(row, solar, OPSD_SOLAR_COLUMN, pvAsset, 1, t);
                endRow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + "; check the path and permissions", e);
        }
        progress();
    }

    private void opsdValue(CsvRows.Row row, int column, String name, AssetId asset, int sign, Instant time) {
        String cell = row.cell(column);
        if (cell.isEmpty()) {
            refuse(row.line(), name, "empty cell: the source has no value for this hour (it is not filled in)", 1);
            return;
        }
        List<String[]> problems = new ArrayList<>(1);
        double mw = parseValue(cell, name, problems);
        if (problems.isEmpty() && mw < 0) {
            problems.add(new String[] {name, mw + " MW is negative; the column is a consumption or a generation"
                    + " (positive by the source's convention)"});
        }
        if (!problems.isEmpty()) {
            refuse(row.line(), problems.get(0)[0], problems.get(0)[1], 1);
            return;
        }
        write(Measurement.of(settings.feed(), asset, MeasurementKind.ACTIVE_POWER, sign * mw, Unit.MEGAWATT, time,
                time));
    }

    // ---------------------------------------------------------------- RTS-GMLC

    /** One region's profile file: its values per date (NaN where refused) and its largest valid value. */
    private record Profile(String region, Path file, TreeMap<LocalDate, double[]> days, double max) {
    }

    private void rtsGmlc(List<Path> files) {
        Map<String, String> regionOfFile = new HashMap<>();
        RtsGmlcSeries.REAL_TIME_LOAD_FILES.forEach((region, name) -> regionOfFile.put(name, region));
        Map<String, Profile> profiles = new TreeMap<>();
        for (Path file : files) {
            currentFile = file;
            String region = regionOfFile.get(file.getFileName().toString());
            if (region == null) {
                refuseFile(file, "the region of an RTS-GMLC load profile comes from its file name, which must be one of "
                        + RtsGmlcSeries.REAL_TIME_LOAD_FILES.entrySet().stream().map(e -> e.getValue() + " (region "
                        + e.getKey() + ")").toList() + "; give the files under their original names");
                continue;
            }
            if (profiles.containsKey(region)) {
                refuseFile(file, "region " + region + " was already given (" + profiles.get(region).file()
                        + "); give each region's file once");
                continue;
            }
            readProfile(file, region).ifPresent(p -> profiles.put(region, p));
        }
        // written in time order, all regions of a period together: one archive file per date
        currentFile = null; // writing: no one input file
        SortedSet<LocalDate> dates = new TreeSet<>();
        profiles.values().forEach(p -> dates.addAll(p.days().keySet()));
        for (LocalDate date : dates) {
            Instant midnight = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            int periods = profiles.values().stream().filter(p -> p.days().containsKey(date))
                    .mapToInt(p -> p.days().get(date).length).max().orElse(0);
            Duration step = periods == 0 ? RtsGmlcSeries.REAL_TIME_STEP : Duration.ofDays(1).dividedBy(periods);
            for (int p = 0; p < periods; p++) {
                Instant time = midnight.plus(step.multipliedBy(p));
                for (Profile profile : profiles.values()) {
                    double[] values = profile.days().get(date);
                    if (values == null || p >= values.length || Double.isNaN(values[p])) {
                        continue; // refused when read (or no row for this date: nothing to import)
                    }
                    double mw = values[p] / profile.max() * RtsGmlcSeries.REGION_PEAK_MW;
                    write(Measurement.of(settings.feed(), settings.load(profile.region()),
                            MeasurementKind.ACTIVE_POWER, -mw, Unit.MEGAWATT, time, time));
                }
            }
        }
        progress();
    }

    private Optional<Profile> readProfile(Path file, String region) {
        TreeMap<LocalDate, double[]> days = new TreeMap<>();
        Map<LocalDate, Long> lineOf = new HashMap<>();
        double max = Double.NEGATIVE_INFINITY;
        try (CsvRows csv = new CsvRows(file)) {
            List<String> header = csv.header();
            int periods = header.size() - 3;
            Optional<String> headerProblem = rtsHeaderProblem(header);
            if (headerProblem.isPresent()) {
                refuseFile(file, headerProblem.get());
                return Optional.empty();
            }
            for (CsvRows.Row row = csv.next(); row != null; row = csv.next()) {
                startRow();
                if (row.cells().size() != header.size()) {
                    refuse(row.line(), "", row.cells().size() + " cells but the header has " + header.size()
                            + "; every row is Year,Month,Day and " + periods + " periods", periods);
                    endRow();
                    continue;
                }
                LocalDate date;
                try {
                    date = LocalDate.of(Integer.parseInt(row.cell(0)), Integer.parseInt(row.cell(1)),
                            Integer.parseInt(row.cell(2)));
                } catch (NumberFormatException | DateTimeException e) {
                    refuse(row.line(), "Year,Month,Day", "'" + row.cell(0) + "," + row.cell(1) + "," + row.cell(2)
                            + "' is not a date; correct it", periods);
                    endRow();
                    continue;
                }
                if (days.containsKey(date)) {
                    refuse(row.line(), "Year,Month,Day", date + " was already given on line " + lineOf.get(date)
                            + "; give each day once", periods);
                    endRow();
                    continue;
                }
                double[] values = new double[periods];
                for (int p = 0; p < periods; p++) {
                    List<String[]> problems = new ArrayList<>(1);
                    double v = parseValue(row.cell(3 + p), header.get(3 + p), problems);
                    if (problems.isEmpty() && v < 0) {
                        problems.add(new String[] {header.get(3 + p), v + " is negative; a load profile is a"
                                + " consumption, 0 or more"});
                    }
                    if (!problems.isEmpty()) {
                        refuse(row.line(), problems.get(0)[0], problems.get(0)[1], 1);
                        values[p] = Double.NaN;
                    } else {
                        values[p] = v;
                        max = Math.max(max, v);
                    }
                }
                days.put(date, values);
                lineOf.put(date, row.line());
                endRow();
                maybeProgress();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + "; check the path and permissions", e);
        }
        if (!(max > 0)) {
            for (Map.Entry<LocalDate, double[]> day : days.entrySet()) {
                long valid = Arrays.stream(day.getValue()).filter(v -> !Double.isNaN(v)).count();
                if (valid > 0) {
                    refuse(lineOf.get(day.getKey()), "", "the file's largest value is " + max + ", so its profile"
                            + " cannot be scaled to the region's peak; a load profile needs positive values", (int) valid);
                }
            }
            return Optional.empty();
        }
        return Optional.of(new Profile(region, file, days, max));
    }

    private static Optional<String> rtsHeaderProblem(List<String> header) {
        List<String> lead = List.of("Year", "Month", "Day");
        if (header.size() < 4 || !header.subList(0, 3).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()
                .equals(lead.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList())) {
            return Optional.of("the header must start with Year,Month,Day and then the periods 1..N but is "
                    + (header.size() > 8 ? header.subList(0, 8) + "..." : header) + "; give the file in its original layout");
        }
        int periods = header.size() - 3;
        for (int p = 1; p <= periods; p++) {
            if (!header.get(2 + p).equals(Integer.toString(p))) {
                return Optional.of("header column " + (3 + p) + " is '" + header.get(2 + p) + "' but should be period "
                        + p + "; the header must be Year,Month,Day,1,2,...,N");
            }
        }
        if (Duration.ofDays(1).toNanos() % periods != 0) {
            return Optional.of(periods + " periods a day do not divide a day evenly; use 288 (5-minute) or 24 (hourly)");
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- shared

    private static Instant parseTime(String text, String column, List<String[]> problems) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                problems.add(new String[] {column, "'" + text + "' is not an ISO-8601 instant; write it like"
                        + " 2020-01-01T00:05:00Z or 2020-01-01T01:05:00+01:00"});
                return null;
            }
        }
    }

    /** A finite number, or NaN with a problem added. */
    private static double parseValue(String text, String column, List<String[]> problems) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            problems.add(new String[] {column, text.isEmpty() ? "empty cell; give a number"
                    : "'" + text + "' is not a number; write it like 12.5"});
            return Double.NaN;
        }
        if (!Double.isFinite(v)) {
            problems.add(new String[] {column, "'" + text + "' is not a finite number; NaN and infinities are not"
                    + " values (leave the row out or give the value)"});
            return Double.NaN;
        }
        return v;
    }

    private void startRow() {
        rowsRead++;
        rowHasRefusal = false;
    }

    private void endRow() {
        if (rowHasRefusal) {
            rowsRefused++;
        }
    }

    private void write(Measurement m) {
        writer.write(m);
        recordsWritten++;
        maybeProgress();
    }

    private void refuse(long line, String column, String reason, int records) {
        refusals++;
        recordsRefused += records;
        rowHasRefusal = true;
        listener.refused(new Refusal(currentFile, line, column, reason, records));
    }

    private void refuseFile(Path file, String reason) {
        filesRefused++;
        refusals++;
        listener.refused(new Refusal(file, 0, "", reason, 0));
    }

    private void maybeProgress() {
        if (recordsWritten + recordsRefused >= nextProgress) {
            nextProgress = recordsWritten + recordsRefused + settings.progressEveryRecords();
            progress();
        }
    }

    private void progress() {
        listener.progress(new ImportProgress(currentFile, rowsRead, recordsWritten, recordsRefused,
                Duration.ofNanos(System.nanoTime() - started)));
    }
}
