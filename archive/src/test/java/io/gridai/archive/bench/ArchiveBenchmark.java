package io.gridai.archive.bench;

import io.gridai.archive.ArchiveReader;
import io.gridai.archive.ArchiveSummary;
import io.gridai.archive.importer.ImportListener;
import io.gridai.archive.importer.ImportSummary;
import io.gridai.archive.importer.TelemetryImport;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.SourceId;
import io.gridai.sim.series.RtsGmlcSeries;
import io.gridai.sim.series.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Not a test: imports one year of RTS-GMLC real-time load (3 regions, 316,224 records) from the shared data set into a
 * fresh archive under {@code java.io.tmpdir}, then reads the year and one week back in event-time order, twice each
 * (the second run warm), and prints the rates, the archive's size and an order hash (equal across runs and imports, whose
 * files have other names: the order is deterministic); the archive is deleted at the end. Run: {@code ./mvnw -B -ntp -pl archive -Pbenchmark verify -DskipTests}.
 */
public final class ArchiveBenchmark {

    private ArchiveBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path timeseries = SharedData.locate().map(d -> d.resolve("rts-gmlc/timeseries")).filter(Files::isDirectory)
                .orElseThrow(() -> new IllegalStateException("the shared data set (../shared/data, or -D"
                        + SharedData.PROPERTY + ") with rts-gmlc/timeseries is needed for this benchmark"));
        Path root = Files.createTempDirectory("gridai-archive-bench");
        List<Path> files = RtsGmlcSeries.REAL_TIME_LOAD_FILES.values().stream().map(timeseries::resolve).toList();

        ImportSummary imported = TelemetryImport.run(root, TelemetryImport.Format.RTS_GMLC, files,
                TelemetryImport.Settings.of(SourceId.of("rts-gmlc")), ImportListener.none());
        ArchiveSummary.DatasetSummary archived = ArchiveSummary.of(root).datasets().get(0);
        System.out.printf(Locale.ROOT, "import: %d records in %.2f s, %.0f records/s; %d files, %.1f MiB (%.1f bytes a"
                        + " record) in %s%n", imported.recordsWritten(), imported.elapsed().toNanos() / 1e9,
                imported.recordsPerSecond(), archived.files(), archived.bytes() / 1048576.0,
                archived.bytes() / (double) archived.records(), root);

        read(root, "year", Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"));
        read(root, "week", Instant.parse("2020-07-01T00:00:00Z"), Instant.parse("2020-07-08T00:00:00Z"));
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void read(Path root, String name, Instant from, Instant to) {
        for (int run = 1; run <= 2; run++) {
            long start = System.nanoTime();
            long[] countAndHash = {0, 0};
            try (Stream<Measurement> records = ArchiveReader.of(root, ArchiveDataset.TELEMETRY)
                    .read(ArchiveReader.Query.between(from, to))) {
                records.forEach(m -> {
                    countAndHash[0]++;
                    countAndHash[1] = countAndHash[1] * 31 + m.id().hashCode();
                });
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "read %s, run %d: %d records in %.2f s, %.0f records/s, order hash %016x%n",
                    name, run, countAndHash[0], seconds, countAndHash[0] / seconds, countAndHash[1]);
        }
    }
}
