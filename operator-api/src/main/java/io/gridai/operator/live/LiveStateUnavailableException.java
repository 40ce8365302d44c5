package io.gridai.operator.live;

/** The live state cannot be read now (no Hazelcast member reachable, or a read failed); the client keeps reconnecting. */
public final class LiveStateUnavailableException extends io.gridai.service.live.LiveStateUnavailableException {

    public LiveStateUnavailableException(String message) {
        super(message);
    }
}
