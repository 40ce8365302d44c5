package io.gridai.inference.flink;

import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.model.id.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feature rows waiting for one model, from any number of zones, and the forecasts they belong to. A forecast's rows
 * are contiguous and always run in the same batch.
 */
final class ModelBatch {

    final ForecastModel model;
    final int features;
    final int quantiles;
    List<Request> requests = new ArrayList<>();
    float[] input;
    float[] output;
    int rows;

    ModelBatch(ForecastModel model, int initialRows) {
        this.model = model;
        this.features = model.metadata().features().size();
        this.quantiles = model.metadata().quantiles().size();
        this.input = new float[Math.max(1, initialRows) * features];
        this.output = new float[0];
    }

    /**
     * The rows buffered so far as a batch of their own (to run on another thread); this buffer starts empty with
     * fresh arrays.
     */
    ModelBatch detach() {
        ModelBatch batch = new ModelBatch(model, 0);
        batch.input = input;
        batch.rows = rows;
        batch.requests = requests;
        input = new float[input.length];
        requests = new ArrayList<>();
        rows = 0;
        return batch;
    }

    /** Makes room for {@code n} more rows; returns the offset (in floats) of the first one. */
    int reserve(int n) {
        int needed = (rows + n) * features;
        if (needed > input.length) {
            input = Arrays.copyOf(input, Math.max(needed, input.length * 2));
        }
        int offset = rows * features;
        rows += n;
        return offset;
    }

    /** Runs the model on every row buffered. */
    void predict() {
        if (output.length < rows * quantiles) {
            output = new float[Math.max(rows * quantiles, output.length * 2)];
        }
        model.predict(input, rows, output);
    }

    /**
     * One forecast's rows.
     *
     * @param zone            the zone
     * @param horizon         which forecast
     * @param shadow          run for skill only, never published
     * @param issueTime       the published issue time: the start of the first step
     * @param firstTargetHour epoch hour of the first row's target; row {@code i} targets the hour after row
     *                        {@code i - 1}
     * @param madeAt          when the forecast is made: the features' issue time (the day before, for day-ahead)
     * @param firstRow        where the rows start in the batch
     * @param rows            one per target hour
     * @param timestamp       the event time the forecast was requested at (ms), its record timestamp
     */
    record Request(ZoneId zone, Horizon horizon, boolean shadow, Instant issueTime, Instant madeAt,
            long firstTargetHour, int firstRow, int rows, long timestamp) {
    }
}
