package io.gridai.ingestion.source;

import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** One feed from the source registry: who it is and what it may report. */
public record ApprovedSource(SourceId id, String utility, List<AssetPattern> allowedAssets,
        Set<MeasurementKind> allowedKinds, boolean revoked, boolean kafkaDirect) {

    public ApprovedSource {
        allowedAssets = List.copyOf(allowedAssets);
        allowedKinds = allowedKinds.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(allowedKinds));
    }

    public boolean mayReport(AssetId asset) {
        return allowedAssets.stream().anyMatch(pattern -> pattern.matches(asset));
    }

    public boolean mayReport(MeasurementKind kind) {
        return allowedKinds.contains(kind);
    }
}
