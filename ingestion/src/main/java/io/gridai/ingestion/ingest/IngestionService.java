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
import io.gridai.ingestion.validate.RecordValidator;
import io.gridai.ingestion.validate.Verdict;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.RejectedRecord;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
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
 * One batch from any feed, end to end: read the body, validate each record, drop duplicates, publish accepted
 * records and dead letters, and answer only once Kafka acknowledged all of them. Feed-independent: each feed
 * (HTTP, MQTT, Kafka-direct, field protocols) authenticates its sender with the source registry and translates the
 * result into its own protocol's answer. Safe to call from several threads at once.
 *
 * <p>Each batch (or group of batches published together) is one OpenTelemetry span, child of the caller's
 * context; the publisher writes that span's context into every Kafka record's headers.
 *
 * <p>Created at start-up, with the source registry and the producer, so that a configuration error stops the
 * service before it takes traffic.
 */
@Startup
@ApplicationScoped
public class IngestionService {

    private static final Logger LOG = Logger.getLogger(IngestionService.class);
    private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("gridai.source");
    private static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("gridai.channel");
    private static final AttributeKey<Long> RECEIVED = AttributeKey.longKey("gridai.records.received");
    private static final AttributeKey<Long> ACCEPTED = AttributeKey.longKey("gridai.records.accepted");
    private static final AttributeKey<Long> REFUSED = AttributeKey.longKey("gridai.records.refused");
    private static final AttributeKey<Long> BATCHES = AttributeKey.longKey("gridai.batches");

    private final TelemetryPublisher publisher;
    private final IngestionMetrics metrics;
    private final IngestionConfig config;
    private final Tracer tracer;
    private final RecordValidator validator;
    private final RecentIds recent;
    private final Clock clock = Clock.systemUTC();

