package io.gridai.ingestion.dedup;

import io.gridai.model.id.MeasurementId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the most recently acknowledged measurements, at most {@code capacity}, oldest forgotten first.
 * Ids are remembered only after Kafka acknowledged them, so a batch that failed can be re-sent without its
 * records being taken for duplicates. Two concurrent batches carrying the same new id may both publish it;
 * the Flink cleaning job drops such duplicates (and those across restarts) by id in its keyed state.
 */
public final class RecentIds {

    private final int capacity;
    private final LinkedHashMap<MeasurementId, Boolean> ids;

    public RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("gridai.ingestion.dedup.window-size is " + capacity
                    + "; give at least 1 (the default 100000 costs about 15 MB)");
        }
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<MeasurementId, Boolean> eldest) {
                return size() > RecentIds.this.capacity;
            }
        };
    }

    public synchronized boolean contains(MeasurementId id) {
        return ids.containsKey(id);
    }

    /** Remembers acknowledged ids; an id seen again moves to the young end. */
    public synchronized void remember(Collection<MeasurementId> acknowledged) {
        for (MeasurementId id : acknowledged) {
            ids.remove(id);
            ids.put(id, Boolean.TRUE);
        }
    }

    public synchronized int size() {
        return ids.size();
    }

    public int capacity() {
        return capacity;
    }
}
