package io.gridai.flink.bench;

import io.gridai.flink.ArchiveJob;
import io.gridai.flink.config.ArchiveSettings;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.io.GridTopics;
import io.gridai.flink.io.KafkaIo;
import io.gridai.kafka.ScratchKafkaBroker;
import io.gridai.model.archive.ArchiveLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Throughput of the archive job for telemetry and the size of its files, in one JVM (broker, MiniCluster): not a test.
 *
 * <ol>
 * <li>Preloads {@code gridai.bench.records} readings of the benchmark's twin-like grid into a raw topic and into a
 * clean topic.</li>
 * <li>Runs the pass-through job (raw → clean, exactly-once) twice over the raw readings, bounded: a warm-up that is
 * not counted, then the yardstick.</li>
 * <li>Runs the archive job (telemetry only) over the clean readings, bounded, once per codec in
 * {@code gridai.bench.codecs}: records/s = readings / wall time of the job (start-up and the final checkpoint
 * included), bytes per record = the committed files' bytes / readings, which are counted back from the files.</li>
 * </ol>
 * Run: {@code ./mvnw -B -ntp -pl flink-jobs -am -Pbenchmark verify -DskipTests
 * -Dgridai.bench.main=io.gridai.flink.bench.ArchiveBenchmark -Dgridai.bench.records=1000000}.
 */
public final class ArchiveBenchmark {

    private ArchiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.getLong("gridai.bench.records", 1_000_000);
        int parallelism = Integer.getInteger("gridai.bench.parallelism", 2);
        String codecs = System.getProperty("gridai.bench.codecs", "snappy,null,deflate");
        String interval = System.getProperty("gridai.bench.archive.checkpoint-interval", "PT1S");
        List<String> report = new ArrayList<>() {
            @Override
            public boolean add(String line) {
                System.out.println("bench: " + line);
                return super.add(line);
            }
        };
        report.add(String.format(Locale.ROOT, "cores=%d parallelism=%d records=%d codecs=%s"
                        + " archive.checkpoint.interval=%s java=%s", Runtime.getRuntime().availableProcessors(),
                parallelism, records, codecs, interval, System.getProperty("java.version")));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (ScratchKafkaBroker broker = ScratchKafkaBroker.start("gridai-archive-bench")) {
            String bootstrap = broker.bootstrapServers();
            GridTopics pass = FlinkJobsBenchmark.create(bootstrap, "bench");
            GridTopics arch = FlinkJobsBenchmark.create(bootstrap, "arch");
            long start = System.nanoTime();
            FlinkJobsBenchmark.preload(bootstrap, pass.raw(), records);
            FlinkJobsBenchmark.preload(bootstrap, arch.clean(), records);
            report.add(String.format(Locale.ROOT, "preload: 2 x %d readings in %.1f s", records,
                    (System.nanoTime() - start) / 1e9));

            double warmUp = FlinkJobsBenchmark.bounded(bootstrap, pass, parallelism,
                    FlinkJobsBenchmark.Bounded.PASS_THROUGH, records);
            report.add(String.format(Locale.ROOT, "warm-up (pass-through, not counted): %.0f records/s", warmUp));
            double yardstick = FlinkJobsBenchmark.bounded(bootstrap, pass, parallelism,
                    FlinkJobsBenchmark.Bounded.PASS_THROUGH, records);
            report.add(String.format(Locale.ROOT, "pass-through (raw -> clean, Kafka exactly-once): %.0f records/s",
                    yardstick));

            for (String codec : codecs.split(",")) {
                Path root = Files.createTempDirectory(tmp, "archive-bench-" + codec.strip() + "-");
                Properties p = FlinkJobsBenchmark.settings("arch", parallelism);
                p.setProperty("archive.root", root.toUri().toString());
                p.setProperty("archive.datasets", "telemetry");
                p.setProperty("archive.topic-namespace", "arch");
                p.setProperty("archive.group-id", "archive-bench-" + System.nanoTime());
                p.setProperty("archive.codec", codec.strip());
                p.setProperty("archive.checkpoint.interval", interval);
                JobSettings settings = JobSettings.from(p);
                ArchiveSettings archive = ArchiveSettings.from(p).withCheckpointDir(
                        tmp.resolve("archive-bench-checkpoints").toUri().toString());
                StreamExecutionEnvironment env = ArchiveJob.environment(settings, archive,
                        FlinkJobsBenchmark.cluster(parallelism));
                new ArchiveJob(archive, new KafkaIo(bootstrap, settings, true)).addTo(env);
                start = System.nanoTime();
                env.execute("bench-archive-" + codec.strip());
                double seconds = (System.nanoTime() - start) / 1e9;
                Written files = Written.of(root);
                report.add(String.format(Locale.ROOT, "archive telemetry, codec %s: %.0f records/s (%.1f s);"
                                + " %d files, %d records read back, %.1f bytes/record (%d bytes)", codec.strip(),
                        records / seconds, seconds, files.count, files.records, (double) files.bytes / records,
                        files.bytes));
                report.add(String.format(Locale.ROOT, "ratio archive (%s) / pass-through: %.2f", codec.strip(),
                        records / seconds / yardstick));
            }
        }
        Path out = tmp.resolve("archive-benchmark.txt");
        java.nio.file.Files.write(out, report, StandardCharsets.UTF_8);
        System.out.println("==== flink-jobs archive benchmark (" + out + ")");
        report.forEach(System.out::println);
        System.exit(0); // local MiniClusters leave non-daemon threads behind
    }

    /** The committed archive files under a root: how many, their bytes, the records they hold. */
    private record Written(long count, long bytes, long records) {

        static Written of(Path root) {
            long count = 0;
            long bytes = 0;
            long records = 0;
            try (Stream<Path> walk = java.nio.file.Files.walk(root)) {
                for (Path file : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                    if (!ArchiveLayout.isArchiveFile(file.getFileName().toString())) {
                        continue;
                    }
                    count++;
                    bytes += java.nio.file.Files.size(file);
                    try (DataFileStream<GenericRecord> in = new DataFileStream<>(
                            java.nio.file.Files.newInputStream(file), new GenericDatumReader<>())) {
                        while (in.hasNext()) {
                            records += in.getBlockCount();
                            in.nextBlock();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the archive under " + root, e);
            }
            return new Written(count, bytes, records);
        }
    }
}
