package io.gridai.operator.history;

import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Instant;
import java.util.Optional;

/**
 * What a history request asks for: an asset's measurements (of one kind, or all) whose event time is in
 * [{@code from}, {@code to}), at most {@code limit} of them.
 */
public record HistoryQuery(AssetId asset, Optional<MeasurementKind> kind, Instant from, Instant to, int limit) {
}
