package io.gridai.storage.control;

import io.gridai.model.id.AssetId;
import java.time.Instant;

/**
 * A unit's stale-telemetry condition started ({@code raised}) or ended.
 *
 * @param ageSeconds   how old its last state-of-charge reading is (since the controller started when it never had one)
 * @param limitSeconds the safe-after limit
 */
public record AlertChange(AssetId asset, boolean raised, double ageSeconds, double limitSeconds, Instant time) {
}
