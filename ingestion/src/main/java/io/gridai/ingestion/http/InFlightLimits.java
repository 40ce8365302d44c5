package io.gridai.ingestion.http;

import io.gridai.ingestion.config.IngestionConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds the HTTP batches being processed at once: at most {@code max-in-flight-per-source} per source (all
 * unidentified senders share one such budget) and {@code max-in-flight} in total. A batch over either bound is
 * answered 429 at once instead of queueing: when Kafka is slow, senders are slowed down rather than the
 * service buffering without bound, and one busy source cannot take every worker thread from the others.
 */
@ApplicationScoped
public class InFlightLimits {

    private final int perSource;
    private final Semaphore total;
    private final Map<String, Semaphore> bySource = new ConcurrentHashMap<>();

    @Inject
    public InFlightLimits(IngestionConfig config) {
        this(config.http().maxInFlightPerSource(), config.http().maxInFlight());
    }

    InFlightLimits(int perSource, int max) {
        this.perSource = perSource;
        if (perSource < 1 || max < perSource) {
            throw new ConfigurationException("gridai.ingestion.http.max-in-flight-per-source is " + perSource
                    + " and max-in-flight is " + max + "; give at least 1 per source and a total at least as large");
        }
        this.total = new Semaphore(max);
    }

    /** A permit for one batch of {@code sourceTag}, or empty when the source or the service is at its bound. */
    public Optional<Permit> tryAcquire(String sourceTag) {
        Semaphore source = bySource.computeIfAbsent(sourceTag, s -> new Semaphore(perSource));
        if (!source.tryAcquire()) {
            return Optional.empty();
        }
        if (!total.tryAcquire()) {
            source.release();
            return Optional.empty();
        }
        return Optional.of(() -> {
            total.release();
            source.release();
        });
    }

    /** Held while a batch is processed; release exactly once. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
