package io.gridai.archive;

import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.archive.ArchiveLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes records of one dataset into the archive's layout ({@link ArchiveLayout}) under a root folder: each record
 * goes to the partition of its date and feed, and each partition this writer touches gets one file
 * {@code part-<writerId>-<n>.avro} (an Avro object container file of the dataset's current wire schema).
 *
 * <p>A file is written under a hidden name ({@code .part-….avro.inprogress}, which readers never read) and made
 * visible when it is complete: on {@link #close()}, or earlier when more than {@link Settings#maxOpenFiles()}
 * partitions are open at once (the least recently written one is then finished, and a later record of that partition
 * starts its next file {@code n + 1}). So a crash leaves only hidden files, never a half file a reader would see. An
 * existing file is never overwritten: the hidden file is linked to its visible name, which fails if that name exists.
 *
 * <p>Not thread-safe: one writer per thread.
 *
 * @param <T> the record type
 */
public final class ArchiveWriter<T> implements AutoCloseable {

    private static final Pattern WRITER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * How a writer writes.
     *
     * @param maxOpenFiles how many partition files may be open at once (default {@value #DEFAULT_MAX_OPEN_FILES});
     *                     input in time order needs only a few, a year out of order would need one per day
     * @param codec        the Avro block codec (default deflate level {@value #DEFAULT_DEFLATE_LEVEL})
     */
    public record Settings(int maxOpenFiles, CodecFactory codec) {

        public static final int DEFAULT_MAX_OPEN_FILES = 32;
        public static final int DEFAULT_DEFLATE_LEVEL = 6;

        public Settings {
            if (maxOpenFiles < 1) {
                throw new IllegalArgumentException("maxOpenFiles is " + maxOpenFiles + "; allow at least one open file");
            }
            Objects.requireNonNull(codec, "codec; e.g. CodecFactory.deflateCodec(6)");
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_MAX_OPEN_FILES, CodecFactory.deflateCodec(DEFAULT_DEFLATE_LEVEL));
        }
    }

    private record PartitionKey(LocalDate date, String feed) {
    }

    private final class OpenFile {
        final Path hidden;
        final Path visible;
        final DataFileWriter<GenericRecord> out;
        long records;

        OpenFile(Path hidden, Path visible, DataFileWriter<GenericRecord> out) {
            this.hidden = hidden;
            this.visible = visible;
            this.out = out;
        }
    }

    private final Path root;
    private final ArchiveDataset<T> dataset;
    private final String writerId;
    private final Settings settings;
    /** Access order: the first entry is the least recently written. */
    private final Map<PartitionKey, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);
    private final List<Path> finished = new ArrayList<>();
    private int nextFileNumber;
    private long written;
    private boolean closed;

    private ArchiveWriter(Path root, ArchiveDataset<T> dataset, String writerId, Settings settings) {
        this.root = Objects.requireNonNull(root, "root: the archive folder");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (writerId == null || !WRITER_ID.matcher(writerId).matches()) {
            throw new IllegalArgumentException("writer id '" + writerId + "' must be 1 to 64 of [A-Za-z0-9_-]; it becomes"
                    + " part of file names");
        }
        this.writerId = writerId;
    }

    /** A writer with a random writer id and default settings. */
    public static <T> ArchiveWriter<T> open(Path root, ArchiveDataset<T> dataset) {
        return open(root, dataset, newWriterId(), Settings.defaults());
    }

    /**
     * A writer whose files are named {@code part-<writerId>-<n>.avro}.
     *
     * @param writerId 1 to 64 of {@code [A-Za-z0-9_-]}, unique to this writing session (e.g. {@link #newWriterId()})
     */
    public static <T> ArchiveWriter<T> open(Path root, ArchiveDataset<T> dataset, String writerId, Settings settings) {
        return new ArchiveWriter<>(root, dataset, writerId, settings);
    }

    /** A fresh random writer id (a UUID without dashes). */
    public static String newWriterId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public String writerId() {
        return writerId;
    }

    /** Adds a record to its partition's file. */
    public void write(T record) {
        if (closed) {
            throw new IllegalStateException("this archive writer is closed; open a new one");
        }
        PartitionKey key = new PartitionKey(ArchiveLayout.dateOf(dataset.timeOf(record)), dataset.feedOf(record));
        OpenFile file = open.get(key);
        if (file == null) {
            file = start(key);
        }
        try {
            file.out.append(dataset.format().mapper().toRecord(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file.hidden + "; check the disk space and permissions", e);
        }
        file.records++;
        written++;
    }

    /** Records written so far. */
    public long written() {
        return written;
    }

    /** The visible files finished so far (all of them after {@link #close()}), in the order they were finished. */
    public List<Path> files() {
        return List.copyOf(finished);
    }

    /** Finishes every open file and makes it visible. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Iterator<OpenFile> it = open.values().iterator(); it.hasNext(); ) {
            OpenFile file = it.next();
            it.remove();
            finish(file);
        }
    }

    private OpenFile start(PartitionKey key) {
        if (open.size() >= settings.maxOpenFiles()) {
            Iterator<OpenFile> eldest = open.values().iterator();
            OpenFile file = eldest.next();
            eldest.remove();
            finish(file);
        }
        Path dir = root.resolve(ArchiveLayout.partition(dataset, key.date(), key.feed()));
        String name = "part-" + writerId + "-" + nextFileNumber++ + ArchiveLayout.SUFFIX;
        Path visible = dir.resolve(name);
        Path hidden = dir.resolve("." + name + ".inprogress");
        try {
            Files.createDirectories(dir);
            if (Files.exists(visible)) {
                throw new FileAlreadyExistsException(visible.toString());
            }
            Files.createFile(hidden);
            DataFileWriter<GenericRecord> out =
                    new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(dataset.format().currentSchema()));
            out.setCodec(settings.codec());
            out.create(dataset.format().currentSchema(), Files.newOutputStream(hidden));
            OpenFile file = new OpenFile(hidden, visible, out);
            open.put(key, file);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new ArchiveException("archive file " + e.getFile() + " already exists; another writer used the writer"
                    + " id '" + writerId + "'. Give each writing session its own id (ArchiveWriter.newWriterId())", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an archive file in " + dir
                    + "; check that the archive folder is writable", e);
        }
    }

    private void finish(OpenFile file) {
        try {
            file.out.close();
            publish(file.hidden, file.visible);
            finished.add(file.visible);
        } catch (FileAlreadyExistsException e) {
            throw new ArchiveException("archive file " + file.visible + " appeared while this writer wrote it; it was not"
                    + " overwritten and this writer's data stays in " + file.hidden + ". Give each writing session its"
                    + " own writer id", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish archive file " + file.visible + " (its data is in "
                    + file.hidden + "); check the disk space and permissions", e);
        }
    }

    /** Makes the hidden file visible under its name, atomically and never over an existing file. */
    private static void publish(Path hidden, Path visible) throws IOException {
        try {
            Files.createLink(visible, hidden);
            Files.delete(hidden);
        } catch (UnsupportedOperationException e) {
            // a file system without hard links: check, then an atomic rename
            if (Files.exists(visible)) {
                throw new FileAlreadyExistsException(visible.toString());
            }
            try {
                Files.move(hidden, visible, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(hidden, visible);
            }
        }
    }
}
