package io.gridai.flink.aggregate;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation of {@link SubjectReading}s into {@link Stats}. */
public final class StatsAggregate implements AggregateFunction<SubjectReading, Stats, Stats> {

    private static final long serialVersionUID = 1L;

    @Override
    public Stats createAccumulator() {
        return new Stats();
    }

    @Override
    public Stats add(SubjectReading reading, Stats stats) {
        stats.add(reading);
        return stats;
    }

    @Override
    public Stats getResult(Stats stats) {
        return stats;
    }

    @Override
    public Stats merge(Stats a, Stats b) {
        return a.merge(b);
    }
}
