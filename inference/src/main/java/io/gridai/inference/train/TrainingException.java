package io.gridai.inference.train;

/**
 * XGBoost failed while training, predicting or serialising (its native library reports an {@code XGBoostError}).
 * Bad arguments throw {@link IllegalArgumentException} before XGBoost is called.
 */
public class TrainingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
