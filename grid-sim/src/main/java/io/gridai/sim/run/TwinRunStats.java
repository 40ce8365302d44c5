package io.gridai.sim.run;

/**
 * Counters of a twin run, for logs, the status file and the throughput benchmark.
 *
 * @param ticks             ticks solved
 * @param measurements      measurements published
 * @param nonConverged      ticks whose power flow did not converge
 * @param setpoints         setpoints received
 * @param wallNanos         wall time spent in the run
 * @param maxBalanceResidualMw largest |power balance residual| over converged ticks, MW
 */
public record TwinRunStats(long ticks, long measurements, long nonConverged, long setpoints, long wallNanos,
        double maxBalanceResidualMw) {

    public double measurementsPerSecond() {
        return wallNanos == 0 ? 0 : measurements * 1e9 / wallNanos;
    }

    public double ticksPerSecond() {
        return wallNanos == 0 ? 0 : ticks * 1e9 / wallNanos;
    }
}
