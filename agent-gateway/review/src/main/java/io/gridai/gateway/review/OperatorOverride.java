package io.gridai.gateway.review;

import io.gridai.model.id.AssetId;
import java.time.Instant;
import java.util.Objects;

/**
 * An operator's manual override in force: the asset is held at {@code targetMw} until {@code until}; no proposal may
 * move it meanwhile. Applied in the study as the asset's output.
 *
 * @param asset    the asset held
 * @param targetMw its held ACTIVE_POWER, MW
 * @param by       who set it
 * @param until    when it ends
 */
public record OperatorOverride(AssetId asset, double targetMw, String by, Instant until) {

    public OperatorOverride {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(until, "until");
        if (!Double.isFinite(targetMw)) {
            throw new IllegalArgumentException("OperatorOverride.targetMw of " + asset + " is " + targetMw);
        }
    }
}
