package io.gridai.service.runtime;

import io.gridai.model.Setpoint;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Manual holds read from {@code grid.setpoints}: per asset, the latest {@code ACTIVE_POWER} setpoint a person decided
 * (origin OPERATOR or APPROVED_PROPOSAL, {@link io.gridai.model.SetpointOrigin#manual()}). While it is valid
 * ({@code validFrom <= now < validUntil}, on the reading service's own clock) the asset is held: the automatic
 * controllers publish nothing for it, so that the grid twin, which applies the latest setpoint per asset, keeps the
 * person's. A later-issued manual setpoint of the same asset replaces the earlier one (as at the twin), also one with a
 * shorter validity, which is how a hold is ended early. Setpoints of the controllers themselves are never holds.
 * Thread-safe; one entry per asset, so it stays as small as the grid.
 *
 * <p>Holds belong to one namespace: a real process's holds ({@link #ManualHolds()}) are real setpoints only, and a
 * sandboxed one's ({@link #ManualHolds(Optional)}) are its own sandbox's only. A setpoint marked with another sandbox
 * (which the publishers' {@link SetpointGuard} keeps off real topics) is ignored and logged: a replay's operator
 * override never holds a real asset.
 */
public final class ManualHolds {

    private static final Logger LOG = Logger.getLogger(ManualHolds.class);

    private final Map<AssetId, Setpoint> latest = new ConcurrentHashMap<>();
    private final Optional<SandboxId> sandbox;

    /** The holds of a real process: setpoints of a sandbox are ignored. */
    public ManualHolds() {
        this(Optional.empty());
    }

    /** The holds of a process in {@code sandbox} (empty: a real process). */
    public ManualHolds(Optional<SandboxId> sandbox) {
        this.sandbox = java.util.Objects.requireNonNull(sandbox, "sandbox");
    }

    /** Whether a setpoint can hold a real asset: decided by a person, on ACTIVE_POWER, and not in a sandbox. */
    public static boolean isHold(Setpoint s) {
        return isHold(s, Optional.empty());
    }

    /** Whether a setpoint can hold its asset in {@code sandbox} (empty: the real grid): {@link #isHold(Setpoint)} there. */
    public static boolean isHold(Setpoint s, Optional<SandboxId> sandbox) {
        return personDecided(s) && s.sandbox().equals(sandbox);
    }

    private static boolean personDecided(Setpoint s) {
        return s.origin().manual() && s.kind() == MeasurementKind.ACTIVE_POWER;
    }

    /**
     * Files a setpoint.
     *
     * @return true when it is a hold and now the latest of its asset; false for a setpoint that is no hold, one of
     *         another namespace (a sandbox's in a real process), or one issued before the hold already filed
     */
    public boolean offer(Setpoint s) {
        if (!personDecided(s)) {
            return false;
        }
        if (!isHold(s, sandbox)) {
            LOG.warnf("setpoint ignored as a manual hold id=%s asset=%s origin=%s: it was decided in %s, and this process"
                    + " runs %s", s.id(), s.asset(), s.origin(), s.sandbox().map(id -> "sandbox " + id).orElse("no sandbox"),
                    sandbox.map(id -> "in sandbox " + id).orElse("for the real grid"));
            return false;
        }
        Setpoint kept = latest.merge(s.asset(), s, (old, neu) -> neu.issuedAt().isBefore(old.issuedAt()) ? old : neu);
        return kept == s;
    }

    /** The hold of {@code asset} valid at {@code now}. */
    public Optional<Setpoint> at(AssetId asset, Instant now) {
        Setpoint s = latest.get(asset);
        return s != null && s.isValidAt(now) ? Optional.of(s) : Optional.empty();
    }

    /** Every hold valid at {@code now}, by asset id. */
    public Map<AssetId, Setpoint> at(Instant now) {
        Map<AssetId, Setpoint> out = new TreeMap<>(java.util.Comparator.comparing(AssetId::value));
        latest.forEach((asset, s) -> {
            if (s.isValidAt(now)) {
                out.put(asset, s);
            }
        });
        return out;
    }
}
