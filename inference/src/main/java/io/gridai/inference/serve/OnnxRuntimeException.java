package io.gridai.inference.serve;

/**
 * ONNX Runtime failed to load or run a model (it reports an {@code OrtException}): a corrupt file, an operator it
 * lacks, an out-of-memory. A model that loads but does not fit its metadata is refused with
 * {@link IllegalArgumentException} instead.
 */
public class OnnxRuntimeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OnnxRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
