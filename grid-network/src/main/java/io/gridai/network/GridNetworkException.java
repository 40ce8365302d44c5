package io.gridai.network;

/**
 * Root of the unchecked exceptions thrown by grid-network for bad input or a broken invariant (a case file
 * that cannot be read, a network that PowSyBl cannot build).
 *
 * <p>Expected outcomes of a computation, such as a power flow that does not converge, are never exceptions:
 * they are reported as values ({@link AcPowerFlowStatus}).
 */
public class GridNetworkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GridNetworkException(String message) {
        super(message);
    }

    public GridNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
