package io.gridai.sim.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
 */
public final class GridTwinRunner {

    private static final Logger LOG = LoggerFactory.getLogger(GridTwinRunner.class);

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
            Duration wait = clock.wallDelayUntilNextTick(System.nanoTime());
            if (!wait.isZero() && awaitStop(wait)) {
                break;
            }
            Instant now = clock.now();
            List<Setpoint> arrived = link.pollSetpoints(Duration.ZERO);
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

    private boolean awaitStop(Duration wait) {
        try {
            return stop.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
