package io.gridai.archive;

import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.archive.ArchiveLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * What an archive holds, per dataset: its dates, feeds, files, records and bytes. Records are counted from the
 * files' block headers, without decoding them.
 *
 * @param root     the archive folder
 * @param datasets one entry per dataset that has at least one file, in {@link ArchiveDataset#all()} order
 */
public record ArchiveSummary(Path root, List<DatasetSummary> datasets) {

    /**
     * One dataset.
     *
     * @param dataset   the dataset's name
     * @param firstDate the first date with a file
     * @param lastDate  the last date with a file
     * @param dates     how many dates have a file
     * @param feeds     the feeds with a file
     * @param files     archive files (hidden files not counted)
     * @param records   records in them
     * @param bytes     their size on disk
     */
    public record DatasetSummary(String dataset, LocalDate firstDate, LocalDate lastDate, int dates,
            SortedSet<String> feeds, int files, long records, long bytes) {
    }

    /** The summary of the archive under {@code root} (an empty summary when the folder does not exist). */
    public static ArchiveSummary of(Path root) {
        List<DatasetSummary> datasets = new ArrayList<>();
        for (ArchiveDataset<?> dataset : ArchiveDataset.all()) {
            summarise(root, dataset).ifPresent(datasets::add);
        }
        return new ArchiveSummary(root, List.copyOf(datasets));
    }

    private static Optional<DatasetSummary> summarise(Path root, ArchiveDataset<?> dataset) {
        ArchiveReader<?> reader = ArchiveReader.of(root, dataset);
        SortedSet<LocalDate> dates = new TreeSet<>();
        SortedSet<String> feeds = new TreeSet<>();
        int files = 0;
        long records = 0;
        long bytes = 0;
        for (LocalDate date : reader.dates()) {
            for (Path file : reader.files(date, java.util.Set.of())) {
                dates.add(date);
                ArchiveLayout.feedDirectory(file.getParent().getFileName().toString()).ifPresent(feeds::add);
                files++;
                records += count(file);
                try {
                    bytes += Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the size of " + file, e);
                }
            }
        }
        if (files == 0) {
            return Optional.empty();
        }
        return Optional.of(new DatasetSummary(dataset.name(), dates.first(), dates.last(), dates.size(),
                java.util.Collections.unmodifiableSortedSet(feeds), files, records, bytes));
    }

    private static long count(Path file) {
        try (DataFileReader<GenericRecord> in = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            long count = 0;
            while (in.hasNext()) {
                count += in.getBlockCount();
                in.nextBlock();
            }
            return count;
        } catch (IOException | AvroRuntimeException e) {
            throw new ArchiveException("cannot read archive file " + file + " (" + e.getMessage() + "); it is corrupt or"
                    + " truncated. Move it out of the archive", e);
        }
    }

    /** Total records of all datasets. */
    public long records() {
        return datasets.stream().mapToLong(DatasetSummary::records).sum();
    }

}
