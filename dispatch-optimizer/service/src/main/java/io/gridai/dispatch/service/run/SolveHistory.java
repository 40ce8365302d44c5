package io.gridai.dispatch.service.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The latest solve records, newest first, at most {@code capacity}. Thread-safe. */
public final class SolveHistory {

    private final int capacity;
    private final Deque<SolveRecord> records = new ArrayDeque<>();

    public SolveHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("gridai.dispatch.solves-kept must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void add(SolveRecord record) {
        records.addFirst(record);
        while (records.size() > capacity) {
            records.removeLast();
        }
    }

    public synchronized List<SolveRecord> newestFirst(int limit) {
        return new ArrayList<>(records).subList(0, Math.min(limit, records.size()));
    }

    public synchronized Optional<SolveRecord> latest() {
        return Optional.ofNullable(records.peekFirst());
    }

    /** The latest record whose solve was OPTIMAL. */
    public synchronized Optional<SolveRecord> latestOptimal() {
        return records.stream().filter(r -> "OPTIMAL".equals(r.status())).findFirst();
    }

    public synchronized Optional<SolveRecord> byId(String id) {
        return records.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
