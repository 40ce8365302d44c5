package io.gridai.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.gridai.archive.importer.ImportListener;
import io.gridai.archive.importer.ImportProgress;
import io.gridai.archive.importer.ImportSummary;
import io.gridai.archive.importer.Refusal;
import io.gridai.archive.importer.TelemetryImport;
import io.gridai.archive.importer.TelemetryImport.Format;
import io.gridai.model.id.SourceId;
import io.gridai.sim.series.OpsdFranceLoad;
import io.gridai.sim.series.RtsGmlcSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `gridai archive import`: external history into the archive's telemetry (see {@link TelemetryImport}). Progress goes
 * to stderr every {@link #PROGRESS_EVERY_NANOS few seconds}; every refusal goes to a report file
 * {@code ARCHIVE/_imports/<time>-<format>.refused.csv} (never read as archive data: a leading {@code _}), and the
 * first {@value #REFUSALS_SHOWN} to stderr; the summary to stdout.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import external history into the archive's telemetry (DATASET telemetry, feed = --feed).",
                "Formats: long-csv (header timestamp,asset,kind,value,unit; ISO-8601 instants, a MeasurementKind, a unit"
                        + " symbol converted to the kind's unit); opsd (OPSD's time_series_60min_singleindex_filtered.csv:"
                        + " France's load as load-zone-fr, −MW, and solar as gen-zone-fr-pv, +MW); rts-gmlc (the"
                        + " RT_{APS,NEVP,LDWP}_Promod_2020.csv load profiles, or their folder: load-zone-1..3, −MW,"
                        + " scaled to a 2850 MW regional peak).",
                "Every value is written or refused; each refusal (file, line, column, reason) is listed in"
                        + " ARCHIVE/_imports/*.refused.csv and the first ones on stderr.",
                "Exit code: 0 when every value was written, 3 when some were refused (all the others are written),"
                        + " 2 for usage errors (unknown format, missing file)."})
public final class ArchiveImportCommand implements Callable<Integer> {

    static final int COMPLETE = 0;
    static final int USAGE = 2;
    static final int SOME_REFUSED = 3;
    static final int REFUSALS_SHOWN = 20;
    static final long PROGRESS_EVERY_NANOS = 3_000_000_000L;

    @Mixin
    ArchiveOption archive;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "long-csv, opsd or rts-gmlc.")
    String format;

    @Option(names = "--feed", paramLabel = "FEED",
            description = "The feed (the measurements' source and the archive's feed=): default import, opsd or rts-gmlc"
                    + " by format.")
    String feed;

    @Option(names = "--load-asset", paramLabel = "TEMPLATE", defaultValue = TelemetryImport.Settings.DEFAULT_LOAD_ASSET,
            description = "The asset of a region's load (opsd, rts-gmlc), {region} = 1, 2, 3 or fr (default:"
                    + " ${DEFAULT-VALUE}).")
    String loadAsset;

    @Option(names = "--pv-asset", paramLabel = "TEMPLATE", defaultValue = TelemetryImport.Settings.DEFAULT_PV_ASSET,
            description = "The asset of a region's solar generation (opsd) (default: ${DEFAULT-VALUE}).")
    String pvAsset;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The files to import (for rts-gmlc and opsd also"
            + " the folder holding them under their original names).")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Format chosen;
        try {
            chosen = Format.named(format);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        List<Path> inputs = new ArrayList<>();
        for (Path file : files) {
            if (Files.isDirectory(file) && chosen == Format.RTS_GMLC) {
                RtsGmlcSeries.REAL_TIME_LOAD_FILES.values().forEach(name -> inputs.add(file.resolve(name)));
            } else if (Files.isDirectory(file) && chosen == Format.OPSD) {
                inputs.add(file.resolve(OpsdFranceLoad.FILE));
            } else {
                inputs.add(file);
            }
        }
        for (Path input : inputs) {
            if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
                return usage("no readable file " + input + "; check the path");
            }
        }
        TelemetryImport.Settings settings;
        try {
            settings = new TelemetryImport.Settings(feed == null ? chosen.defaultFeed() : SourceId.of(feed), loadAsset,
                    pvAsset, TelemetryImport.Settings.DEFAULT_PROGRESS_EVERY,
                    io.gridai.archive.ArchiveWriter.Settings.defaults());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        Path root = archive.root();
        Path report = root.resolve("_imports").resolve(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
                .withZone(ZoneOffset.UTC).format(Instant.now()) + "-" + chosen.cliName() + ".refused.csv");
        ImportSummary summary;
        try (Listener listener = new Listener(err, report)) {
            summary = TelemetryImport.run(root, chosen, inputs, settings, listener);
            if (summary.refusals() > REFUSALS_SHOWN) {
                err.println("... and " + (summary.refusals() - REFUSALS_SHOWN) + " more refusals");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "imported %s into %s (feed %s): %d rows read, %d records written, %d refused"
                + " (%d rows, %d files); %d archive files in %.1f s, %.0f records/s%n", chosen.cliName(), root,
                settings.feed(), summary.rowsRead(), summary.recordsWritten(), summary.recordsRefused(),
                summary.rowsRefused(), summary.filesRefused(), summary.archiveFiles().size(),
                summary.elapsed().toNanos() / 1e9, summary.recordsPerSecond());
        if (!summary.complete()) {
            out.println("refusals (" + summary.refusals() + "): " + report);
        }
        out.flush();
        err.flush();
        return summary.complete() ? COMPLETE : SOME_REFUSED;
    }

    private int usage(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("gridai archive import: " + message);
        err.flush();
        return USAGE;
    }

    /** Progress to stderr every few seconds; refusals to the report file and the first ones to stderr. */
    private static final class Listener implements ImportListener, AutoCloseable {
        private final PrintWriter err;
        private final Path report;
        private BufferedWriter reportOut;
        private long shown;
        private long lastProgress = System.nanoTime();

        Listener(PrintWriter err, Path report) {
            this.err = err;
            this.report = report;
        }

        @Override
        public void progress(ImportProgress p) {
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
                lastProgress = now;
                err.printf(Locale.ROOT, "... %s: %d rows read, %d records written, %d refused, %.0f records/s%n",
                        p.file() == null ? "writing" : p.file().getFileName(), p.rowsRead(), p.recordsWritten(),
                        p.recordsRefused(), p.recordsPerSecond());
                err.flush();
            }
        }

        @Override
        public void refused(Refusal r) {
            if (shown++ < REFUSALS_SHOWN) {
                err.println("refused " + r.describe());
            }
            try {
                if (reportOut == null) {
                    Files.createDirectories(report.getParent());
                    reportOut = Files.newBufferedWriter(report, StandardCharsets.UTF_8);
                    reportOut.write("file,line,column,records,reason\n");
                }
                reportOut.write(csv(r.file().toString()) + "," + r.line() + "," + csv(r.column()) + "," + r.records()
                        + "," + csv(r.reason()) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the refusals report " + report
                        + "; check that the archive folder is writable", e);
            }
        }

        private static String csv(String text) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }

        @Override
        public void close() throws IOException {
            if (reportOut != null) {
                reportOut.close();
            }
        }
    }
}
