package io.gridai.flink.aggregate;

import io.gridai.model.AggregateScope;
import io.gridai.model.unit.MeasurementKind;

/**
 * One good reading as seen by one aggregate subject (the asset itself, its substation or its zone); a Flink POJO.
 * {@link #key} is {@code SCOPE/subject/KIND}, what the windows are keyed by.
 */
public class SubjectReading {
    public String key;
    public AggregateScope scope;
    public String subject;
    public MeasurementKind kind;
    public String asset;
    public double value;
    public long eventNanos;

    public SubjectReading() {
    }

    static SubjectReading of(AggregateScope scope, String subject, MeasurementKind kind, String asset, double value,
            long eventNanos) {
        SubjectReading r = new SubjectReading();
        r.key = scope.name() + '/' + subject + '/' + kind.name();
        r.scope = scope;
        r.subject = subject;
        r.kind = kind;
        r.asset = asset;
        r.value = value;
        r.eventNanos = eventNanos;
        return r;
    }
}
