package io.gridai.network;

/**
 * Options of {@link AcPowerFlow}. {@link #defaults()} gives the values below; each {@code with...} method returns a
 * copy with one option changed.
 *
 * @param initialState  where Newton-Raphson starts; default {@link InitialState#CASE}, as MATPOWER's {@code runpf}
 * @param maxIterations Newton-Raphson iteration limit: the result is converged only when the tolerance is met within
 *                      this many iterations; default {@value #DEFAULT_MAX_ITERATIONS}
 * @param toleranceMw   largest accepted |&Delta;P| (MW) and |&Delta;Q| (Mvar) of any bus equation at the solution;
 *                      default {@value #DEFAULT_TOLERANCE_MW} (MATPOWER's default is 1e-8 p.u., 1e-6 MW on
 *                      a 100 MVA base)
 */
public record AcPowerFlowOptions(InitialState initialState, int maxIterations, double toleranceMw) {

    /** Default Newton-Raphson iteration limit. */
    public static final int DEFAULT_MAX_ITERATIONS = 20;

    /** Default tolerance on every bus active and reactive power equation, MW and Mvar. */
    public static final double DEFAULT_TOLERANCE_MW = 1e-7;

    /** Where Newton-Raphson starts. */
    public enum InitialState {
        /**
         * From the case: VM and VA of every bus (generator buses at their VG after the first iteration), as
         * MATPOWER's {@code runpf}.
         */
        CASE,
        /** Flat start: 1.0 p.u. and 0 degrees at every bus. */
        FLAT
    }

    public AcPowerFlowOptions {
        if (initialState == null) {
            throw new NullPointerException("initialState");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (!(toleranceMw > 0) || Double.isInfinite(toleranceMw)) {
            throw new IllegalArgumentException("toleranceMw must be positive and finite, got " + toleranceMw);
        }
    }

    /** The defaults: start from the case, {@value #DEFAULT_MAX_ITERATIONS} iterations, 1e-7 MW. */
    public static AcPowerFlowOptions defaults() {
        return new AcPowerFlowOptions(InitialState.CASE, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE_MW);
    }

    /** A copy with another initial state. */
    public AcPowerFlowOptions withInitialState(InitialState state) {
        return new AcPowerFlowOptions(state, maxIterations, toleranceMw);
    }

    /** A copy with another iteration limit. */
    public AcPowerFlowOptions withMaxIterations(int iterations) {
        return new AcPowerFlowOptions(initialState, iterations, toleranceMw);
    }

    /** A copy with another tolerance, MW and Mvar. */
    public AcPowerFlowOptions withToleranceMw(double tolerance) {
        return new AcPowerFlowOptions(initialState, maxIterations, tolerance);
    }
}
