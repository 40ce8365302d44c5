package io.gridai.inference.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.gridai.inference.features.FeatureBuilder;
import io.gridai.inference.flink.ForecastJob;
import io.gridai.inference.flink.ForecastSettings;
import io.gridai.inference.flink.LoadFixtures.Zone;
import io.gridai.inference.flink.LoadFixtures;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.registry.ModelRegistry;
import io.gridai.inference.series.HourlySeries;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.model.Forecast;
import io.gridai.model.ZoneLoad;
import io.gridai.model.wire.flink.WireTypeInformation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Inferences per second through the forecast operator against ONNX Runtime alone, on the same models and batch
 * sizes. Not a test: {@code ./mvnw -B -ntp -pl inference -Pbenchmark verify -DskipTests}.
 *
 * <p><b>Operator path</b>: a Flink MiniCluster (parallelism 1) runs a generator source of hourly zone loads for
 * {@code gridai.bench.zones} zones × {@code gridai.bench.hours} hours (every zone's hours in order, no rate limit) →
 * keyBy(zone) → {@link io.gridai.inference.flink.ForecastOperator} → a counting sink. All zones share one day-ahead
 * and one intraday model (one registry blob each), so rows of many zones fill each batch; the batch delay is long
 * (1 s) so batches close by size. Each record asks for an intraday forecast (6 rows) and one in 24 for a
 * day-ahead one (23–25 rows): the operator reads state, builds feature rows, runs the models, sorts, builds the
 * {@code Forecast}s (5-minute interpolation for intraday) and remembers quantiles for skill. Rows/s = model rows
 * between the first and the last forecast the sink sees, over that time (start-up excluded).
 *
 * <p><b>Raw</b>: {@code OrtSession.run} on the same two model files with the same session options (CPU, one
 * intra-op thread, like the operator), one prepared tensor per batch size of feature rows like the operator's
 * (zones spread over the benchmark's, issue times over its week, day-ahead and intraday rows each); combined in the
 * operator's row mix (per row: 6/7 intraday, 1/7 day-ahead), measured before and after the operator runs and
 * averaged (other processes' load changes over time).
 *
 * <p>The operator runs twice per batch size: with {@code forecast.inference-thread=true} (the default: models run
 * on a thread of their own while the task thread builds the next batch; the table) and {@code false} (models on the
 * task thread; the {@code #} table).
 *
 * <p>Prints {@code batch,operator_rows_per_s,raw_rows_per_s,ratio}; lines starting with {@code #} are notes.
 * Properties: {@code gridai.bench.zones} [1000], {@code gridai.bench.hours} [168], {@code gridai.bench.batches}
 * [256,1024,4096], {@code gridai.bench.rounds} [300: the trainer's default], {@code gridai.bench.raw-seconds} [3].
 */
public final class OperatorBenchmark {

    static final Instant START = Instant.parse("2026-05-04T00:00:00Z");
    static final LocalDate TRAIN_UNTIL = LocalDate.of(2026, 5, 4);
    static final Zone TRAINING_ZONE = Zone.of("bench-000", "Europe/Paris", "FR", 800);

    private OperatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int zones = Integer.getInteger("gridai.bench.zones", 1000);
        int hours = Integer.getInteger("gridai.bench.hours", 168);
        int rounds = Integer.getInteger("gridai.bench.rounds", 300);
        double rawSeconds = Double.parseDouble(System.getProperty("gridai.bench.raw-seconds", "3"));
        int[] batches = Arrays.stream(System.getProperty("gridai.bench.batches", "256,1024,4096").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray();

        Path tmp = LoadFixtures.tmp();
        Path models = Files.createTempDirectory(tmp, "bench-models-");
        long trainStart = System.nanoTime();
        byte[] dayAhead = LoadFixtures.dayAhead(TRAINING_ZONE, "bench-da", TRAIN_UNTIL, 60, rounds, 1);
        byte[] intraday = LoadFixtures.intraday(TRAINING_ZONE, "bench-id", TRAIN_UNTIL, 30, 6, rounds, 1);
        List<Zone> all = zones(zones);
        try (ModelRegistry registry = new ModelRegistry(models, InferenceSettings.defaults(), Duration.ZERO)) {
            for (Zone zone : all) {
                registry.publish(zone.id(), dayAhead);
                registry.publish(zone.id(), intraday);
                registry.activate(zone.id(), Horizon.DAY_AHEAD, "bench-da");
                registry.activate(zone.id(), Horizon.INTRADAY, "bench-id");
            }
        }
        System.out.printf(Locale.ROOT, "# %d zones x %d hours = %d hourly records; models: %d rounds x 3 quantiles,"
                + " depth 5, %d features (%d + %d bytes); trained and published in %.1f s; %d cores%n", zones, hours,
                (long) zones * hours, rounds, LoadFixtures.FEATURES.size(), dayAhead.length, intraday.length,
                (System.nanoTime() - trainStart) / 1e9, Runtime.getRuntime().availableProcessors());

        System.out.println("# warm-up runs (JIT, class loading)");
        runOperator(models, Math.min(200, zones), 72, 1024, true);
        runOperator(models, Math.min(200, zones), 72, 1024, false);

        // Raw before and after the operator runs, averaged: other processes' load on the machine changes over time.
        List<String> lines = new ArrayList<>();
        List<String> onTaskThread = new ArrayList<>();
        for (int batch : batches) {
            double rawBefore = raw(dayAhead, intraday, zones, batch, rawSeconds);
            double[] operator = runOperator(models, zones, hours, batch, true);
            double[] inline = runOperator(models, zones, hours, batch, false);
            double raw = (rawBefore + raw(dayAhead, intraday, zones, batch, rawSeconds)) / 2;
            System.out.printf(Locale.ROOT, "# batch %d: operator %.0f rows/s (%d rows, %d forecasts, %.2f s between"
                    + " first and last forecast, job %.2f s); on the task thread %.0f rows/s; raw %.0f rows/s%n",
                    batch, operator[0], (long) operator[1], (long) operator[2], operator[3], operator[4], inline[0],
                    raw);
            lines.add(String.format(Locale.ROOT, "%d,%.0f,%.0f,%.2f", batch, operator[0], raw, operator[0] / raw));
            onTaskThread.add(String.format(Locale.ROOT, "# %d,%.0f,%.0f,%.2f", batch, inline[0], raw,
                    inline[0] / raw));
        }
        System.out.println("# forecast.inference-thread=false (models run on the task thread):");
        System.out.println("# batch,operator_rows_per_s,raw_rows_per_s,ratio");
        onTaskThread.forEach(System.out::println);
        System.out.println("batch,operator_rows_per_s,raw_rows_per_s,ratio");
        lines.forEach(System.out::println);
    }

    /** {rows/s, rows, forecasts, seconds measured, job seconds} of one operator run. */
    private static double[] runOperator(Path models, int zones, int hours, int batch, boolean inferenceThread)
            throws Exception {
        Properties p = new Properties();
        p.setProperty("forecast.models.dir", models.toString());
        p.setProperty("forecast.batch-size", Integer.toString(batch));
        p.setProperty("forecast.max-batch-delay", "PT1S");
        p.setProperty("forecast.history.min-hours", "0");
        p.setProperty("forecast.inference-thread", Boolean.toString(inferenceThread));
        ForecastSettings settings = ForecastSettings.from(p);

        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.getConfig().enableObjectReuse();
        DataGeneratorSource<ZoneLoad> source = new DataGeneratorSource<>(new Loads(zones), (long) zones * hours,
                RateLimiterStrategy.noOp(), WireTypeInformation.of(ZoneLoad.class));
        ForecastJob.forecasts(env.fromSource(source, ForecastJob.watermarks(settings), "zone loads"), settings)
                .sinkTo(new CountingSink()).name("count rows");
        CountingSink.reset();
        long start = System.nanoTime();
        env.execute("operator-benchmark-" + batch);
        double job = (System.nanoTime() - start) / 1e9;
        double seconds = (CountingSink.LAST.get() - CountingSink.FIRST.get()) / 1e9;
        long rows = CountingSink.ROWS.sum() - CountingSink.FIRST_ROWS.get();
        return new double[] {rows / seconds, CountingSink.ROWS.sum(), CountingSink.FORECASTS.sum(), seconds, job};
    }

    /** Raw {@code OrtSession.run} rows/s at {@code batch}, in the operator's mix of intraday and day-ahead rows. */
    private static double raw(byte[] dayAhead, byte[] intraday, int zones, int batch, double seconds)
            throws OrtException {
        double dayAheadRate = rawRate(dayAhead, rows(zones, batch, true), batch, seconds);
        double intradayRate = rawRate(intraday, rows(zones, batch, false), batch, seconds);
        return 1 / ((6.0 / 7) / intradayRate + (1.0 / 7) / dayAheadRate);
    }

    /**
     * {@code batch} feature rows like the operator's: zones spread over the benchmark's, issue times over its week
     * (intraday: the next 6 hours; day-ahead: 10:00 local for the next day's hours), load known from the start.
     */
    private static float[] rows(int zoneCount, int batch, boolean dayAhead) {
        List<Zone> all = zones(zoneCount);
        FeatureBuilder builder = LoadFixtures.builder(TRAINING_ZONE);
        int features = builder.size();
        long firstHour = START.getEpochSecond() / 3600;
        Map<Integer, HourlySeries> loads = new java.util.HashMap<>();
        io.gridai.inference.features.DayAhead schedule = new io.gridai.inference.features.DayAhead(
                TRAINING_ZONE.timeZone(), ForecastSettings.DEFAULT_DAY_AHEAD_ISSUE_TIME);
        float[] rows = new float[batch * features];
        for (int r = 0; r < batch; r++) {
            int z = (r * 37) % all.size();
            HourlySeries load = loads.computeIfAbsent(z, i -> all.get(i).series(firstHour, 168));
            Instant issue;
            Instant target;
            if (dayAhead) {
                LocalDate day = START.atZone(TRAINING_ZONE.timeZone()).toLocalDate().plusDays(2 + (r / 24) % 5);
                issue = schedule.issueFor(day);
                List<Instant> targets = schedule.targets(day);
                target = targets.get(r % targets.size());
            } else {
                issue = Instant.ofEpochSecond((firstHour + 24 + (r / 6) % 144) * 3600);
                target = issue.plus(Duration.ofHours(r % 6));
            }
            builder.fill(load, null, issue, target, rows, r * features);
        }
        return rows;
    }

    private static double rawRate(byte[] model, float[] rows, int batch, double seconds) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        int features = rows.length / batch;
        FloatBuffer buffer = ByteBuffer.allocateDirect(batch * features * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        buffer.put(rows).flip();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(InferenceSettings.DEFAULT_INTRA_OP_THREADS);
            try (OrtSession session = environment.createSession(model, options);
                 OnnxTensor tensor = OnnxTensor.createTensor(environment, buffer, new long[] {batch, features})) {
                Map<String, OnnxTensor> inputs = Map.of(session.getInputNames().iterator().next(), tensor);
                long warmUntil = System.nanoTime() + (long) (0.3e9 * seconds);
                while (System.nanoTime() < warmUntil) {
                    session.run(inputs).close();
                }
                long runs = 0;
                long start = System.nanoTime();
                long end = start + (long) (seconds * 1e9);
                long now = start;
                while (now < end || runs < 10) {
                    session.run(inputs).close();
                    runs++;
                    now = System.nanoTime();
                }
                return runs * batch / ((now - start) / 1e9);
            }
        }
    }

    private static List<Zone> zones(int n) {
        List<Zone> zones = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            zones.add(Zone.of(String.format("bench-%03d", i), "Europe/Paris", "FR", 400 + (i % 50) * 20));
        }
        return zones;
    }

    /** Record {@code i}: zone {@code i mod n}, hour {@code i / n} (every zone's hours in order). */
    private static final class Loads implements GeneratorFunction<Long, ZoneLoad> {
        private static final long serialVersionUID = 1L;
        private final int count;
        private transient List<Zone> zones;

        Loads(int count) {
            this.count = count;
        }

        @Override
        public ZoneLoad map(Long index) {
            if (zones == null) {
                zones = zones(count);
            }
            Zone zone = zones.get((int) (index % count));
            long hour = START.getEpochSecond() / 3600 + index / count;
            return new ZoneLoad(zone.id(), Instant.ofEpochSecond(hour * 3600), Duration.ofHours(1),
                    -zone.consumption(hour), 10, 120);
        }
    }

    /** Counts forecasts and their model rows (day-ahead: one per step; intraday: one per 12 steps). */
    private static final class CountingSink implements Sink<Forecast> {
        private static final long serialVersionUID = 1L;
        static final LongAdder ROWS = new LongAdder();
        static final LongAdder FORECASTS = new LongAdder();
        static final AtomicLong FIRST = new AtomicLong();
        static final AtomicLong FIRST_ROWS = new AtomicLong();
        static final AtomicLong LAST = new AtomicLong();

        static void reset() {
            ROWS.reset();
            FORECASTS.reset();
            FIRST.set(0);
            FIRST_ROWS.set(0);
            LAST.set(0);
        }

        @Override
        public SinkWriter<Forecast> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Forecast f, Context context) {
                    long rows = f.step().equals(Duration.ofHours(1)) ? f.steps().size() : f.steps().size() / 12;
                    long now = System.nanoTime();
                    if (FIRST.get() == 0) {
                        FIRST.set(now);
                        FIRST_ROWS.set(rows); // the first forecast's rows ran before the clock started
                    }
                    ROWS.add(rows);
                    FORECASTS.increment();
                    LAST.set(now);
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
