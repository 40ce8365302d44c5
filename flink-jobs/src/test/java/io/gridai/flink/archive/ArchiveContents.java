package io.gridai.flink.archive;

import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.archive.ArchiveLayout;
import io.gridai.model.wire.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * What an archive directory holds, read the way any reader of the layout would: every visible {@code .avro} file
 * under {@code ROOT/DATASET/}, opened with Avro's {@link DataFileReader} and decoded with the dataset's mapper.
 */
final class ArchiveContents {

    /** A record read back, with the partition directory its file lies in (relative to the root) and its writer schema. */
    record Archived<T>(T value, String directory, org.apache.avro.Schema schema) {
    }

    private ArchiveContents() {
    }

    /** Every record of {@code dataset} in committed (visible) files under {@code root}. */
    static <T> List<Archived<T>> read(Path root, ArchiveDataset<T> dataset) {
        Path dir = root.resolve(dataset.name());
        List<Archived<T>> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        WireFormat<T> format = dataset.format();
        for (Path file : files(dir)) {
            if (!ArchiveLayout.isArchiveFile(file.getFileName().toString())) {
                continue;
            }
            String directory = root.relativize(file.getParent()).toString().replace('\\', '/');
            try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(),
                    new GenericDatumReader<>(format.currentSchema()))) {
                for (GenericRecord record : reader) {
                    out.add(new Archived<>(format.mapper().fromRecord(record), directory, reader.getSchema()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read archive file " + file, e);
            }
        }
        return out;
    }

    /** The values alone. */
    static <T> List<T> values(Path root, ArchiveDataset<T> dataset) {
        return read(root, dataset).stream().map(Archived::value).toList();
    }

    /** Files under {@code root} that readers skip: hidden ({@code .}) or marker ({@code _}) names. */
    static List<Path> hidden(Path root) {
        return files(root).stream().filter(f -> {
            String name = f.getFileName().toString();
            return name.startsWith(".") || name.startsWith("_");
        }).toList();
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
