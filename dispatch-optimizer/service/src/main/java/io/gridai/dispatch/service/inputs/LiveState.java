package io.gridai.dispatch.service.inputs;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.gridai.model.Measurement;

/**
 * The latest good reading per asset of what the dispatch needs: generators' ACTIVE_POWER (initial outputs, from
 * which ramps count), renewables' AVAILABLE_POWER, batteries' STATE_OF_CHARGE (%), and the latest event time seen
 * on the topic (the service's clock when it follows telemetry). A reading replaces an older one only. Thread-safe.
 */
public final class LiveState {

    /** A value and when it was measured. */
    public record Reading(double value, Instant time) {
    }

    private final Map<String, Reading> activePower = new ConcurrentHashMap<>();
    private final Map<String, Reading> availablePower = new ConcurrentHashMap<>();
    private final Map<String, Reading> stateOfCharge = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> latest = new AtomicReference<>();

    void seen(Instant eventTime) {
        latest.accumulateAndGet(eventTime, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    void putActivePower(Measurement m) {
        put(activePower, m);
    }

    void putAvailablePower(Measurement m) {
        put(availablePower, m);
    }

    void putStateOfCharge(Measurement m) {
        put(stateOfCharge, m);
    }

    private static void put(Map<String, Reading> map, Measurement m) {
        map.merge(m.asset().value(), new Reading(m.value(), m.eventTime()), (old, neu) -> neu.time().isBefore(old.time()) ? old : neu);
    }

    public Optional<Reading> activePower(String asset) {
        return Optional.ofNullable(activePower.get(asset));
    }

    public Optional<Reading> availablePower(String asset) {
        return Optional.ofNullable(availablePower.get(asset));
    }

    public Optional<Reading> stateOfCharge(String asset) {
        return Optional.ofNullable(stateOfCharge.get(asset));
    }

    /** The latest event time seen on the live-state topic, empty before the first record. */
    public Optional<Instant> latestEventTime() {
        return Optional.ofNullable(latest.get());
    }
}
