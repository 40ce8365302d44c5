package io.gridai.inference.serve;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;

/**
 * A {@link ForecastModel} run by ONNX Runtime from a GridAI ONNX file: the metadata comes from the file's
 * {@code metadata_props}, and the graph must fit it (one float input [N, features], one float output [N, quantiles]),
 * else loading fails with an {@link IllegalArgumentException} that names the file, what was expected and what was found.
 *
 * <p>Asked for CUDA, it tries the CUDA execution provider and, when that cannot start (CPU-only ONNX Runtime, no
 * CUDA libraries, no GPU), logs one WARN line and runs on the CPU; {@link #executionProvider()} says which it got.
 *
 * <p>Safe for concurrent {@link #predict} calls: each call copies its rows into a direct buffer borrowed from a small
 * pool (ONNX Runtime reads direct buffers in place) and returns it when the run is over.
 */
public final class OnnxForecastModel implements ForecastModel {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxForecastModel.class);
    private static final int POOLED_BUFFERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final String source;
    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final ExecutionProvider provider;
    private final ModelMetadata metadata;
    private final String inputName;
    private final int features;
    private final int quantiles;
    private final ConcurrentLinkedQueue<FloatBuffer> buffers = new ConcurrentLinkedQueue<>();
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxForecastModel(String source, OrtEnvironment environment, Opened opened) {
        this.source = source;
        this.environment = environment;
        this.options = opened.options();
        this.session = opened.session();
        this.provider = opened.provider();
        try {
            this.metadata = readMetadata(source, session.getMetadata().getCustomMetadata());
            this.inputName = checkSignature(source, session, metadata);
        } catch (OrtException e) {
            close();
            throw new OnnxRuntimeException("ONNX Runtime cannot describe model " + source + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            close();
            throw e;
        }
        this.features = metadata.features().size();
        this.quantiles = metadata.quantiles().size();
    }

    /** Loads the model file {@code file}. */
    public static OnnxForecastModel load(Path file, InferenceSettings settings) {
        String source = "file " + file;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        return new OnnxForecastModel(source, environment,
                open(source, settings, o -> environment.createSession(file.toString(), o)));
    }

    /** Loads a model from its bytes; {@code name} identifies it in messages. */
    public static OnnxForecastModel load(byte[] model, String name, InferenceSettings settings) {
        String source = "model " + name;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        return new OnnxForecastModel(source, environment, open(source, settings, o -> environment.createSession(model, o)));
    }

    /** The metadata of a model file, read from its {@code metadata_props} without starting ONNX Runtime. */
    public static ModelMetadata metadataOf(Path file) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX model " + file, e);
        }
        Map<String, String> props = new LinkedHashMap<>();
        model.getMetadataPropsList().forEach(p -> props.put(p.getKey(), p.getValue()));
        return readMetadata("file " + file, props);
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public String executionProvider() {
        return provider.name();
    }

    /** The execution provider the model runs on. */
    public ExecutionProvider provider() {
        return provider;
    }

    @Override
    public void predict(float[] input, int rows, float[] output) {
        long in = (long) rows * features;
        long out = (long) rows * quantiles;
        if (rows < 0 || input.length < in || output.length < out) {
            throw new IllegalArgumentException("predict " + rows + " rows with model " + metadata.version() + " needs "
                    + in + " input and " + out + " output floats but got " + input.length + " and " + output.length);
        }
        if (rows == 0) {
            return;
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("model " + metadata.version() + " from " + source + " is closed");
            }
            FloatBuffer buffer = borrow((int) in);
            try {
                buffer.put(input, 0, (int) in).flip();
                run(buffer, rows, output);
            } finally {
                giveBack(buffer);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void run(FloatBuffer buffer, int rows, float[] output) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, buffer, new long[] {rows, features});
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxValue value = result.get(0);
            long[] shape = value instanceof OnnxTensor t ? t.getInfo().getShape() : new long[0];
            if (shape.length != 2 || shape[0] != rows || shape[1] != quantiles) {
                throw new IllegalStateException("model " + metadata.version() + " from " + source + " returned "
                        + value.getInfo() + " for " + rows + " rows; expected float [" + rows + ", " + quantiles + "]");
            }
            ((OnnxTensor) value).getFloatBuffer().get(output, 0, rows * quantiles);
        } catch (OrtException e) {
            throw new OnnxRuntimeException("ONNX Runtime failed to run model " + metadata.version() + " from " + source
                    + ": " + e.getMessage(), e);
        }
    }

    private FloatBuffer borrow(int floats) {
        FloatBuffer buffer = buffers.poll();
        if (buffer == null || buffer.capacity() < floats) {
            buffer = ByteBuffer.allocateDirect(Math.multiplyExact(floats, Float.BYTES)).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }
        buffer.clear();
        return buffer;
    }

    private void giveBack(FloatBuffer buffer) {
        if (buffers.size() < POOLED_BUFFERS) {
            buffers.offer(buffer);
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warn("closing model from {} failed: {}", source, firstLine(e.getMessage()));
            }
            options.close();
            buffers.clear();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxForecastModel[" + (metadata == null ? "?" : metadata.version()) + " on " + provider + ", " + source
                + "]";
    }

    @FunctionalInterface
    private interface SessionOpener {
        OrtSession open(OrtSession.SessionOptions options) throws OrtException;
    }

    /** A session and the options it was created with (closed together). */
    private record Opened(OrtSession session, OrtSession.SessionOptions options, ExecutionProvider provider) {
    }

    private static Opened open(String source, InferenceSettings settings, SessionOpener opener) {
        if (settings.provider() == ExecutionProvider.CUDA) {
            OrtSession.SessionOptions options = baseOptions(settings);
            try {
                options.addCUDA(settings.cudaDevice());
                return new Opened(opener.open(options), options, ExecutionProvider.CUDA);
            } catch (OrtException e) {
                options.close();
                LOG.warn("{}: CUDA device {} unavailable, running on CPU: {}", source, settings.cudaDevice(),
                        firstLine(e.getMessage()));
            }
        }
        OrtSession.SessionOptions options = baseOptions(settings);
        try {
            return new Opened(opener.open(options), options, ExecutionProvider.CPU);
        } catch (OrtException e) {
            options.close();
            throw new OnnxRuntimeException("ONNX Runtime cannot load " + source + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions baseOptions(InferenceSettings settings) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            return options;
        } catch (OrtException e) {
            options.close();
            throw new OnnxRuntimeException("ONNX Runtime refused session options " + settings + ": " + e.getMessage(), e);
        }
    }

    private static ModelMetadata readMetadata(String source, Map<String, String> props) {
        try {
            return ModelMetadata.fromProperties(props);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " has no valid GridAI metadata: " + e.getMessage(), e);
        }
    }

    /** Checks the graph against the metadata; returns the input's name. */
    private static String checkSignature(String source, OrtSession session, ModelMetadata metadata) throws OrtException {
        int features = metadata.features().size();
        int quantiles = metadata.quantiles().size();
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String expected = "one float input [N, " + features + "] for its " + features + " features and one float output [N, "
                + quantiles + "] for its " + quantiles + " quantiles " + metadata.quantiles();
        boolean inputFits = inputs.size() == 1 && fits(inputs.values().iterator().next().getInfo(), features, true);
        boolean outputFits = outputs.size() == 1 && fits(outputs.values().iterator().next().getInfo(), quantiles, false);
        if (!inputFits || !outputFits) {
            throw new IllegalArgumentException(source + " does not fit its metadata (model " + metadata.version()
                    + "): expected " + expected + " but found inputs " + describe(inputs) + " and outputs "
                    + describe(outputs));
        }
        return inputs.keySet().iterator().next();
    }

    /** A float tensor of rank 2 whose last dimension is {@code columns} (or unknown, where allowed). */
    private static boolean fits(ValueInfo info, int columns, boolean columnsMustBeKnown) {
        if (!(info instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            return false;
        }
        long[] shape = tensor.getShape();
        if (shape.length != 2) {
            return false;
        }
        long last = shape[1];
        return last == columns || (!columnsMustBeKnown && last < 0);
    }

    private static String describe(Map<String, NodeInfo> values) {
        return values.values().stream().map(v -> {
            ValueInfo info = v.getInfo();
            if (info instanceof TensorInfo t) {
                return "'" + v.getName() + "' " + t.type + " " + Arrays.toString(t.getShape());
            }
            return "'" + v.getName() + "' " + info;
        }).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
