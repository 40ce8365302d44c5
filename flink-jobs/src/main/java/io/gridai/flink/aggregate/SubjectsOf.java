package io.gridai.flink.aggregate;

import io.gridai.flink.config.AssetTopology;
import io.gridai.model.AggregateScope;
import io.gridai.model.Measurement;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Fans a good reading out to every subject that aggregates it: its asset, and its substation and zone where the
 * {@link AssetTopology} places it. Readings flagged OUT_OF_RANGE are dropped here.
 */
public final class SubjectsOf implements FlatMapFunction<Measurement, SubjectReading> {

    private static final long serialVersionUID = 1L;

    private final AssetTopology topology;

    public SubjectsOf(AssetTopology topology) {
        this.topology = topology;
    }

    @Override
    public void flatMap(Measurement m, Collector<SubjectReading> out) {
        if (m.quality().contains(io.gridai.model.QualityFlag.OUT_OF_RANGE)) {
            return;
        }
        String asset = m.asset().value();
        long nanos = m.eventTime().getEpochSecond() * 1_000_000_000L + m.eventTime().getNano();
        out.collect(SubjectReading.of(AggregateScope.ASSET, asset, m.kind(), asset, m.value(), nanos));
        AssetTopology.Placement placement = topology.placementOf(asset);
        placement.substation().ifPresent(sub ->
                out.collect(SubjectReading.of(AggregateScope.SUBSTATION, sub.value(), m.kind(), asset, m.value(), nanos)));
        placement.zone().ifPresent(zone ->
                out.collect(SubjectReading.of(AggregateScope.ZONE, zone.value(), m.kind(), asset, m.value(), nanos)));
    }
}
