package io.gridai.flink.archive;

import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.archive.ArchiveLayout;
import io.gridai.model.wire.AvroMapper;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.flink.formats.avro.AvroBuilder;
import org.apache.flink.formats.avro.AvroWriterFactory;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/**
 * Flink's Avro bulk writer for a dataset: an Avro object container file of the dataset's current wire schema (in its
 * header), each domain record written as {@code format().mapper().toRecord(value)}, blocks compressed with the given
 * codec. The records travel as domain objects up to here, so the bucket assigner reads their time and feed directly.
 */
public final class ArchiveFiles {

    /** Part files: {@code part-<uuid>-<subtask>-<n>.avro} ({@link ArchiveLayout#SUFFIX}); hidden while in progress. */
    public static final OutputFileConfig NAMES = OutputFileConfig.builder().withPartPrefix("part")
            .withPartSuffix(ArchiveLayout.SUFFIX).build();

    private ArchiveFiles() {
    }

    /** The writer factory of {@code dataset}'s files; {@code codec} as Avro names it ({@code snappy}, {@code null}…). */
    public static <T> AvroWriterFactory<T> writer(ArchiveDataset<T> dataset, String codec) {
        String name = dataset.name();
        AvroBuilder<T> builder = out -> {
            @SuppressWarnings("unchecked") // the name is the dataset's own, so is its type
            ArchiveDataset<T> d = (ArchiveDataset<T>) ArchiveDataset.named(name);
            Schema schema = d.format().currentSchema();
            DataFileWriter<T> writer = new DataFileWriter<>(new MappedDatumWriter<>(d.format().mapper(), schema));
            writer.setCodec(CodecFactory.fromString(codec));
            writer.create(schema, out);
            return writer;
        };
        return new AvroWriterFactory<>(builder);
    }

    /** Writes a domain record as the generic record its wire mapper makes of it. */
    private static final class MappedDatumWriter<T> implements DatumWriter<T> {

        private final AvroMapper<T> mapper;
        private final GenericDatumWriter<GenericRecord> delegate;

        MappedDatumWriter(AvroMapper<T> mapper, Schema schema) {
            this.mapper = mapper;
            this.delegate = new GenericDatumWriter<>(schema);
        }

        @Override
        public void setSchema(Schema schema) {
            delegate.setSchema(schema);
        }

        @Override
        public void write(T datum, Encoder out) throws IOException {
            delegate.write(mapper.toRecord(datum), out);
        }
    }
}
