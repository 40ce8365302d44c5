package io.gridai.service.live;

/**
 * The live state cannot be read now (no Hazelcast member reachable, or a read failed); the client keeps reconnecting.
 * A service may throw a subclass of its own (see {@link LiveValues#unavailable(String)}).
 */
public class LiveStateUnavailableException extends RuntimeException {

    public LiveStateUnavailableException(String message) {
        super(message, null, false, false);
    }
}
