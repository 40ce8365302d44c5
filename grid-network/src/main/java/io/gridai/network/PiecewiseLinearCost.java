package io.gridai.network;

import java.util.List;
import java.util.Objects;

/**
 * MATPOWER cost model 1: piecewise linear through NCOST points {@code (p1, f1) ... (pn, fn)} with strictly
 * increasing {@code p}.
 *
 * <p>Outside {@code [p1, pn]} the first and last segments are extended, as MATPOWER's {@code totcost} does
 * (it evaluates the curve with {@code mkpp}/{@code ppval}).
 *
 * @param startup  STARTUP, $
 * @param shutdown SHUTDOWN, $
 * @param points   at least two points, MW and $/h
 */
public record PiecewiseLinearCost(double startup, double shutdown, List<Point> points) implements GeneratorCost {

    /**
     * One breakpoint of the curve.
     *
     * @param pMw         output, MW
     * @param costPerHour cost at that output, $/h
     */
    public record Point(double pMw, double costPerHour) {
    }

    public PiecewiseLinearCost {
        points = List.copyOf(Objects.requireNonNull(points, "points"));
        if (points.size() < 2) {
            throw new IllegalArgumentException("a piecewise linear cost needs at least 2 points, got " + points.size());
        }
        for (int i = 1; i < points.size(); i++) {
            if (!(points.get(i).pMw() > points.get(i - 1).pMw())) {
                throw new IllegalArgumentException("piecewise linear cost points must have strictly increasing MW, but point "
                        + (i + 1) + " (" + points.get(i).pMw() + " MW) does not exceed point " + i + " ("
                        + points.get(i - 1).pMw() + " MW)");
            }
        }
    }

    @Override
    public double costAt(double pMw) {
        int last = points.size() - 1;
        int segment = 0;
        while (segment < last - 1 && pMw >= points.get(segment + 1).pMw()) {
            segment++;
        }
        Point a = points.get(segment);
        Point b = points.get(segment + 1);
        double slope = (b.costPerHour() - a.costPerHour()) / (b.pMw() - a.pMw());
        return a.costPerHour() + slope * (pMw - a.pMw());
    }
}
