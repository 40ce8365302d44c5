package io.gridai.sim.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;


import io.gridai.kafka.EmbeddedKafkaBroker;
import io.gridai.kafka.ScratchKafkaBroker;
import io.gridai.sim.clock.SimClock;
import io.gridai.sim.run.GridTwinRunner;
import io.gridai.sim.run.KafkaTwinLink;
import io.gridai.sim.run.TwinRunStats;
import io.gridai.sim.run.TwinScenario;
import io.gridai.sim.series.SharedData;
import io.gridai.sim.twin.GridTwin;
import io.gridai.sim.twin.ImperfectionSettings;
import io.gridai.sim.twin.TwinSettings;

/**
 * Load generator, not a test: the twin on RTS-GMLC with its real 2020 series publishing to a real (embedded) Kafka
 * broker, in one run:
 * <ol>
 *   <li>a day of grid time at ×1000 with 1-minute ticks (paced: a day in 86.4 s of wall time if it keeps up);</li>
 *   <li>as fast as possible with 1-second ticks, for {@code gridai.bench.seconds} of grid time (default 600).</li>
 * </ol>
 * Prints measurements/s, ticks/s, lag and the largest power balance residual. Run:
 * {@code ./mvnw -B -pl grid-sim -am -Pbenchmark verify -DskipTests}.
 */
public final class TwinThroughputBenchmark {

    private TwinThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = SharedData.locate().orElseThrow(() -> new IllegalStateException(
                "the benchmark needs the shared data folder (RTS-GMLC); set GRIDAI_SHARED_DATA"));
        Instant start = Instant.parse("2020-07-01T00:00:00Z");
        long unpacedSeconds = Long.getLong("gridai.bench.seconds", 600);
        try (ScratchKafkaBroker scratch = ScratchKafkaBroker.start("bench-kafka")) {
            EmbeddedKafkaBroker broker = scratch.broker();
            System.out.println("scenario,tick,speed,grid_time,ticks,measurements,wall_s,measurements_per_s,ticks_per_s,"
                    + "lag_s,non_converged,max_balance_residual_mw");
            run(broker, shared, start, Duration.ofMinutes(1), 1000, Duration.ofDays(1));
            run(broker, shared, start, Duration.ofSeconds(1), SimClock.AS_FAST_AS_POSSIBLE, Duration.ofSeconds(unpacedSeconds));
        }
    }

    private static void run(EmbeddedKafkaBroker broker, Path shared, Instant start, Duration tick, double speed,
            Duration gridTime) {
        TwinSettings settings = TwinSettings.defaults().withImperfections(ImperfectionSettings.realistic(1));
        GridTwin twin = TwinScenario.rtsGmlc(shared, settings, start).twin(tick);
        long ticks = gridTime.dividedBy(tick);
        try (KafkaTwinLink link = new KafkaTwinLink(broker.bootstrapServers(), "bench-" + UUID.randomUUID())) {
            GridTwinRunner runner = new GridTwinRunner(twin, Double.isInfinite(speed)
                    ? SimClock.asFastAsPossible(start, tick) : SimClock.of(start, tick, speed), link);
            TwinRunStats stats = runner.run(ticks);
            double wall = stats.wallNanos() / 1e9;
            double ideal = Double.isInfinite(speed) ? wall : gridTime.toNanos() / 1e9 / speed;
            System.out.printf(Locale.ROOT, "RTS-GMLC 2020-07-01,%s,%s,%s,%d,%d,%.1f,%.0f,%.1f,%.1f,%d,%.2e%n",
                    tick, Double.isInfinite(speed) ? "unlimited" : "x" + (long) speed, gridTime, stats.ticks(),
                    stats.measurements(), wall, stats.measurementsPerSecond(), stats.ticksPerSecond(),
                    Math.max(0, wall - ideal), stats.nonConverged(), stats.maxBalanceResidualMw());
        }
    }
}
