package io.gridai.inference.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.gridai.inference.onnx.XgboostOnnxWriter;
import io.gridai.inference.train.QuantileGbmTrainer;
import io.gridai.inference.train.SyntheticLoad;
import io.gridai.inference.train.TestDirs;
import io.gridai.inference.train.TrainedModel;
import io.gridai.inference.train.TrainingOptions;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw ONNX Runtime throughput of a quantile-forecast model: {@code OrtSession.run} on one prepared tensor per batch
 * size, nothing else timed. Prints {@code provider,batch,rows_per_s,p50_us,p99_us}, and with two providers a
 * side-by-side table; lines starting with {@code #} are notes.
 *
 * <pre>
 *   RawOrtBenchmark [--providers CPU,CUDA] [--model FILE.onnx] [--device 0] [--threads 1] [--min-seconds 0.5]
 * </pre>
 *
 * Without {@code --model} it trains a synthetic model (8 features, 3 quantiles, 200 rounds of depth-6 trees: 600
 * trees). {@code --providers} defaults to the system property {@code bench.providers}, else {@code CPU}. A provider
 * that cannot start (CUDA without the {@code onnxruntime_gpu} jar, its libraries or a GPU) is reported on a line
 * {@code # CUDA NOT AVAILABLE: reason} and skipped.
 */
public final class RawOrtBenchmark {

    static final int[] BATCHES = {1, 8, 64, 256, 1024, 4096, 8192};

    private RawOrtBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        List<String> providers = List.of(options.getOrDefault("providers",
                System.getProperty("bench.providers", "CPU")).toUpperCase(Locale.ROOT).split(","));
        int device = Integer.parseInt(options.getOrDefault("device", "0"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "1"));
        double minSeconds = Double.parseDouble(options.getOrDefault("min-seconds", "0.5"));

        TestDirs.tmp();
        byte[] model = options.containsKey("model") ? Files.readAllBytes(Path.of(options.get("model"))) : syntheticModel();
        SyntheticLoad rows = SyntheticLoad.generate(BATCHES[BATCHES.length - 1], 99);

        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        System.out.printf(Locale.ROOT, "# ONNX Runtime %s, intra-op threads %d, %d cores, model %s%n",
                environment.getVersion(), threads, Runtime.getRuntime().availableProcessors(),
                options.getOrDefault("model", "synthetic (600 trees, 8 features, 3 quantiles)"));
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        System.out.println("provider,batch,rows_per_s,p50_us,p99_us");
        for (String provider : providers) {
            OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
            sessionOptions.setIntraOpNumThreads(threads);
            if (provider.equals("CUDA")) {
                try {
                    sessionOptions.addCUDA(device);
                } catch (OrtException e) {
                    System.out.println("# CUDA NOT AVAILABLE: " + e.getMessage().lines().findFirst().orElse("")
                            + " (needs the onnxruntime_gpu jar, CUDA and cuDNN libraries, an NVIDIA GPU)");
                    sessionOptions.close();
                    continue;
                }
                System.out.println("# CUDA: ai.onnx.ml.TreeEnsembleRegressor has no CUDA kernel; ONNX Runtime runs it on the"
                        + " CPU inside the CUDA session (TopK may run on the GPU, with copies around it)");
            } else if (!provider.equals("CPU")) {
                throw new IllegalArgumentException("unknown provider " + provider + "; use CPU and/or CUDA");
            }
            try (sessionOptions; OrtSession session = environment.createSession(model, sessionOptions)) {
                List<double[]> table = new ArrayList<>();
                for (int batch : BATCHES) {
                    double[] row = measure(environment, session, rows, batch, minSeconds);
                    table.add(row);
                    System.out.printf(Locale.ROOT, "%s,%d,%.0f,%.1f,%.1f%n", provider, batch, row[0], row[1], row[2]);
                }
                results.put(provider, table);
            }
        }
        if (results.size() == 2) {
            List<String> names = new ArrayList<>(results.keySet());
            System.out.printf("%nbatch,%s_rows_per_s,%s_rows_per_s,%s_over_%s%n", names.get(0).toLowerCase(Locale.ROOT),
                    names.get(1).toLowerCase(Locale.ROOT), names.get(1).toLowerCase(Locale.ROOT),
                    names.get(0).toLowerCase(Locale.ROOT));
            for (int i = 0; i < BATCHES.length; i++) {
                double a = results.get(names.get(0)).get(i)[0];
                double b = results.get(names.get(1)).get(i)[0];
                System.out.printf(Locale.ROOT, "%d,%.0f,%.0f,%.2f%n", BATCHES[i], a, b, b / a);
            }
        }
    }

    /** {rows per second, p50 µs, p99 µs} of {@code session.run} at {@code batch} rows. */
    private static double[] measure(OrtEnvironment environment, OrtSession session, SyntheticLoad data, int batch,
                                    double minSeconds) throws OrtException {
        int features = data.features();
        FloatBuffer buffer = ByteBuffer.allocateDirect(batch * features * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        buffer.put(data.x(), 0, batch * features).flip();
        String input = session.getInputNames().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, buffer, new long[] {batch, features})) {
            Map<String, OnnxTensor> inputs = Map.of(input, tensor);
            long warmUntil = System.nanoTime() + (long) (0.2 * minSeconds * 1e9);
            do {
                session.run(inputs).close();
            } while (System.nanoTime() < warmUntil);

            long[] latencies = new long[1024];
            int runs = 0;
            long start = System.nanoTime();
            long end = start + (long) (minSeconds * 1e9);
            long now = start;
            while (now < end || runs < 20) {
                long before = now;
                session.run(inputs).close();
                now = System.nanoTime();
                if (runs == latencies.length) {
                    latencies = Arrays.copyOf(latencies, runs * 2);
                }
                latencies[runs++] = now - before;
            }
            long[] sorted = Arrays.copyOf(latencies, runs);
            Arrays.sort(sorted);
            double seconds = (now - start) / 1e9;
            return new double[] {(double) runs * batch / seconds, percentile(sorted, 0.50) / 1e3,
                    percentile(sorted, 0.99) / 1e3};
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static byte[] syntheticModel() {
        SyntheticLoad data = SyntheticLoad.generate(5_000, 98);
        List<Double> quantiles = List.of(0.1, 0.5, 0.9);
        try (TrainedModel trained = new QuantileGbmTrainer().train(data.x(), data.rows(), SyntheticLoad.FEATURES, data.y(),
                null, 0, null, TrainingOptions.defaults().withRounds(200).withQuantiles(quantiles)
                        .withThreads(Runtime.getRuntime().availableProcessors()))) {
            return XgboostOnnxWriter.write(trained.xgboostJson(),
                    SyntheticLoad.metadata("bench-synthetic", SyntheticLoad.FEATURES, quantiles));
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: RawOrtBenchmark [--providers CPU,CUDA] [--model FILE] "
                        + "[--device N] [--threads N] [--min-seconds S]; got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
