package io.gridai.sim.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gridai.model.Setpoint;
import io.gridai.model.SetpointAck;
import io.gridai.sim.clock.SimClock;
import io.gridai.sim.twin.GridTwin;
import io.gridai.sim.twin.TickResult;

/**
 * Drives a {@link GridTwin} on a {@link SimClock} and connects it to Kafka: each tick it takes the setpoints
 * that arrived (acknowledging each at once), solves, publishes the telemetry and any expiry
 * acknowledgements, and waits until Kafka has acknowledged them before it commits the setpoints it consumed.
 *
 * <p>A paced run polls for setpoints while it waits for the next tick (in slices of at most
 * {@link #POLL_SLICE}, so {@link #stop()} is honoured within about that long) and collects them; at tick time
 * a last {@code poll(ZERO)} adds what is buffered, and all of them are submitted in arrival order. So a
 * setpoint that reaches the broker at any point of the wait applies at the very next tick (a single
 * {@code poll(ZERO)} at tick time only returns what an earlier fetch already brought, which could leave a
 * setpoint for the tick after). An unpaced run (no wait) makes the single {@code poll(ZERO)}.
 */
public final class GridTwinRunner {

    private static final Logger LOG = LoggerFactory.getLogger(GridTwinRunner.class);
    /** Longest single setpoint poll while waiting for a tick: bounds how long {@link #stop()} can take to act. */
    static final Duration POLL_SLICE = Duration.ofMillis(100);

    private final GridTwin twin;
    private final SimClock clock;
    private final KafkaTwinLink link;
    private final CountDownLatch stop = new CountDownLatch(1);
    private long ticks;
    private long measurements;
    private long nonConverged;
    private long setpoints;
    private double maxResidual;
    private long begin;

    public GridTwinRunner(GridTwin twin, SimClock clock, KafkaTwinLink link) {
        this.twin = twin;
        this.clock = clock;
        this.link = link;
    }

    /** Runs {@code count} ticks (paced by the clock) and returns the counters. */
    public TwinRunStats run(long count) {
        return run(count, r -> { });
    }

    /**
     * Runs until {@link #stop()} or {@code count} ticks, calling {@code afterTick} after each published tick.
     */
    public TwinRunStats run(long count, Consumer<TickResult> afterTick) {
        begin = System.nanoTime();
        for (long i = 0; i < count && stop.getCount() > 0; i++) {
            List<Setpoint> arrived = new ArrayList<>();
            long wallNow = System.nanoTime();
            Duration wait = clock.wallDelayUntilNextTick(wallNow);
            if (!wait.isZero() && pollUntilDue(wallNow + wait.toNanos(), arrived)) {
                break; // stopped while waiting: what was polled is neither applied nor committed (a restart reads it again)
            }
            arrived.addAll(link.pollSetpoints(Duration.ZERO));
            Instant now = clock.now();
            for (Setpoint setpoint : arrived) {
                SetpointAck ack = twin.submit(setpoint, now);
                link.acknowledge(ack);
                LOG.info("setpoint {}: id={} asset={} target={} status={} reason={}", ack.status(), setpoint.id(),
                        setpoint.asset(), setpoint.target(), ack.status(), ack.reason());
            }
            setpoints += arrived.size();
            TickResult result = twin.tick(clock.advance());
            ticks++;
            if (!result.converged()) {
                nonConverged++;
            } else {
                maxResidual = Math.max(maxResidual, Math.abs(result.balance().residualMw()));
            }
            link.publish(result.measurements());
            result.acks().forEach(link::acknowledge);
            measurements += result.measurements().size();
            link.flush();
            if (!arrived.isEmpty()) {
                link.commitSetpoints();
            }
            afterTick.accept(result);
        }
        return stats(System.nanoTime() - begin);
    }

    /** The counters so far (call from the thread that runs, e.g. in {@code afterTick}). */
    public TwinRunStats snapshot() {
        return stats(System.nanoTime() - begin);
    }

    /** Asks a running {@link #run} to stop after its current tick. */
    public void stop() {
        stop.countDown();
    }

    private TwinRunStats stats(long wallNanos) {
        return new TwinRunStats(ticks, measurements, nonConverged, setpoints, wallNanos, maxResidual);
    }

    /**
     * Until the wall clock reaches {@code dueNanos} ({@link System#nanoTime()}), polls setpoints in slices of at
     * most {@link #POLL_SLICE} and adds them to {@code arrived} in arrival order.
     *
     * @return true when asked to stop (or interrupted) meanwhile
     */
    private boolean pollUntilDue(long dueNanos, List<Setpoint> arrived) {
        for (long left = dueNanos - System.nanoTime(); left > 0; left = dueNanos - System.nanoTime()) {
            if (stop.getCount() == 0 || Thread.currentThread().isInterrupted()) {
                return true;
            }
            try {
                arrived.addAll(link.pollSetpoints(Duration.ofNanos(Math.min(left, POLL_SLICE.toNanos()))));
            } catch (InterruptException e) {
                // Kafka's poll keeps the thread's interrupt flag; stop as a wait interrupted used to.
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return stop.getCount() == 0 || Thread.currentThread().isInterrupted();
    }
}