    public IngestionService(TelemetryPublisher publisher, IngestionMetrics metrics, IngestionConfig config,
            Tracer tracer) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.tracer = tracer;
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
     * Checks one batch and publishes it, waiting for Kafka's acknowledgement.
     *
     * @param channel        the feed, as written on dead letters ({@code http}, {@code mqtt}, {@code kafka})
     * @param authentication what the source registry made of the feed's credential (API key, MQTT username,
     *                       inbound topic)
     * @param body           the bytes received
     * @param contentType    their media type as received
     */
    public IngestResult ingest(String channel, Authentication authentication, BatchFormat format, byte[] body,
            String contentType) {
        return ingest(List.of(prepare(channel, authentication, format, body, contentType, new HashSet<>(), false)),
                Context.current(), List.of()).get(0);
    }

    /**
     * As {@link #ingest(String, Authentication, BatchFormat, byte[], String)}, for a feed that cannot answer
     * its sender (MQTT): a message with too many records is kept as a dead letter instead of answered 413.
     */
    public IngestResult ingestMessage(String channel, Authentication authentication, BatchFormat format, byte[] body,
            String contentType) {
        return ingest(List.of(prepare(channel, authentication, format, body, contentType, new HashSet<>(), true)),
                Context.current(), List.of()).get(0);
    }

    /**
     * Publishes batches prepared with one shared id set, with one wait for Kafka, inside one span under
     * {@code parent} that links to {@code links} (the senders' own span contexts, e.g. from Kafka headers).
     * Either every batch is acknowledged, or every answer is {@link IngestResult.Unavailable}.
     */
    public List<IngestResult> ingest(List<Prepared> batches, Context parent, List<SpanContext> links) {
        SpanBuilder builder = tracer.spanBuilder(batches.size() == 1 ? "ingest " + batches.get(0).channel()
                        + " batch" : "ingest " + batches.size() + " batches")
                .setParent(parent);
        links.forEach(builder::addLink);
        Span span = builder
                .setAttribute(CHANNEL, batches.isEmpty() ? "none" : batches.get(0).channel())
                .setAttribute(BATCHES, (long) batches.size())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return publish(batches, span);
        } finally {
            span.end();
        }
    }

    /**
     * Verifies the source and reads and validates the body, without publishing anything.
     *
     * @param seen      measurement ids accepted so far in the group this batch will be published with; updated
     * @param message   true for a feed that cannot answer its sender (MQTT, Kafka-direct): a batch with too
     *                  many records becomes a dead letter rather than a 413 answer
     */
    public Prepared prepare(String channel, Authentication authentication, BatchFormat format, byte[] body,
            String contentType, Set<MeasurementId> seen, boolean message) {
        Instant receivedAt = clock.instant();
        Optional<Prepared> refused = refusedSource(channel, authentication, body, contentType, receivedAt);
        if (refused.isPresent()) {
            return refused.get();
        }
        ApprovedSource source = ((Authentication.Known) authentication).source();
        ParsedBatch parsed = format.read(body, config.http().maxBatchRecords());
        if (parsed instanceof ParsedBatch.Unreadable unreadable) {
            return wholeRefusal(channel, Optional.of(source.id()), unreadable.reason(), unreadable.detail(), body,
                    contentType, receivedAt, "unreadable",
                    new IngestResult.Unreadable(source.id(), unreadable.reason(), unreadable.detail()));
        }
        if (parsed instanceof ParsedBatch.TooLarge tooLarge && message) {
            String detail = "the message holds more than " + tooLarge.limit() + " records"
                    + " (gridai.ingestion.http.max-batch-records); nothing in it was accepted: split it";
            return wholeRefusal(channel, Optional.of(source.id()), RejectionReason.SCHEMA_MISMATCH, detail, body,
                    contentType, receivedAt, "too-large",
                    new IngestResult.Unreadable(source.id(), RejectionReason.SCHEMA_MISMATCH, detail));
        }
        if (parsed instanceof ParsedBatch.TooLarge tooLarge) {
            return new Prepared.Final(source.id().value(), channel, receivedAt, "too-large",
                    new IngestResult.TooLarge(source.id(), tooLarge.limit()));
        }
        return checkRecords(channel, source, ((ParsedBatch.Records) parsed).records(), null, receivedAt, seen);
    }

    /** The whole batch's refusal when its sender is unknown or revoked; empty for an approved source. */
    private Optional<Prepared> refusedSource(String channel, Authentication authentication, byte[] body,
            String contentType, Instant receivedAt) {
        if (authentication instanceof Authentication.Unknown unknown) {
            return Optional.of(wholeRefusal(channel, Optional.empty(), RejectionReason.UNKNOWN_SOURCE, unknown.detail(),
                    body, contentType, receivedAt, "unauthenticated", new IngestResult.Unauthenticated(unknown.detail())));
        }
        ApprovedSource source = ((Authentication.Known) authentication).source();
        if (source.revoked()) {
            return Optional.of(wholeRefusal(channel, Optional.of(source.id()), RejectionReason.REVOKED_SOURCE, "source "
                    + source.id() + " (" + source.utility() + ") is revoked", body, contentType, receivedAt, "revoked",
                    new IngestResult.Revoked(source.id())));
        }
        return Optional.empty();
    }

    /**
     * Verifies the source and validates records a feed read itself (the field protocols: values already decoded
     * from an RTU's or a device's frames), without publishing anything. Each record goes through the same validation
     * as a received one; an accepted record then carries the quality flags its device reported.
     *
     * @param records     the records, their payload the bytes a dead letter keeps
     * @param quality     per record, in the same order, the quality flags to put on its measurement
     * @param body        the whole batch as bytes, for the dead letter of a batch refused as a whole
     * @param contentType the media type of {@code body} and of the records' payloads
     * @param seen        measurement ids accepted so far in the group this batch will be published with; updated
     */
    public Prepared prepareRecords(String channel, Authentication authentication, List<RawRecord> records,
            List<Set<QualityFlag>> quality, byte[] body, String contentType, Set<MeasurementId> seen) {
        if (quality.size() != records.size()) {
            throw new IllegalArgumentException(records.size() + " records but " + quality.size() + " quality sets");
        }
        Instant receivedAt = clock.instant();
        Optional<Prepared> refused = refusedSource(channel, authentication, body, contentType, receivedAt);
        if (refused.isPresent()) {
            return refused.get();
        }
        ApprovedSource source = ((Authentication.Known) authentication).source();
        return checkRecords(channel, source, records, quality, receivedAt, seen);
    }

    /** {@code quality}: per record, flags for its measurement; null when the feed has none (every received body). */
    private Prepared checkRecords(String channel, ApprovedSource source, List<RawRecord> records,
            List<Set<QualityFlag>> quality, Instant receivedAt, Set<MeasurementId> seen) {
        List<RecordResult> results = new ArrayList<>(records.size());
        List<Measurement> accepted = new ArrayList<>(records.size());
        List<RejectedRecord> refused = new ArrayList<>();
        List<MeasurementId> newIds = new ArrayList<>(records.size());
        Map<RejectionReason, Integer> refusedByReason = new EnumMap<>(RejectionReason.class);
        int duplicates = 0;
        for (int i = 0; i < records.size(); i++) {
            RawRecord record = records.get(i);
            Verdict verdict = validator.validate(record, source, receivedAt);
            if (verdict instanceof Verdict.Refused refusal) {
                refused.add(deadLetter(Optional.of(source.id()), channel, refusal.reason(), refusal.detail(),
                        record.payload(), record.contentType(), receivedAt));
                refusedByReason.merge(refusal.reason(), 1, Integer::sum);
                results.add(RecordResult.refused(record.index(), refusal.reason(), refusal.detail()));
                continue;
            }
            Measurement measurement = ((Verdict.Valid) verdict).measurement();
            if (quality != null) {
                Set<QualityFlag> flags = quality.get(i);
                if (!flags.isEmpty()) {
                    measurement = measurement.withQuality(flags);
                }
            }
            if (recent.contains(measurement.id()) || !seen.add(measurement.id())) {
                duplicates++;
                results.add(RecordResult.duplicate(record.index(), measurement.id().value()));
                continue;
            }
            newIds.add(measurement.id());
            accepted.add(measurement);
            results.add(RecordResult.accepted(record.index(), measurement.id().value()));
        }
        return new Prepared.Records(source.id().value(), channel, receivedAt, accepted, refused, newIds,
                refusedByReason, duplicates, new BatchReport(source.id().value(), records.size(), accepted.size(),
                refused.size(), duplicates, results));
    }

    private List<IngestResult> publish(List<Prepared> batches, Span span) {
        List<Measurement> accepted = new ArrayList<>();
        List<RejectedRecord> refused = new ArrayList<>();
        long received = 0;
        for (Prepared batch : batches) {
            if (batch instanceof Prepared.Records records) {
                accepted.addAll(records.accepted());
                refused.addAll(records.refused());
                received += records.report().received();
            } else if (batch instanceof Prepared.WholeRefusal whole) {
                refused.add(whole.deadLetter());
                received++;
            }
        }
        if (batches.size() == 1) {
            span.setAttribute(SOURCE, batches.get(0).sourceTag());
        }
        span.setAttribute(RECEIVED, received);
        span.setAttribute(ACCEPTED, (long) accepted.size());
        span.setAttribute(REFUSED, (long) refused.size());
        PublishOutcome outcome = accepted.isEmpty() && refused.isEmpty()
                ? new PublishOutcome.Acknowledged(0, Duration.ZERO)
                : publisher.publish(accepted, refused);
        if (outcome instanceof PublishOutcome.NotAcknowledged failed) {
            span.setStatus(StatusCode.ERROR, failed.detail());
            List<IngestResult> unavailable = new ArrayList<>(batches.size());
            for (Prepared batch : batches) {
                metrics.batch(batch.sourceTag(), "unavailable");
                unavailable.add(new IngestResult.Unavailable(failed.detail(), config.http().retryAfter()));
            }
            LOG.warnf("batches not acknowledged channel=%s batches=%d records=%d detail=\"%s\"",
                    batches.get(0).channel(), batches.size(), accepted.size() + refused.size(), failed.detail());
            return unavailable;
        }
        Instant acknowledgedAt = clock.instant();
        if (!accepted.isEmpty() || !refused.isEmpty()) {
            metrics.kafkaAck(((PublishOutcome.Acknowledged) outcome).took());
        }
        List<IngestResult> results = new ArrayList<>(batches.size());
        for (Prepared batch : batches) {
            results.add(acknowledged(batch, acknowledgedAt));
        }
        return results;
    }

    /** Metrics, dedup window and log line of a batch Kafka acknowledged; its final answer. */
    private IngestResult acknowledged(Prepared batch, Instant acknowledgedAt) {
        String sourceTag = batch.sourceTag();
        if (batch instanceof Prepared.Final done) {
            metrics.batch(sourceTag, done.batchOutcome());
            LOG.infof("batch refused source=%s channel=%s outcome=%s", sourceTag, batch.channel(),
                    done.batchOutcome());
            return done.result();
        }
        if (batch instanceof Prepared.WholeRefusal whole) {
            metrics.batch(sourceTag, whole.batchOutcome());
            metrics.records(sourceTag, RecordStatus.REFUSED, whole.deadLetter().reason(), 1);
            LOG.infof("batch refused source=%s channel=%s outcome=%s reason=%s bytes=%d detail=\"%s\"", sourceTag,
                    batch.channel(), whole.batchOutcome(), whole.deadLetter().reason(), whole.bodyBytes(),
                    whole.deadLetter().detail());
            return whole.result();
        }
        Prepared.Records records = (Prepared.Records) batch;
        recent.remember(records.newIds());
        metrics.batch(sourceTag, "processed");
        metrics.records(sourceTag, RecordStatus.ACCEPTED, null, records.accepted().size());
        metrics.records(sourceTag, RecordStatus.DUPLICATE, null, records.duplicates());
        records.refusedByReason().forEach((reason, count) ->
                metrics.records(sourceTag, RecordStatus.REFUSED, reason, count));
        metrics.latency(batch.channel(), records.accepted(), records.receivedAt(), acknowledgedAt);
        BatchReport report = records.report();
        if (records.refused().isEmpty()) {
            LOG.debugf("batch processed source=%s channel=%s received=%d accepted=%d duplicates=%d", sourceTag,
                    batch.channel(), report.received(), report.accepted(), report.duplicates());
        } else {
            LOG.infof("batch processed with refusals source=%s channel=%s received=%d accepted=%d refused=%d "
                    + "duplicates=%d reasons=%s", sourceTag, batch.channel(), report.received(), report.accepted(),
                    report.refused(), report.duplicates(), records.refusedByReason());
        }
        return new IngestResult.Processed(report);
    }

    private Prepared wholeRefusal(String channel, Optional<SourceId> source, RejectionReason reason, String detail,
            byte[] body, String contentType, Instant receivedAt, String batchOutcome, IngestResult result) {
        String sourceTag = source.map(SourceId::value).orElse(IngestionMetrics.UNKNOWN_SOURCE);
        return new Prepared.WholeRefusal(sourceTag, channel, receivedAt, batchOutcome,
                deadLetter(source, channel, reason, detail, body, contentType, receivedAt), body.length, result);
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
