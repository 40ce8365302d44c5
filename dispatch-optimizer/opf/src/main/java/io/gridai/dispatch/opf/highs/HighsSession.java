package io.gridai.dispatch.opf.highs;

import java.time.Duration;

import com.sun.jna.Pointer;

import io.gridai.dispatch.opf.highs.QpResult.Status;

/**
 * One HiGHS instance holding one {@link QpModel}: solve it, add rows the model gained since, solve again from where
 * HiGHS stopped (its basis and QP working set are kept, so a re-solve after adding a few constraints costs a few
 * iterations). Not thread-safe; close it to free the native instance.
 */
public final class HighsSession implements AutoCloseable {

    private final HighsApi api;
    private final QpModel model;
    private Pointer highs;
    private int rowsPassed;

    HighsSession(QpModel model, Duration timeLimit, double qpRegularization) {
        this.api = HighsLibrary.api();
        this.model = model;
        this.highs = api.Highs_create();
        api.Highs_setBoolOptionValue(highs, "output_flag", 0);
        api.Highs_setDoubleOptionValue(highs, "time_limit", timeLimit.toMillis() / 1000.0);
        api.Highs_setDoubleOptionValue(highs, "qp_regularization_value", qpRegularization);
        pass();
    }

    private void pass() {
        double inf = api.Highs_getInfinity(highs);
        int n = model.columnCount();
        int m = model.rowCount();
        double[] quad = model.quad();
        int qCount = model.quadraticCount();
        int[] qStart = null;
        int[] qIndex = null;
        double[] qValue = null;
        if (qCount > 0) {
            qStart = new int[n];
            qIndex = new int[qCount];
            qValue = new double[qCount];
            int k = 0;
            for (int j = 0; j < n; j++) {
                qStart[j] = k;
                if (quad[j] != 0) {
                    qIndex[k] = j;
                    qValue[k] = 2 * quad[j]; // HiGHS minimises c x + 1/2 x' Q x
                    k++;
                }
            }
        }
        int passed = api.Highs_passModel(highs, n, m, model.nonZeroCount(), qCount, HighsApi.MATRIX_FORMAT_ROWWISE,
                HighsApi.HESSIAN_FORMAT_TRIANGULAR, HighsApi.SENSE_MINIMIZE, model.offset(), model.cost(),
                clamp(model.colLower(), inf), clamp(model.colUpper(), inf), clamp(model.rowLower(), inf),
                clamp(model.rowUpper(), inf), model.rowStart(), model.index(), model.value(), qStart, qIndex, qValue, null);
        if (passed == HighsApi.STATUS_ERROR) {
            throw new IllegalArgumentException("HiGHS refused the model (" + n + " columns, " + m + " rows, "
                    + model.nonZeroCount() + " non-zeros): check for NaN coefficients or an empty bound interval");
        }
        rowsPassed = m;
    }

    /** Hands HiGHS the rows added to the model since the last solve; the next {@link #solve()} starts warm. */
    public void addNewRows() {
        int m = model.rowCount();
        if (m == rowsPassed) {
            return;
        }
        double inf = api.Highs_getInfinity(highs);
        double[] lower = model.rowLower();
        double[] upper = model.rowUpper();
        int[] start = model.rowStart();
        int[] index = model.index();
        double[] value = model.value();
        int count = m - rowsPassed;
        int base = start[rowsPassed];
        int nz = start[m] - base;
        double[] lo = new double[count];
        double[] up = new double[count];
        int[] st = new int[count];
        for (int i = 0; i < count; i++) {
            lo[i] = lower[rowsPassed + i];
            up[i] = upper[rowsPassed + i];
            st[i] = start[rowsPassed + i] - base;
        }
        int[] idx = new int[nz];
        double[] val = new double[nz];
        System.arraycopy(index, base, idx, 0, nz);
        System.arraycopy(value, base, val, 0, nz);
        int status = api.Highs_addRows(highs, count, clamp(lo, inf), clamp(up, inf), nz, st, idx, val);
        if (status == HighsApi.STATUS_ERROR) {
            throw new IllegalArgumentException("HiGHS refused " + count + " new rows");
        }
        rowsPassed = m;
    }

    /** Solves the model as HiGHS holds it now. */
    public QpResult solve() {
        int n = model.columnCount();
        int m = rowsPassed;
        long start = System.nanoTime();
        int run = api.Highs_run(highs);
        long nanos = System.nanoTime() - start;
        int modelStatus = api.Highs_getModelStatus(highs);
        Status status = run == HighsApi.STATUS_ERROR ? Status.ERROR : status(modelStatus);
        int iterations = info("simplex_iteration_count") + info("qp_iteration_count");
        if (status != Status.OPTIMAL) {
            return new QpResult(status, modelStatus, Double.NaN, new double[0], new double[0], new double[0], new double[0],
                    iterations, nanos);
        }
        double[] x = new double[n];
        double[] colDual = new double[n];
        double[] rowValue = new double[m];
        double[] rowDual = new double[m];
        api.Highs_getSolution(highs, x, colDual, rowValue, rowDual);
        return new QpResult(status, modelStatus, api.Highs_getObjectiveValue(highs), x, rowValue, rowDual, colDual, iterations,
                nanos);
    }

    private int info(String name) {
        int[] v = new int[1];
        return api.Highs_getIntInfoValue(highs, name, v) == HighsApi.STATUS_ERROR ? 0 : Math.max(0, v[0]);
    }

    private static double[] clamp(double[] bounds, double inf) {
        for (int i = 0; i < bounds.length; i++) {
            if (bounds[i] >= inf) {
                bounds[i] = inf;
            } else if (bounds[i] <= -inf) {
                bounds[i] = -inf;
            }
        }
        return bounds;
    }

    private static Status status(int modelStatus) {
        return switch (modelStatus) {
            case 7 -> Status.OPTIMAL;          // kHighsModelStatusOptimal
            case 8, 9 -> Status.INFEASIBLE;    // kHighsModelStatusInfeasible, kHighsModelStatusUnboundedOrInfeasible
            case 10 -> Status.UNBOUNDED;       // kHighsModelStatusUnbounded
            case 13 -> Status.TIME_LIMIT;      // kHighsModelStatusTimeLimit
            case 14 -> Status.ITERATION_LIMIT; // kHighsModelStatusIterationLimit
            default -> Status.ERROR;
        };
    }

    @Override
    public void close() {
        if (highs != null) {
            api.Highs_destroy(highs);
            highs = null;
        }
    }
}
