package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.doubles;
import static io.gridai.model.wire.AvroValues.enumValue;
import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.symbol;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.Forecast;
import io.gridai.model.ForecastStep;
import io.gridai.model.id.ZoneId;
import io.gridai.model.unit.MeasurementKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** {@link Forecast} ↔ {@code io.gridai.model.avro.Forecast} (steps as nested {@code ForecastStep} records). */
public final class ForecastMapper implements AvroMapper<Forecast> {

    private final Schema schema = SchemaHistory.FORECAST.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(Forecast value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("zone", value.zone().value());
        record.put("kind", symbol(record, "kind", value.kind()));
        record.put("issueTime", nanos(value.issueTime()));
        record.put("stepNanos", nanos(value.step()));
        record.put("quantileLevels", value.quantileLevels());
        Schema stepSchema = AvroValues.items(record, "steps");
        List<GenericRecord> steps = new ArrayList<>(value.steps().size());
        for (ForecastStep step : value.steps()) {
            GenericRecord stepRecord = new GenericData.Record(stepSchema);
            stepRecord.put("index", step.index());
            stepRecord.put("validTime", nanos(step.validTime()));
            stepRecord.put("values", step.values());
            steps.add(stepRecord);
        }
        record.put("steps", steps);
        record.put("modelVersion", value.modelVersion());
        record.put("madeAt", nanos(value.madeAt()));
        return record;
    }

    @Override
    public Forecast fromRecord(GenericRecord record) {
        List<?> stepRecords = (List<?>) record.get("steps");
        List<ForecastStep> steps = new ArrayList<>(stepRecords.size());
        for (Object stepObject : stepRecords) {
            GenericRecord step = (GenericRecord) stepObject;
            steps.add(new ForecastStep((Integer) step.get("index"), instant(step.get("validTime")),
                    doubles(step.get("values"))));
        }
        return new Forecast(
                ZoneId.of(text(record.get("zone"))),
                enumValue(MeasurementKind.class, record.get("kind")),
                instant(record.get("issueTime")),
                AvroValues.duration(record.get("stepNanos")),
                doubles(record.get("quantileLevels")),
                steps,
                text(record.get("modelVersion")),
                madeAt(record));
    }

    /** {@code madeAt}, or the issue time for records written before v2 (which read the default 0). */
    private static java.time.Instant madeAt(GenericRecord record) {
        Object made = record.get("madeAt");
        return made == null || ((Long) made) == 0L ? instant(record.get("issueTime")) : instant(made);
    }
}
