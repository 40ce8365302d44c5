package io.gridai.flink.aggregate;

import io.gridai.model.AggregateScope;
import io.gridai.model.unit.MeasurementKind;

/** Running min/sum/max/last of one subject and kind in one window (a Flink POJO, the window accumulator). */
public class Stats {
    public AggregateScope scope;
    public String subject;
    public MeasurementKind kind;
    public long count;
    public double sum;
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;
    public double last;
    public long lastNanos = Long.MIN_VALUE;

    public Stats() {
    }

    void add(SubjectReading r) {
        if (count == 0) {
            scope = r.scope;
            subject = r.subject;
            kind = r.kind;
        }
        count++;
        sum += r.value;
        min = Math.min(min, r.value);
        max = Math.max(max, r.value);
        // Ties in event time go to the larger value, so the result does not depend on arrival order.
        if (r.eventNanos > lastNanos || (r.eventNanos == lastNanos && r.value > last)) {
            last = r.value;
            lastNanos = r.eventNanos;
        }
    }

    Stats merge(Stats other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (other.lastNanos > lastNanos || (other.lastNanos == lastNanos && other.last > last)) {
            last = other.last;
            lastNanos = other.lastNanos;
        }
        return this;
    }
}
