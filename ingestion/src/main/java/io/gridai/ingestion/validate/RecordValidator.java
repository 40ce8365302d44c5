package io.gridai.ingestion.validate;

import io.gridai.ingestion.feed.RawRecord;
import io.gridai.ingestion.source.ApprovedSource;
import io.gridai.model.Measurement;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one received record of a verified source into a {@link Measurement} in canonical units, or refuses
 * it with a reason. Checks, in order: shape and required fields, asset and kind against what the source may
 * report, unit (known and of the kind's dimension), finite value, time (ISO-8601 with offset, not further
 * ahead than the allowed skew), plausible range in the canonical unit, and the optional idempotency id.
 *
 * <p>A record's id: with an {@code id} field, {@code <source>/<id>} (so two sources cannot collide); without,
 * the id derived from source, asset, kind and time ({@link MeasurementId#derive}), so a re-sent reading is
 * recognised either way.
 */
public final class RecordValidator {

    private static final List<String> REQUIRED = List.of(RawRecord.ASSET, RawRecord.KIND, RawRecord.VALUE,
            RawRecord.UNIT, RawRecord.TIME);
    private static final Set<String> NON_FINITE = Set.of("nan", "infinity", "+infinity", "-infinity", "inf",
            "+inf", "-inf");

    private final Duration maxFutureSkew;
    private final Map<MeasurementKind, PlausibleRange> ranges;

    public RecordValidator(Duration maxFutureSkew, List<PlausibleRange> plausibleRanges) {
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("gridai.ingestion.validation.max-future-skew is " + maxFutureSkew
                    + "; give zero or a positive duration such as PT5M");
        }
        this.maxFutureSkew = maxFutureSkew;
        Map<MeasurementKind, PlausibleRange> byKind = new EnumMap<>(MeasurementKind.class);
        for (PlausibleRange range : plausibleRanges) {
            if (byKind.put(range.kind(), range) != null) {
                throw new IllegalArgumentException("gridai.ingestion.validation.plausible-ranges lists " + range.kind()
                        + " twice; keep one range per kind");
            }
        }
        this.ranges = Map.copyOf(byKind);
    }

    public Verdict validate(RawRecord record, ApprovedSource source, Instant receivedAt) {
        if (record.shapeProblem().isPresent()) {
            return refuse(RejectionReason.SCHEMA_MISMATCH, record.shapeProblem().get());
        }
        List<String> missing = null;
        for (String name : REQUIRED) {
            if (record.text(name) == null) {
                missing = missing == null ? new ArrayList<>() : missing;
                missing.add(name);
            }
        }
        if (missing != null) {
            return refuse(RejectionReason.SCHEMA_MISMATCH, "record " + record.index() + " lacks "
                    + String.join(", ", missing) + "; every record needs asset, kind, value, unit and time");
        }
        String assetText = record.text(RawRecord.ASSET);
        AssetId asset;
        try {
            asset = AssetId.of(assetText);
        } catch (IllegalArgumentException e) {
            return refuse(RejectionReason.SCHEMA_MISMATCH, "asset: " + e.getMessage());
        }
        String kindText = record.text(RawRecord.KIND);
        MeasurementKind kind;
        try {
            kind = MeasurementKind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            return refuse(RejectionReason.SCHEMA_MISMATCH, "unknown kind '" + kindText + "'; use one of "
                    + Arrays.stream(MeasurementKind.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
        if (!source.mayReport(asset)) {
            return refuse(RejectionReason.ASSET_NOT_ALLOWED, "source " + source.id() + " may not report asset "
                    + asset + " (approved: " + source.allowedAssets() + "); ask the GridAI operators to add it to"
                    + " gridai.ingestion.sources." + source.id() + ".allowed-assets");
        }
        if (!source.mayReport(kind)) {
            return refuse(RejectionReason.KIND_NOT_ALLOWED, "source " + source.id() + " may not report " + kind
                    + " (approved: " + source.allowedKinds() + "); ask the GridAI operators to add it to"
                    + " gridai.ingestion.sources." + source.id() + ".allowed-kinds");
        }
        Unit unit;
        try {
            unit = Unit.fromSymbol(record.text(RawRecord.UNIT));
        } catch (IllegalArgumentException e) {
            return refuse(RejectionReason.UNKNOWN_UNIT, e.getMessage());
        }
        if (unit.dimension() != kind.dimension()) {
            return refuse(RejectionReason.UNKNOWN_UNIT, "a " + kind + " value cannot be given in " + unit.symbol()
                    + " (" + unit.dimension() + "); send it in " + kind.unit().symbol() + " or another "
                    + kind.dimension() + " unit");
        }
        String valueText = record.text(RawRecord.VALUE);
        double value;
        if (NON_FINITE.contains(valueText.toLowerCase(Locale.ROOT))) {
            return refuse(RejectionReason.OUT_OF_RANGE, "value " + valueText + " is not a finite number; leave a"
                    + " missing reading out of the batch instead of sending NaN or infinity");
        }
        try {
            value = parseDecimal(valueText);
        } catch (NumberFormatException e) {
            return refuse(RejectionReason.SCHEMA_MISMATCH, "value '" + valueText + "' is not a number; write it"
                    + " like 12.5 or -3e2");
        }
        if (!Double.isFinite(value)) {
            return refuse(RejectionReason.OUT_OF_RANGE, "value " + valueText + " is too large to be a finite"
                    + " double; check the unit");
        }
        String timeText = record.text(RawRecord.TIME);
        Instant time;
        try {
            time = IsoTimes.parse(timeText);
        } catch (DateTimeException e) {
            return refuse(RejectionReason.SCHEMA_MISMATCH, "time '" + timeText + "' is not an ISO-8601 date-time"
                    + " with an offset; write it like 2020-07-01T00:00:00Z");
        }
        Instant latest = receivedAt.plus(maxFutureSkew);
        if (time.isAfter(latest)) {
            return refuse(RejectionReason.OUT_OF_RANGE, "time " + time + " is " + Duration.between(receivedAt, time)
                    + " ahead of the service clock (" + receivedAt + "), more than the allowed " + maxFutureSkew
                    + " (gridai.ingestion.validation.max-future-skew); check the sender's clock and time zone");
        }
        double canonical = unit.convert(value, kind.unit());
        PlausibleRange range = ranges.get(kind);
        if (range != null && !range.contains(canonical)) {
            return refuse(RejectionReason.OUT_OF_RANGE, kind + " " + canonical + " " + kind.unit().symbol()
                    + " is outside the plausible range " + range.min() + ".." + range.max() + " "
                    + kind.unit().symbol() + " (gridai.ingestion.validation.plausible-ranges); check the value and"
                    + " its unit");
        }
        Optional<String> id = record.field(RawRecord.ID);
        MeasurementId measurementId;
        if (id.isPresent()) {
            try {
                measurementId = MeasurementId.of(source.id().value() + "/" + id.get());
            } catch (IllegalArgumentException e) {
                return refuse(RejectionReason.SCHEMA_MISMATCH, "id '" + id.get() + "' cannot be used (it is"
                        + " prefixed with the source id): " + e.getMessage());
            }
        } else {
            measurementId = MeasurementId.derive(source.id(), asset, kind, time);
        }
        return new Verdict.Valid(new Measurement(measurementId, source.id(), asset, kind, canonical, Set.of(), time,
                receivedAt));
    }

    /** A decimal number in plain or scientific notation; no hexadecimal, no type suffixes. */
    private static double parseDecimal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                throw new NumberFormatException(text);
            }
        }
        return Double.parseDouble(text);
    }

    private static Verdict refuse(RejectionReason reason, String detail) {
        return new Verdict.Refused(reason, detail);
    }
}
