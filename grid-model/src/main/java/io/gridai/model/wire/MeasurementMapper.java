package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.enumValue;
import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.symbol;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** {@link Measurement} ↔ {@code io.gridai.model.avro.Measurement}. */
public final class MeasurementMapper implements AvroMapper<Measurement> {

    private final Schema schema = SchemaHistory.MEASUREMENT.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(Measurement value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", value.id().value());
        record.put("source", value.source().value());
        record.put("asset", value.asset().value());
        record.put("kind", symbol(record, "kind", value.kind()));
        record.put("value", value.value());
        Schema flagSchema = AvroValues.items(record, "quality");
        List<GenericData.EnumSymbol> flags = new ArrayList<>(value.quality().size());
        for (QualityFlag flag : value.quality()) {
            flags.add(symbol(flagSchema, flag));
        }
        record.put("quality", flags);
        record.put("eventTime", nanos(value.eventTime()));
        record.put("ingestTime", nanos(value.ingestTime()));
        return record;
    }

    @Override
    public Measurement fromRecord(GenericRecord record) {
        Set<QualityFlag> quality = EnumSet.noneOf(QualityFlag.class);
        for (Object flag : (List<?>) record.get("quality")) {
            quality.add(enumValue(QualityFlag.class, flag));
        }
        return new Measurement(
                MeasurementId.of(text(record.get("id"))),
                SourceId.of(text(record.get("source"))),
                AssetId.of(text(record.get("asset"))),
                enumValue(MeasurementKind.class, record.get("kind")),
                (Double) record.get("value"),
                quality,
                instant(record.get("eventTime")),
                instant(record.get("ingestTime")));
    }
}
