package io.gridai.archive;

import io.gridai.model.Alert;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.archive.ArchiveLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Reads one dataset of the archive ({@link ArchiveLayout}) for a time range, in a deterministic event-time order.
 *
 * <p><b>Order.</b> Records come by the dataset's time ({@link ArchiveDataset#timeOf}), then by their subject (the
 * asset; a forecast's zone), then by their Avro binary encoding in the current schema (unsigned bytes): a total order
 * on distinct records that does not depend on file names, file order or the order inside files. Two identical
 * records (the same one archived twice) both come, next to each other.
 *
 * <p><b>Files.</b> Every {@code *.avro} file of the layout is read, whatever its name, except hidden ones (a leading
 * {@code .} or {@code _}: files being written, markers). Each file is read with the writer schema in its header,
 * resolved to the dataset's current schema, so files written by an older schema version still read.
 *
 * <p><b>Memory.</b> One date partition at a time is read, sorted and handed out: the stream holds one day of the
 * dataset (all feeds), never the whole range.
 *
 * @param <T> the record type
 */
public final class ArchiveReader<T> {

    /**
     * What to read: records with {@code from <= time < to}, of the given subjects (assets; zones for forecasts) and
     * feeds; an empty set means all.
     */
    public record Query(Instant from, Instant to, Set<String> subjects, Set<String> feeds) {

        public Query {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("the range [" + from + ", " + to + ") is empty; give a 'to' after"
                        + " 'from'");
            }
            subjects = Set.copyOf(subjects);
            feeds = feeds.stream().map(ArchiveLayout::feedValue).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        /** Everything in {@code [from, to)}. */
        public static Query between(Instant from, Instant to) {
            return new Query(from, to, Set.of(), Set.of());
        }

        /** The same range, of these subjects only. */
        public Query subjects(Set<String> only) {
            return new Query(from, to, only, feeds);
        }

        /** The same range, of these feeds only. */
        public Query feeds(Set<String> only) {
            return new Query(from, to, subjects, only);
        }
    }

    private record Keyed<T>(Instant time, String subject, byte[] encoded, T record) {
    }

    private final Path root;
    private final ArchiveDataset<T> dataset;
    private final Schema readerSchema;

    private ArchiveReader(Path root, ArchiveDataset<T> dataset) {
        this.root = Objects.requireNonNull(root, "root: the archive folder");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.readerSchema = dataset.format().currentSchema();
    }

    public static <T> ArchiveReader<T> of(Path root, ArchiveDataset<T> dataset) {
        return new ArchiveReader<>(root, dataset);
    }

    /** The subject a record is ordered and filtered by: the asset, or a forecast's zone. */
    public static String subjectOf(Object record) {
        if (record instanceof Measurement m) {
            return m.asset().value();
        }
        if (record instanceof Forecast f) {
            return f.zone().value();
        }
        if (record instanceof Setpoint s) {
            return s.asset().value();
        }
        if (record instanceof Alert a) {
            return a.asset().value();
        }
        throw new IllegalArgumentException("no archive subject for " + record.getClass().getName());
    }

    /** The dataset's date partitions, in order (empty when the dataset has none). */
    public List<LocalDate> dates() {
        Path dir = root.resolve(dataset.name());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory)
                    .map(p -> ArchiveLayout.dateDirectory(p.getFileName().toString()))
                    .flatMap(Optional::stream).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + "; check that the archive folder is readable", e);
        }
    }

    /**
     * The records of the query in event-time order (see the class comment), read one date partition at a time as the
     * stream is consumed.
     */
    public Stream<T> read(Query query) {
        LocalDate first = ArchiveLayout.dateOf(query.from());
        LocalDate last = ArchiveLayout.dateOf(query.to().minusNanos(1));
        return dates().stream()
                .filter(d -> !d.isBefore(first) && !d.isAfter(last))
                .flatMap(d -> readDate(d, query).stream());
    }

    /** One date partition of the query, sorted. */
    private List<T> readDate(LocalDate date, Query query) {
        List<Keyed<T>> keyed = new ArrayList<>();
        for (Path file : files(date, query.feeds())) {
            readFile(file, date, query, keyed);
        }
        keyed.sort(Comparator.<Keyed<T>, Instant>comparing(Keyed::time)
                .thenComparing(Keyed::subject)
                .thenComparing(Keyed::encoded, Arrays::compareUnsigned));
        return keyed.stream().map(Keyed::record).toList();
    }

    /** The archive files of one date (all feeds, or the given ones), in name order. */
    List<Path> files(LocalDate date, Set<String> feeds) {
        Path dateDir = root.resolve(dataset.name()).resolve("date=" + date);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> feedDirs = Files.list(dateDir)) {
            for (Path feedDir : feedDirs.sorted().toList()) {
                Optional<String> feed = ArchiveLayout.feedDirectory(feedDir.getFileName().toString());
                if (feed.isEmpty() || !Files.isDirectory(feedDir) || (!feeds.isEmpty() && !feeds.contains(feed.get()))) {
                    continue;
                }
                try (Stream<Path> children = Files.list(feedDir)) {
                    children.filter(p -> ArchiveLayout.isArchiveFile(p.getFileName().toString()))
                            .filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dateDir + "; check that the archive folder is readable", e);
        }
        return files;
    }

    private void readFile(Path file, LocalDate date, Query query, List<Keyed<T>> into) {
        GenericDatumWriter<GenericRecord> encoder = new GenericDatumWriter<>(readerSchema);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        BinaryEncoder binary = null;
        try (DataFileReader<GenericRecord> in =
                new DataFileReader<>(file.toFile(), new GenericDatumReader<>(null, readerSchema))) {
            GenericRecord reuse = null;
            while (in.hasNext()) {
                GenericRecord generic = in.next(reuse);
                T record = dataset.format().mapper().fromRecord(generic);
                Instant time = dataset.timeOf(record);
                if (!ArchiveLayout.dateOf(time).equals(date)) {
                    throw new ArchiveException(file + " holds a record of " + time + ", which is not of its date partition "
                            + date + "; the file was not written by the archive's layout. Move it to the partition of its"
                            + " records' dates");
                }
                if (time.isBefore(query.from()) || !time.isBefore(query.to())) {
                    continue;
                }
                String subject = subjectOf(record);
                if (!query.subjects().isEmpty() && !query.subjects().contains(subject)) {
                    continue;
                }
                bytes.reset();
                binary = EncoderFactory.get().binaryEncoder(bytes, binary);
                encoder.write(generic, binary);
                binary.flush();
                into.add(new Keyed<>(time, subject, bytes.toByteArray(), record));
            }
        } catch (IOException | AvroRuntimeException e) {
            throw new ArchiveException("cannot read archive file " + file + " as " + dataset.name() + " (" + e.getMessage()
                    + "); it is corrupt, truncated or of another schema. Move it out of the archive", e);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException("archive file " + file + " holds a " + dataset.type().getSimpleName()
                    + " that is not valid: " + e.getMessage() + "; move the file out of the archive", e);
        }
    }
}
