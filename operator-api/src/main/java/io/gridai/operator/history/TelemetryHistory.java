package io.gridai.operator.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topics;
import io.gridai.operator.stream.StreamKind;
import io.gridai.service.live.AssetPartitionScan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * An asset's measurements over a time range, read from {@code telemetry.clean} without loading the topic, by
 * service-live's {@link AssetPartitionScan}: only the partition the asset's records are in, from where event time
 * reaches {@code from - timestamp-slack} (found by bisection over the partition's offsets) to the first record with
 * event time after {@code to + timestamp-slack}, the partition's end as of the request, or {@code limit} records; the
 * scan keeps only the asset's records whose event time is in [from, to). Records are written to the output as they
 * are read, in the partition's order, one JSON object each, in a JSON array; nothing is collected in memory.
 */
@ApplicationScoped
public class TelemetryHistory {

    private static final Logger LOG = Logger.getLogger(TelemetryHistory.class);

    private final HistoryConfig config;
    private final Map<String, Object> kafka;
    private final ObjectMapper json;
    private final Semaphore running;
    private final Counter served;

    public TelemetryHistory(HistoryConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            ObjectMapper json, MeterRegistry metrics) {
        this.config = config;
        this.kafka = kafka;
        this.json = json;
        this.running = new Semaphore(Math.max(1, config.maxConcurrent()));
        this.served = Counter.builder("gridai.operator.history.records")
                .description("measurements answered by history requests").register(metrics);
    }

    public HistoryConfig config() {
        return config;
    }

    /** The partition of {@code telemetry.clean} that records keyed by {@code asset} are in, of {@code partitions}. */
    public static int partitionOf(AssetId asset, int partitions) {
        return AssetPartitionScan.partitionOf(asset, partitions);
    }

    /**
     * Opens a scan: finds the partition and where in it {@code from} starts (so that a failure is still a 503),
     * holding one of the {@code max-concurrent} slots until the scan is closed.
     *
     * @throws HistoryUnavailableException when too many scans run or Kafka does not answer
     */
    public Scan open(HistoryQuery query) {
        if (!running.tryAcquire()) {
            throw new HistoryUnavailableException(config.maxConcurrent() + " history requests are being served"
                    + " (gridai.operator.history.max-concurrent); try again shortly");
        }
        try {
            AssetPartitionScan.Settings settings = new AssetPartitionScan.Settings("gridai-operator-history",
                    config.timestampSlack(), config.timeout(), Optional.of("gridai.operator.history.timeout"));
            AssetPartitionScan scan = AssetPartitionScan.open(kafka, settings, query.asset(), query.from())
                    .orElseThrow(() -> new HistoryUnavailableException("topic " + Topics.TELEMETRY_CLEAN.name()
                            + " does not exist"));
            return new Scan(scan, query);
        } catch (KafkaException e) {
            running.release();
            throw new HistoryUnavailableException("Kafka did not answer for " + Topics.TELEMETRY_CLEAN.name() + ": "
                    + e.getMessage());
        } catch (AssetPartitionScan.SlowStartException e) {
            running.release();
            throw new HistoryUnavailableException(e.getMessage());
        } catch (RuntimeException e) {
            running.release();
            throw e;
        }
    }

    /** One request's scan of one partition; write it once, then it is closed. */
    public final class Scan implements AutoCloseable {

        private final AssetPartitionScan scan;
        private final HistoryQuery query;
        private boolean closed;

        private Scan(AssetPartitionScan scan, HistoryQuery query) {
            this.scan = scan;
            this.query = query;
        }

        /**
         * Writes the JSON array of the measurements in range to {@code out} as they are read, then closes the scan.
         *
         * @throws IOException when the client goes away, or Kafka fails or the timeout passes mid-way: the array is
         *                     then left unterminated, so that a cut-off answer cannot pass for a complete one
         */
        public void writeTo(OutputStream out) throws IOException {
            long started = System.nanoTime();
            int[] written = {0};
            String stop = "end";
            ObjectWriter writer = json.writerFor(StreamKind.MeasurementView.class)
                    .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
            try (JsonGenerator gen = json.getFactory().createGenerator(out)) {
                gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                gen.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT); // a failed scan stays an incomplete array
                gen.writeStartArray();
                AssetPartitionScan.Stop end = scan.scan(query.kind(), query.from(), query.to(),
                        started + config.timeout().toNanos(), m -> {
                            writer.writeValue(gen, view(m));
                            written[0]++;
                            if (written[0] >= query.limit()) {
                                return false;
                            }
                            if (written[0] % 500 == 0) {
                                gen.flush();
                            }
                            return true;
                        });
                stop = switch (end) {
                    case END -> "end";
                    case PAST_RANGE -> "event time past to+slack";
                    case ENOUGH -> "limit";
                    case DEADLINE -> throw new IOException("history scan of " + query.asset()
                            + " passed gridai.operator.history.timeout " + config.timeout() + " after " + written[0]
                            + " records; the answer is cut off");
                };
                gen.writeEndArray();
            } catch (KafkaException e) {
                throw new IOException("Kafka failed during the history scan of " + query.asset() + ": " + e.getMessage(), e);
            } finally {
                served.increment(written[0]);
                LOG.infof("history served asset=%s kind=%s from=%s to=%s records=%d scanned=%d offsets=%d..%d stop=%s"
                        + " tookMs=%d", query.asset(), query.kind().map(Enum::name).orElse("all"), query.from(),
                        query.to(), written[0], scan.scanned(), scan.first(), scan.end(), stop,
                        (System.nanoTime() - started) / 1_000_000);
                close();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                scan.close();
                running.release();
            }
        }
    }

    private static StreamKind.MeasurementView view(Measurement m) {
        return new StreamKind.MeasurementView(m.id().value(), m.source().value(), m.asset().value(), m.kind().name(),
                m.unit().symbol(), m.value(), m.quality().stream().map(Enum::name).toList(), m.eventTime(),
                m.ingestTime());
    }
}
