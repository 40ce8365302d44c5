package io.gridai.operator.alerts;

import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.id.AlertId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The alerts of {@code grid.alerts} the API shows: a bounded window of at most {@code maxCount} alerts (the oldest by
 * alert time leave first), one per alert id (a record read twice, e.g. after a replay, counts once), each with its
 * acknowledgement. Acknowledgements restored from the audit chain at start may arrive before their alert; they wait
 * (at most {@code maxCount} of them) until it does. Thread-safe.
 */
public final class AlertBook {

    /** Orders the window by alert time, then by arrival. */
    private record Key(java.time.Instant time, long arrival) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::time).thenComparingLong(Key::arrival);

    private final int maxCount;
    private final TreeMap<Key, Alert> window = new TreeMap<>(ORDER);
    private final Map<AlertId, Key> keys = new HashMap<>();
    private final Map<AlertId, Acknowledgement> acks = new HashMap<>();
    private long arrivals;

    public AlertBook(int maxCount) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("gridai.operator.alerts.max-count must be at least 1 but was " + maxCount);
        }
        this.maxCount = maxCount;
    }

    /** Files an alert; false when its id is already in the window. */
    public synchronized boolean add(Alert alert) {
        if (keys.containsKey(alert.id())) {
            return false;
        }
        Key key = new Key(alert.time(), arrivals++);
        window.put(key, alert);
        keys.put(alert.id(), key);
        while (window.size() > maxCount) {
            Alert evicted = window.pollFirstEntry().getValue();
            keys.remove(evicted.id());
            acks.remove(evicted.id());
        }
        return true;
    }

    /** The window, newest first, filtered by state and asset when given. */
    public synchronized List<AlertView> list(Optional<AlertState> state, Optional<String> asset) {
        List<AlertView> out = new ArrayList<>();
        for (Alert a : window.descendingMap().values()) {
            if (state.isPresent() && a.state() != state.get()) {
                continue;
            }
            if (asset.isPresent() && !a.asset().value().equals(asset.get())) {
                continue;
            }
            out.add(AlertView.of(a, acks.get(a.id())));
        }
        return out;
    }

    /** One alert of the window. */
    public synchronized Optional<AlertView> get(AlertId id) {
        Key key = keys.get(id);
        return key == null ? Optional.empty() : Optional.of(AlertView.of(window.get(key), acks.get(id)));
    }

    /** The acknowledgement of an alert, if any. */
    public synchronized Optional<Acknowledgement> acknowledgement(AlertId id) {
        return Optional.ofNullable(acks.get(id));
    }

    /**
     * Records an acknowledgement unless the alert has one already; returns the one that holds. Does not require the
     * alert to be in the window (acknowledgements restored from the audit chain may come first).
     */
    public synchronized Acknowledgement acknowledge(AlertId id, Acknowledgement ack) {
        Acknowledgement held = acks.putIfAbsent(id, ack);
        if (held == null && acks.size() > maxCount) {
            // Acknowledgements of alerts no longer (or never) in the window go first.
            acks.keySet().removeIf(k -> !keys.containsKey(k) && acks.size() > maxCount && !k.equals(id));
        }
        return held == null ? ack : held;
    }

    /** How many alerts the window holds. */
    public synchronized int size() {
        return window.size();
    }
}
