package io.gridai.inference.serve;

import java.util.Objects;

/**
 * How {@link OnnxForecastModel} runs a model.
 *
 * @param provider       the execution provider asked for; CUDA falls back to CPU (one WARN line) when it cannot
 *                       start. Default {@link #DEFAULT_PROVIDER}.
 * @param cudaDevice     the CUDA device id, ≥ 0, used only with {@link ExecutionProvider#CUDA}; default
 *                       {@value #DEFAULT_CUDA_DEVICE}
 * @param intraOpThreads threads ONNX Runtime uses inside one run, ≥ 0; 0 lets ONNX Runtime choose (one per core).
 *                       Default {@value #DEFAULT_INTRA_OP_THREADS}.
 */
public record InferenceSettings(ExecutionProvider provider, int cudaDevice, int intraOpThreads) {

    public static final ExecutionProvider DEFAULT_PROVIDER = ExecutionProvider.CPU;
    public static final int DEFAULT_CUDA_DEVICE = 0;
    public static final int DEFAULT_INTRA_OP_THREADS = 1;

    public InferenceSettings {
        Objects.requireNonNull(provider, "InferenceSettings.provider");
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("InferenceSettings.cudaDevice must be ≥ 0 but was " + cudaDevice);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("InferenceSettings.intraOpThreads must be ≥ 0 but was " + intraOpThreads);
        }
    }

    /** CPU, {@value #DEFAULT_INTRA_OP_THREADS} thread per run. */
    public static InferenceSettings defaults() {
        return new InferenceSettings(DEFAULT_PROVIDER, DEFAULT_CUDA_DEVICE, DEFAULT_INTRA_OP_THREADS);
    }

    /** CUDA on {@code device}, other settings at their defaults. */
    public static InferenceSettings cuda(int device) {
        return new InferenceSettings(ExecutionProvider.CUDA, device, DEFAULT_INTRA_OP_THREADS);
    }

    public InferenceSettings withIntraOpThreads(int threads) {
        return new InferenceSettings(provider, cudaDevice, threads);
    }
}
