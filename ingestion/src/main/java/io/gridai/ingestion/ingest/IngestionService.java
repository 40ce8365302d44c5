package io.gridai.ingestion.ingest;

import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.ingestion.dedup.RecentIds;
import io.gridai.ingestion.feed.BatchFormat;
import io.gridai.ingestion.feed.ParsedBatch;
import io.gridai.ingestion.feed.RawRecord;
import io.gridai.ingestion.kafka.PublishOutcome;
import io.gridai.ingestion.kafka.TelemetryPublisher;
import io.gridai.ingestion.metrics.IngestionMetrics;
import io.gridai.ingestion.source.ApprovedSource;
import io.gridai.ingestion.source.Authentication;
import io.gridai.ingestion.source.SourceRegistry;
import io.gridai.ingestion.validate.RecordValidator;
import io.gridai.ingestion.validate.Verdict;
import io.gridai.model.Measurement;
import io.gridai.model.RejectedRecord;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One batch from any feed, end to end: verify the source, read the body, validate each record, drop
 * duplicates, publish accepted records and dead letters, and answer only once Kafka acknowledged all of them.
 * Feed-independent: each feed (HTTP, MQTT, Kafka-direct) authenticates its sender with the {@link SourceRegistry}
 * and translates the result into its own protocol's answer. Safe to call from several threads at once.
 * Created at start-up, with the source registry and the producer, so that a configuration error stops the
 * service before it takes traffic.
 */
@Startup
@ApplicationScoped
public class IngestionService {

    private static final Logger LOG = Logger.getLogger(IngestionService.class);

    private final SourceRegistry registry;
    private final TelemetryPublisher publisher;
    private final IngestionMetrics metrics;
    private final IngestionConfig config;
    private final RecordValidator validator;
    private final RecentIds recent;
    private final Clock clock = Clock.systemUTC();

