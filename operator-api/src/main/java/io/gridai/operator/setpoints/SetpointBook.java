package io.gridai.operator.setpoints;

import io.gridai.model.Setpoint;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The setpoints of {@code grid.setpoints} in memory: a window of at most {@code maxCount} (the oldest by issue time
 * leave first), once per setpoint id. {@link #current} is, per asset and kind, the newest issued setpoint still valid
 * now or later; {@link #history} the window filtered, newest first. Thread-safe.
 */
public final class SetpointBook {

    private record Key(Instant issuedAt, long arrival) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::issuedAt).thenComparingLong(Key::arrival);

    private record AssetKind(String asset, MeasurementKind kind) {
    }

    private final int maxCount;
    private final TreeMap<Key, Setpoint> window = new TreeMap<>(ORDER);
    private final Set<SetpointId> ids = new HashSet<>();
    private long arrivals;

    public SetpointBook(int maxCount) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("gridai.operator.setpoints.max-count must be at least 1 but was "
                    + maxCount);
        }
        this.maxCount = maxCount;
    }

    /** Files a setpoint; false when its id is held already. */
    public synchronized boolean add(Setpoint s) {
        if (!ids.add(s.id())) {
            return false;
        }
        window.put(new Key(s.issuedAt(), arrivals++), s);
        while (window.size() > maxCount) {
            ids.remove(window.pollFirstEntry().getValue().id());
        }
        return true;
    }

    /**
     * Per asset and kind, the newest issued setpoint whose validity has not ended at {@code now} (valid now or
     * later), filtered by asset when given; sorted by asset, then kind.
     */
    public synchronized List<Setpoint> current(Instant now, Optional<String> asset) {
        Map<AssetKind, Setpoint> latest = new HashMap<>();
        for (Setpoint s : window.descendingMap().values()) {
            if (asset.isPresent() && !s.asset().value().equals(asset.get())) {
                continue;
            }
            if (s.validUntil().isAfter(now)) {
                latest.putIfAbsent(new AssetKind(s.asset().value(), s.kind()), s);
            }
        }
        List<Setpoint> out = new ArrayList<>(latest.values());
        out.sort(Comparator.<Setpoint, String>comparing(s -> s.asset().value()).thenComparing(Setpoint::kind));
        return out;
    }

    /** The window newest first (issue time), issued in [from, to) and of {@code asset} when given, at most limit. */
    public synchronized List<Setpoint> history(Optional<String> asset, Optional<Instant> from, Optional<Instant> to,
            int limit) {
        List<Setpoint> out = new ArrayList<>();
        for (Setpoint s : window.descendingMap().values()) {
            if (out.size() >= limit) {
                break;
            }
            if (to.isPresent() && !s.issuedAt().isBefore(to.get())) {
                continue;
            }
            if (from.isPresent() && s.issuedAt().isBefore(from.get())) {
                break;
            }
            if (asset.isEmpty() || s.asset().value().equals(asset.get())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The issue time of the oldest setpoint held, if any: where the history starts. */
    public synchronized Optional<Instant> oldest() {
        return window.isEmpty() ? Optional.empty() : Optional.of(window.firstKey().issuedAt());
    }

    public synchronized int size() {
        return window.size();
    }
}
