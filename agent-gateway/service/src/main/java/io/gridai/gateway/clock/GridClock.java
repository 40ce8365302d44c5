package io.gridai.gateway.clock;

import io.gridai.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The grid's "now" for what agents do: when an approved proposal's setpoints start and end, where a
 * history request ends by default. On the {@code wall} clock (default) it is the machine's time. On the
 * {@code telemetry} clock it is the newest event time read from {@code telemetry.clean}, as the dispatch optimiser and
 * the storage manager take it on theirs: under {@code gridai up} the twin replays a past year (RTS-GMLC's 2020), and a
 * setpoint stamped with today's date would be valid for years in the twin's time and not yet valid in the other
 * services'. Audit events keep wall time (when a person acted).
 */
@ApplicationScoped
public class GridClock {

    /** Where "now" comes from ({@code gridai.gateway.clock}). */
    public enum Source { WALL, TELEMETRY }

    private final Source source;
    private final AtomicReference<Instant> newestEventTime = new AtomicReference<>();

    public GridClock(GatewayConfig config) {
        this.source = config.clock();
    }

    public Source source() {
        return source;
    }

    /** Now on this clock; empty on the telemetry clock until the first measurement is read. */
    public Optional<Instant> now() {
        return source == Source.WALL ? Optional.of(Instant.now()) : Optional.ofNullable(newestEventTime.get());
    }

    /** Now, or why there is none yet (a sentence for a 503 problem). */
    public Instant nowOrThrow() {
        return now().orElseThrow(() -> new GridTimeUnknownException("the grid's time is not known yet: this service"
                + " follows telemetry time (gridai.gateway.clock=telemetry) and has read no measurement from"
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
