package io.gridai.inference.serve;

/** Where ONNX Runtime runs a model. */
public enum ExecutionProvider {
    /** ONNX Runtime's default CPU kernels; always available. */
    CPU,
    /**
     * NVIDIA GPUs through CUDA; needs the {@code onnxruntime_gpu} artifact, the CUDA libraries and a GPU. Operators
     * without a CUDA kernel (e.g. {@code ai.onnx.ml.TreeEnsembleRegressor}) still run on the CPU.
     */
    CUDA
}
