package io.gridai.gateway.review;

import io.gridai.model.id.AssetId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live operating point the review studies: ACTIVE_POWER of generators ({@code gen-...}) and loads
 * ({@code load-<bus>}), MW, in the platform's generator sign convention (a load consuming 5 MW is -5 MW), as the caller
 * read them (e.g. from the live state) at {@code asOf}. Assets it does not name keep the case's values.
 *
 * @param asOf             when the values were measured (the oldest of them, to be safe)
 * @param activePowerMw    ACTIVE_POWER per asset, MW, generator convention (a battery discharging is positive)
 * @param stateOfChargePct STATE_OF_CHARGE of batteries, percent: without it a battery's energy cannot be judged
 */
public record LiveSnapshot(Instant asOf, Map<AssetId, Double> activePowerMw, Map<AssetId, Double> stateOfChargePct) {

    /** A snapshot without batteries' states of charge. */
    public LiveSnapshot(Instant asOf, Map<AssetId, Double> activePowerMw) {
        this(asOf, activePowerMw, Map.of());
    }

    public LiveSnapshot {
        Objects.requireNonNull(asOf, "asOf");
        activePowerMw = Map.copyOf(activePowerMw);
        stateOfChargePct = Map.copyOf(stateOfChargePct);
        stateOfChargePct.forEach((asset, pct) -> {
            if (!(pct >= 0 && pct <= 100)) {
                throw new IllegalArgumentException("LiveSnapshot STATE_OF_CHARGE of " + asset + " is " + pct
                        + " %; leave out batteries without a plausible measurement (0 to 100 %)");
            }
        });
        activePowerMw.forEach((asset, mw) -> {
            if (!Double.isFinite(mw)) {
                throw new IllegalArgumentException("LiveSnapshot ACTIVE_POWER of " + asset + " is " + mw
                        + "; leave out assets without a finite measurement");
            }
        });
    }

    /** The measured STATE_OF_CHARGE of a battery, percent. */
    public Optional<Double> stateOfCharge(AssetId asset) {
        return Optional.ofNullable(stateOfChargePct.get(asset));
    }

    /** The measured ACTIVE_POWER of an asset, MW. */
    public Optional<Double> activePower(AssetId asset) {
        return Optional.ofNullable(activePowerMw.get(asset));
    }
}
