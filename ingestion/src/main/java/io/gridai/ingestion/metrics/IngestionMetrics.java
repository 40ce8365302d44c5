package io.gridai.ingestion.metrics;

import io.gridai.ingestion.ingest.RecordStatus;
import io.gridai.model.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * Ingestion's meters (Prometheus at {@code /q/metrics}):
 * <ul>
 *   <li>{@code gridai.ingestion.records} (counter) tagged {@code source} (the source id, {@code unknown} when
 *   the sender could not be identified), {@code outcome} ({@code accepted}, {@code refused}, {@code duplicate})
 *   and {@code reason} (a {@code RejectionReason}, {@code none} otherwise). A body refused as a whole
 *   (unknown or revoked source, unreadable) counts as one refused record.</li>
 *   <li>{@code gridai.ingestion.batches} (counter) tagged {@code source} and {@code outcome}
 *   ({@code processed}, {@code unauthenticated}, {@code revoked}, {@code unreadable}, {@code too-large},
 *   {@code unavailable}).</li>
 *   <li>{@code gridai.ingestion.kafka.ack} (timer): from the first send of a batch to Kafka's last
 *   acknowledgement.</li>
 * </ul>
 */
@ApplicationScoped
public class IngestionMetrics {

    /** Tag value for a sender that could not be identified. */
    public static final String UNKNOWN_SOURCE = "unknown";
    public static final String RECORDS = "gridai.ingestion.records";
    public static final String BATCHES = "gridai.ingestion.batches";
    public static final String KAFKA_ACK = "gridai.ingestion.kafka.ack";

    private final MeterRegistry registry;
    private final Timer kafkaAck;

    public IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.kafkaAck = Timer.builder(KAFKA_ACK)
                .description("Time from the first send of a batch to Kafka's last acknowledgement")
                .register(registry);
    }

    public void records(String source, RecordStatus status, RejectionReason reason, int count) {
        if (count > 0) {
            Counter.builder(RECORDS)
                    .description("Records received, by source, outcome and refusal reason")
                    .tag("source", source)
                    .tag("outcome", status.name().toLowerCase(Locale.ROOT))
                    .tag("reason", reason == null ? "none" : reason.name())
                    .register(registry)
                    .increment(count);
        }
    }

    public void batch(String source, String outcome) {
        Counter.builder(BATCHES)
                .description("Batches received, by source and outcome")
                .tag("source", source)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void kafkaAck(Duration took) {
        kafkaAck.record(took);
    }
}
