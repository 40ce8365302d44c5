package io.gridai.inference.flink;

import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.model.Forecast;
import io.gridai.model.ForecastStep;
import io.gridai.model.id.ZoneId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * From a model's output rows to the published {@link Forecast}: each row's quantiles sorted, non-finite rows
 * refused, generator sign with the levels reversed, intraday hours interpolated to 5-minute steps
 * ({@link IntradaySteps}). One implementation, used by {@link ForecastOperator} and by
 * {@link io.gridai.inference.offline.OfflineForecasts}.
 */
public final class ForecastRows {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private ForecastRows() {
    }

    /**
     * The rows {@code [firstRow, firstRow + rows)} of a model's output ({@code quantiles} consumption quantiles per
     * row), each sorted ascending.
     */
    public static double[] sorted(float[] output, int firstRow, int rows, int quantiles) {
        int q = quantiles;
        double[] out = new double[rows * q];
        for (int i = 0; i < rows; i++) {
            int from = (firstRow + i) * q;
            for (int j = 0; j < q; j++) {
                double v = output[from + j];
                int k = j;
                while (k > 0 && out[i * q + k - 1] > v) { // insertion sort: a handful of levels
                    out[i * q + k] = out[i * q + k - 1];
                    k--;
                }
                out[i * q + k] = v;
            }
        }
        return out;
    }

    /** Whether every value is finite (a forecast with a non-finite value is dropped, never published). */
    public static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The published forecast of {@code rows} hourly rows of sorted, finite consumption quantiles ({@link #sorted}):
     * hourly steps for day-ahead, 5-minute steps for intraday, from {@code issueTime}.
     */
    public static Forecast publish(ZoneId zone, Horizon horizon, Instant issueTime, Instant madeAt, double[] sorted,
            int rows, ModelView view) {
        int q = view.quantiles();
        double[] steps = horizon == Horizon.INTRADAY ? IntradaySteps.interpolate(sorted, rows, q) : sorted;
        int count = steps.length / q;
        long stepSeconds = (horizon == Horizon.INTRADAY ? FIVE_MINUTES : HOUR).getSeconds();
        List<ForecastStep> forecastSteps = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            Double[] row = new Double[q];
            for (int k = 0; k < q; k++) {
                row[k] = -steps[s * q + (q - 1 - k)]; // published level k = -(consumption level 1 - q_k)
            }
            forecastSteps.add(new ForecastStep(s, issueTime.plusSeconds(stepSeconds * (s + 1)), List.of(row)));
        }
        return new Forecast(zone, MeasurementKind.ACTIVE_POWER, issueTime,
                horizon == Horizon.INTRADAY ? FIVE_MINUTES : HOUR, view.publishedLevels, forecastSteps, view.version,
                madeAt);
    }
}
