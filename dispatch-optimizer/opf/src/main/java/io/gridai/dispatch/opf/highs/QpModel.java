package io.gridai.dispatch.opf.highs;

import java.util.Arrays;

/**
 * A convex quadratic program with a diagonal Hessian, built column by column and row by row:
 *
 * <pre>
 *   minimise   offset + sum_j (cost_j x_j + quad_j x_j^2)
 *   subject to rowLower_i &lt;= sum_j a_ij x_j &lt;= rowUpper_i,   colLower_j &lt;= x_j &lt;= colUpper_j
 * </pre>
 *
 * with every {@code quad_j >= 0} (separable and convex, as generator cost curves are). Bounds may be infinite.
 * Not thread-safe; build it on one thread, then solve it with {@link HighsSolver}.
 */
public final class QpModel {

    private double offset;
    private int columns;
    private double[] colLower = new double[64];
    private double[] colUpper = new double[64];
    private double[] cost = new double[64];
    private double[] quad = new double[64];

    private int rows;
    private double[] rowLower = new double[64];
    private double[] rowUpper = new double[64];
    private int[] rowStart = new int[65];
    private int nonZeros;
    private int[] index = new int[256];
    private double[] value = new double[256];

    /** Adds a variable and returns its index. */
    public int addColumn(double lower, double upper, double linearCost, double quadraticCost) {
        if (lower > upper) {
            throw new IllegalArgumentException("column " + columns + ": lower bound " + lower + " exceeds upper bound " + upper);
        }
        if (!(quadraticCost >= 0) || Double.isInfinite(quadraticCost) || !Double.isFinite(linearCost)) {
            throw new IllegalArgumentException("column " + columns + ": costs must be finite and the quadratic one >= 0 (convex), got "
                    + linearCost + " and " + quadraticCost);
        }
        if (columns == colLower.length) {
            int n = columns * 2;
            colLower = Arrays.copyOf(colLower, n);
            colUpper = Arrays.copyOf(colUpper, n);
            cost = Arrays.copyOf(cost, n);
            quad = Arrays.copyOf(quad, n);
        }
        colLower[columns] = lower;
        colUpper[columns] = upper;
        cost[columns] = linearCost;
        quad[columns] = quadraticCost;
        return columns++;
    }

    /** Starts a row {@code lower <= a x <= upper}; add its coefficients with {@link #coefficient}. Returns its index. */
    public int addRow(double lower, double upper) {
        if (lower > upper) {
            throw new IllegalArgumentException("row " + rows + ": lower bound " + lower + " exceeds upper bound " + upper);
        }
        if (rows == rowLower.length) {
            int n = rows * 2;
            rowLower = Arrays.copyOf(rowLower, n);
            rowUpper = Arrays.copyOf(rowUpper, n);
            rowStart = Arrays.copyOf(rowStart, n + 1);
        }
        rowLower[rows] = lower;
        rowUpper[rows] = upper;
        rowStart[rows] = nonZeros;
        rowStart[rows + 1] = nonZeros;
        return rows++;
    }

    /** Adds {@code coefficient * x[column]} to the row started last. Zeros are skipped; a column may appear once per row. */
    public void coefficient(int column, double coefficient) {
        if (rows == 0) {
            throw new IllegalStateException("add a row before its coefficients");
        }
        if (column < 0 || column >= columns) {
            throw new IllegalArgumentException("no column " + column + " (the model has " + columns + ")");
        }
        if (coefficient == 0) {
            return;
        }
        if (nonZeros == index.length) {
            index = Arrays.copyOf(index, nonZeros * 2);
            value = Arrays.copyOf(value, nonZeros * 2);
        }
        index[nonZeros] = column;
        value[nonZeros] = coefficient;
        nonZeros++;
        rowStart[rows] = nonZeros;
    }

    /** Moves the bounds of an existing row. */
    public void setRowBounds(int row, double lower, double upper) {
        checkRow(row);
        rowLower[row] = lower;
        rowUpper[row] = upper;
    }

    /** Moves the bounds of an existing column. */
    public void setColumnBounds(int column, double lower, double upper) {
        if (column < 0 || column >= columns) {
            throw new IllegalArgumentException("no column " + column);
        }
        colLower[column] = lower;
        colUpper[column] = upper;
    }

    /** Adds a constant to the objective. */
    public void addObjectiveOffset(double constant) {
        offset += constant;
    }

    public int columnCount() {
        return columns;
    }

    public int rowCount() {
        return rows;
    }

    public int nonZeroCount() {
        return nonZeros;
    }

    /** How many columns have a quadratic cost. */
    public int quadraticCount() {
        int n = 0;
        for (int j = 0; j < columns; j++) {
            if (quad[j] != 0) {
                n++;
            }
        }
        return n;
    }

    public double offset() {
        return offset;
    }

    /** The objective at a point, evaluated here (independently of the solver). */
    public double objectiveAt(double[] x) {
        double f = offset;
        for (int j = 0; j < columns; j++) {
            f += cost[j] * x[j] + quad[j] * x[j] * x[j];
        }
        return f;
    }

    /** Row activities {@code a x} at a point. */
    public double[] rowActivities(double[] x) {
        double[] activity = new double[rows];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                sum += value[k] * x[index[k]];
            }
            activity[i] = sum;
        }
        return activity;
    }

    double[] colLower() {
        return Arrays.copyOf(colLower, columns);
    }

    double[] colUpper() {
        return Arrays.copyOf(colUpper, columns);
    }

    double[] cost() {
        return Arrays.copyOf(cost, columns);
    }

    double[] quad() {
        return Arrays.copyOf(quad, columns);
    }

    double[] rowLower() {
        return Arrays.copyOf(rowLower, rows);
    }

    double[] rowUpper() {
        return Arrays.copyOf(rowUpper, rows);
    }

    int[] rowStart() {
        return Arrays.copyOf(rowStart, rows + 1);
    }

    int[] index() {
        return Arrays.copyOf(index, nonZeros);
    }

    double[] value() {
        return Arrays.copyOf(value, nonZeros);
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("no row " + row + " (the model has " + rows + ")");
        }
    }
}
