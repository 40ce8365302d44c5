package io.gridai.dispatch.service.inputs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/** Logs a warning the first time a key (an asset or zone, and what was wrong) is seen, then stays quiet about it. */
public final class WarnOnce {

    private static final int MAX_KEYS = 100_000;

    private final Logger log;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public WarnOnce(Logger log) {
        this.log = log;
    }

    /** Warns with {@code message} unless {@code key} was warned about before; returns whether it logged. */
    public boolean warn(String key, String message) {
        if (seen.size() < MAX_KEYS && seen.add(key)) {
            log.warn(message);
            return true;
        }
        return false;
    }
}