    public IngestionService(SourceRegistry registry, TelemetryPublisher publisher, IngestionMetrics metrics,
            IngestionConfig config) {
        this.registry = registry;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        try {
            this.validator = new RecordValidator(config.validation().maxFutureSkew(),
                    config.validation().plausibleRanges());
            this.recent = new RecentIds(config.dedup().windowSize());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        if (config.http().maxBatchRecords() < 1) {
            throw new ConfigurationException("gridai.ingestion.http.max-batch-records is "
                    + config.http().maxBatchRecords() + "; give at least 1 (default 10000)");
        }
    }

    /**
     * @param channel        the feed, as written on dead letters ({@code http}, {@code mqtt}, {@code kafka})
     * @param authentication what the source registry made of the feed's credential (API key, MQTT username,
     *                       inbound topic)
     * @param body           the bytes received
     * @param contentType    their media type as received
     */
    public IngestResult ingest(String channel, Authentication authentication, BatchFormat format, byte[] body,
            String contentType) {
        Instant receivedAt = clock.instant();
        if (authentication instanceof Authentication.Unknown unknown) {
            return refuseWhole(channel, Optional.empty(), RejectionReason.UNKNOWN_SOURCE, unknown.detail(), body,
                    contentType, receivedAt, "unauthenticated", new IngestResult.Unauthenticated(unknown.detail()));
        }
        ApprovedSource source = ((Authentication.Known) authentication).source();
        if (source.revoked()) {
            return refuseWhole(channel, Optional.of(source.id()), RejectionReason.REVOKED_SOURCE, "source "
                    + source.id() + " (" + source.utility() + ") is revoked", body, contentType, receivedAt, "revoked",
                    new IngestResult.Revoked(source.id()));
        }
        ParsedBatch parsed = format.read(body, config.http().maxBatchRecords());
        if (parsed instanceof ParsedBatch.Unreadable unreadable) {
            return refuseWhole(channel, Optional.of(source.id()), unreadable.reason(), unreadable.detail(), body,
                    contentType, receivedAt, "unreadable",
                    new IngestResult.Unreadable(source.id(), unreadable.reason(), unreadable.detail()));
        }
        if (parsed instanceof ParsedBatch.TooLarge tooLarge) {
            metrics.batch(source.id().value(), "too-large");
            LOG.infof("batch refused source=%s channel=%s outcome=too-large limit=%d", source.id(), channel,
                    tooLarge.limit());
            return new IngestResult.TooLarge(source.id(), tooLarge.limit());
        }
        return processRecords(channel, source, ((ParsedBatch.Records) parsed).records(), receivedAt);
    }

    private IngestResult processRecords(String channel, ApprovedSource source, List<RawRecord> records,
            Instant receivedAt) {
        List<RecordResult> results = new ArrayList<>(records.size());
        List<Measurement> accepted = new ArrayList<>(records.size());
        List<RejectedRecord> refused = new ArrayList<>();
        Set<MeasurementId> inBatch = new HashSet<>();
        Map<RejectionReason, Integer> refusedByReason = new EnumMap<>(RejectionReason.class);
        int duplicates = 0;
        for (RawRecord record : records) {
            Verdict verdict = validator.validate(record, source, receivedAt);
            if (verdict instanceof Verdict.Refused refusal) {
                refused.add(deadLetter(Optional.of(source.id()), channel, refusal.reason(), refusal.detail(),
                        record.payload(), record.contentType(), receivedAt));
                refusedByReason.merge(refusal.reason(), 1, Integer::sum);
                results.add(RecordResult.refused(record.index(), refusal.reason(), refusal.detail()));
                continue;
            }
            Measurement measurement = ((Verdict.Valid) verdict).measurement();
            if (recent.contains(measurement.id()) || !inBatch.add(measurement.id())) {
                duplicates++;
                results.add(RecordResult.duplicate(record.index(), measurement.id().value()));
                continue;
            }
            accepted.add(measurement);
            results.add(RecordResult.accepted(record.index(), measurement.id().value()));
        }
        PublishOutcome outcome = publisher.publish(accepted, refused);
        if (outcome instanceof PublishOutcome.NotAcknowledged failed) {
            return unavailable(source.id().value(), channel, failed);
        }
        metrics.kafkaAck(((PublishOutcome.Acknowledged) outcome).took());
        recent.remember(inBatch);
        String sourceTag = source.id().value();
        metrics.batch(sourceTag, "processed");
        metrics.records(sourceTag, RecordStatus.ACCEPTED, null, accepted.size());
        metrics.records(sourceTag, RecordStatus.DUPLICATE, null, duplicates);
        refusedByReason.forEach((reason, count) -> metrics.records(sourceTag, RecordStatus.REFUSED, reason, count));
        if (refused.isEmpty()) {
            LOG.debugf("batch processed source=%s channel=%s received=%d accepted=%d duplicates=%d", source.id(),
                    channel, records.size(), accepted.size(), duplicates);
        } else {
            LOG.infof("batch processed with refusals source=%s channel=%s received=%d accepted=%d refused=%d "
                    + "duplicates=%d reasons=%s", source.id(), channel, records.size(), accepted.size(),
                    refused.size(), duplicates, refusedByReason);
        }
        return new IngestResult.Processed(new BatchReport(source.id().value(), records.size(), accepted.size(),
                refused.size(), duplicates, results));
    }

    private IngestResult refuseWhole(String channel, Optional<SourceId> source, RejectionReason reason,
            String detail, byte[] body, String contentType, Instant receivedAt, String batchOutcome,
            IngestResult result) {
        String sourceTag = source.map(SourceId::value).orElse(IngestionMetrics.UNKNOWN_SOURCE);
        RejectedRecord letter = deadLetter(source, channel, reason, detail, body, contentType, receivedAt);
        PublishOutcome outcome = publisher.deadLetter(letter);
        if (outcome instanceof PublishOutcome.NotAcknowledged failed) {
            return unavailable(sourceTag, channel, failed);
        }
        metrics.batch(sourceTag, batchOutcome);
        metrics.records(sourceTag, RecordStatus.REFUSED, reason, 1);
        LOG.infof("batch refused source=%s channel=%s outcome=%s reason=%s bytes=%d detail=\"%s\"", sourceTag,
                channel, batchOutcome, reason, body.length, detail);
        return result;
    }

    private IngestResult unavailable(String sourceTag, String channel, PublishOutcome.NotAcknowledged failed) {
        metrics.batch(sourceTag, "unavailable");
        LOG.warnf("batch not acknowledged source=%s channel=%s detail=\"%s\"", sourceTag, channel, failed.detail());
        return new IngestResult.Unavailable(failed.detail(), config.http().retryAfter());
    }

    /** A dead letter, its payload cut to the configured maximum (the detail then says so). */
    private RejectedRecord deadLetter(Optional<SourceId> source, String channel, RejectionReason reason, String detail,
            byte[] payload, String contentType, Instant receivedAt) {
        int max = config.deadLetter().maxPayloadBytes();
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        if (payload.length <= max) {
            return new RejectedRecord(source, channel, reason, detail, payload, type, receivedAt);
        }
        return new RejectedRecord(source, channel, reason, detail + " [payload cut to its first " + max + " of "
                + payload.length + " bytes]", Arrays.copyOf(payload, max), type, receivedAt);
    }
}
