package io.gridai.service.live;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The grid's "now" for what people and agents do: when a setpoint starts and ends, which setpoints are current, where
 * a history request ends by default. On the {@code wall} clock it is the machine's time. On the {@code telemetry}
 * clock it is the newest event time read from {@code telemetry.clean}, as the dispatch optimiser and the storage
 * manager take it on theirs: under {@code gridai up} the twin replays a past year (RTS-GMLC's 2020), and a setpoint
 * stamped with today's date would be valid for years in the twin's time and not yet valid in the other services'.
 * Audit events keep wall time (when a person or an agent acted).
 */
public class GridClock {

    /** Where "now" comes from. */
    public enum Source { WALL, TELEMETRY }

    private final Source source;
    private final String sourceKey;
    private final AtomicReference<Instant> newestEventTime = new AtomicReference<>();

    /**
     * @param source    where "now" comes from
     * @param sourceKey the configuration key that sets it (e.g. {@code gridai.operator.clock}), named when the time is
     *                  not known yet
     */
    public GridClock(Source source, String sourceKey) {
        this.source = source;
        this.sourceKey = sourceKey;
    }

    public Source source() {
        return source;
    }

    /** Now on this clock; empty on the telemetry clock until the first measurement is read. */
    public Optional<Instant> now() {
        return source == Source.WALL ? Optional.of(Instant.now()) : Optional.ofNullable(newestEventTime.get());
    }

    /** Now, or why there is none yet (a sentence for a 503 problem or a refusal). */
    public Instant nowOrThrow() {
        return now().orElseThrow(() -> new GridTimeUnknownException("the grid's time is not known yet: this service"
                + " follows telemetry time (" + sourceKey + "=telemetry) and has read no measurement from"
                + " telemetry.clean since it started; try again once telemetry flows"));
    }

    /** A measurement's event time was read from {@code telemetry.clean}; the clock only moves forward. */
    public void observe(Instant eventTime) {
        newestEventTime.accumulateAndGet(eventTime, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    /** The grid's time is not known yet. */
    public static final class GridTimeUnknownException extends RuntimeException {
        public GridTimeUnknownException(String message) {
            super(message, null, false, false);
        }
    }
}
