package io.gridai.model;

import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
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
        Instant issuedAt) {

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
