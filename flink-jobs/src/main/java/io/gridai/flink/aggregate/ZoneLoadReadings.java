package io.gridai.flink.aggregate;

import io.gridai.flink.config.AssetTopology;
import io.gridai.model.AggregateScope;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.unit.MeasurementKind;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** The good ACTIVE_POWER readings of load assets that sit in a zone, as readings of that zone. */
public final class ZoneLoadReadings implements FlatMapFunction<Measurement, SubjectReading> {

    private static final long serialVersionUID = 1L;

    private final AssetTopology topology;

    public ZoneLoadReadings(AssetTopology topology) {
        this.topology = topology;
    }

    @Override
    public void flatMap(Measurement m, Collector<SubjectReading> out) {
        if (m.kind() != MeasurementKind.ACTIVE_POWER || m.quality().contains(QualityFlag.OUT_OF_RANGE)
                || !topology.isLoad(m.asset().value())) {
            return;
        }
        String asset = m.asset().value();
        topology.placementOf(asset).zone().ifPresent(zone -> out.collect(SubjectReading.of(AggregateScope.ZONE,
                zone.value(), m.kind(), asset, m.value(),
                m.eventTime().getEpochSecond() * 1_000_000_000L + m.eventTime().getNano())));
    }
}
