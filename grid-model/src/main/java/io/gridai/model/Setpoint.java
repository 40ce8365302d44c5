package io.gridai.model;

import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.time.Instant;
import java.util.Optional;

/**
 * An instruction to drive one quantity of one asset to {@code target} during [{@code validFrom},
 * {@code validUntil}). After {@code validUntil} the setpoint has expired and the asset falls back to its
 * safe value.
 *
 * <p>{@code target} is in {@code kind.unit()} with the generator sign convention of {@link MeasurementKind}
 * (e.g. a battery told to charge at 20 MW gets ACTIVE_POWER −20). {@code proposal} is present exactly when
 * {@code origin} is {@link SetpointOrigin#APPROVED_PROPOSAL}. {@code issuedBy} names the service or
 * operator that issued it.
 *
 * <p>{@code sandbox} names the sandbox a setpoint was decided in (a replay, for example), empty for a real one. It is a
 * field of its own rather than an origin {@code SANDBOX}: the origin stays who decided it (an optimiser in a sandbox
 * is still the optimiser, an operator's override in a sandbox is still a manual hold there), the mark names which
 * sandbox, so that one sandbox's setpoints cannot reach another's topic either, and records written before the field
 * existed (schema v1) read as real. Such a setpoint may only go to {@code sandbox.<name>.grid.setpoints}; the guard
 * where setpoints are published (service-runtime's {@code SetpointGuard}) refuses it anywhere else, and the grid twin
 * and the controllers' manual holds ignore one found on a real topic.
 */
public record Setpoint(
        SetpointId id,
        AssetId asset,
        MeasurementKind kind,
        double target,
        Instant validFrom,
        Instant validUntil,
        SetpointOrigin origin,
        Optional<ProposalId> proposal,
        String issuedBy,
        Instant issuedAt,
        Optional<SandboxId> sandbox) {

    public Setpoint {
        Require.present(id, "Setpoint.id");
        Require.present(asset, "Setpoint.asset");
        Require.present(kind, "Setpoint.kind");
        Require.finite(target, "Setpoint.target");
        Require.present(validFrom, "Setpoint.validFrom");
        Require.present(validUntil, "Setpoint.validUntil");
        if (!validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("Setpoint.validUntil (" + validUntil + ") must be after validFrom ("
                    + validFrom + "); every setpoint needs a non-empty validity window");
        }
        Require.present(origin, "Setpoint.origin");
        Require.present(proposal, "Setpoint.proposal (use Optional.empty())");
        if (proposal.isPresent() != (origin == SetpointOrigin.APPROVED_PROPOSAL)) {
            throw new IllegalArgumentException("Setpoint from " + origin + (proposal.isPresent()
                    ? " must not name a proposal; only APPROVED_PROPOSAL setpoints do"
                    : " must name the approved proposal it comes from"));
        }
        Require.text(issuedBy, "Setpoint.issuedBy");
        Require.present(issuedAt, "Setpoint.issuedAt");
        Require.present(sandbox, "Setpoint.sandbox (use Optional.empty() for a real setpoint)");
    }

    /** A real setpoint (no sandbox). */
    public Setpoint(SetpointId id, AssetId asset, MeasurementKind kind, double target, Instant validFrom, Instant validUntil,
            SetpointOrigin origin, Optional<ProposalId> proposal, String issuedBy, Instant issuedAt) {
        this(id, asset, kind, target, validFrom, validUntil, origin, proposal, issuedBy, issuedAt, Optional.empty());
    }

    /** This setpoint marked as decided in {@code sandbox}. */
    public Setpoint inSandbox(SandboxId sandbox) {
        return new Setpoint(id, asset, kind, target, validFrom, validUntil, origin, proposal, issuedBy, issuedAt,
                Optional.of(sandbox));
    }

    /** Whether it was decided in a sandbox ({@link #sandbox()} present): it must never reach the real grid. */
    public boolean fromSandbox() {
        return sandbox.isPresent();
    }

    /** The unit {@link #target()} is in: {@code kind().unit()}. */
    public Unit unit() {
        return kind.unit();
    }

    /** True when {@code validFrom <= time < validUntil}. */
    public boolean isValidAt(Instant time) {
        return !time.isBefore(validFrom) && time.isBefore(validUntil);
    }
}
