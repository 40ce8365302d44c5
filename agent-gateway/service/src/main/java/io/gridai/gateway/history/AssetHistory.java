package io.gridai.gateway.history;

import io.gridai.gateway.config.GatewayConfig;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.service.live.AssetPartitionScan;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;

/**
 * An asset's measurements over an event-time range from {@code telemetry.clean}, read by service-live's
 * {@link AssetPartitionScan} as the operator API's history is: only the asset's partition, the range's start found
 * by bisection on event time (the partition is written in event-time order within {@link #SLACK}), read until event
 * time passes {@code to + SLACK}, the partition's end as of the call, or
 * {@code gridai.gateway.inputs.history-max-points} measurements. Collected into a list: an agent's answer is one
 * JSON document.
 */
@ApplicationScoped
public class AssetHistory {

    /** How far event time may be out of order in the partition. */
    static final Duration SLACK = Duration.ofMinutes(15);
    /** How long each Kafka request, and the whole call from finding the start on, may take. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AssetPartitionScan.Settings SCAN = new AssetPartitionScan.Settings("gridai-gateway-history",
            SLACK, TIMEOUT, Optional.empty());

    private final GatewayConfig config;
    private final Map<String, Object> kafka;

    public AssetHistory(GatewayConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /** What a scan found: the measurements (event time in [from, to)), and whether the limit cut it off. */
    public record Found(List<Measurement> measurements, boolean truncated) {
    }

    /** The measurements of {@code asset} (of {@code kind} when given) with event time in [{@code from}, {@code to}). */
    public Found read(AssetId asset, Optional<MeasurementKind> kind, Instant from, Instant to) {
        int limit = config.inputs().historyMaxPoints();
        Optional<AssetPartitionScan> opened;
        try {
            opened = AssetPartitionScan.open(kafka, SCAN, asset, from);
        } catch (KafkaException e) {
            throw new IllegalStateException("Kafka did not answer for " + Topics.TELEMETRY_CLEAN.name() + ": "
                    + e.getMessage(), e);
        } catch (AssetPartitionScan.SlowStartException e) {
            throw new IllegalStateException(e.getMessage());
        }
        if (opened.isEmpty()) {
            return new Found(List.of(), false);
        }
        try (AssetPartitionScan scan = opened.get()) {
            List<Measurement> out = new ArrayList<>();
            boolean[] truncated = {false};
            AssetPartitionScan.Stop stop = scan.scan(kind, from, to, scan.deadline(), m -> {
                if (out.size() == limit) {
                    truncated[0] = true;
                    return false;
                }
                out.add(m);
                return true;
            });
            return new Found(out, truncated[0] || stop == AssetPartitionScan.Stop.DEADLINE);
        } catch (KafkaException e) {
            throw new IllegalStateException("Kafka did not answer for " + Topics.TELEMETRY_CLEAN.name() + ": "
                    + e.getMessage(), e);
        }
    }
}
