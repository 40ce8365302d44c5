package io.gridai.model;

import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * The plant's (the grid twin's or a field adapter's) answer to one {@link Setpoint}: whether, and to what
 * value, it is applied.
 *
 * <p>{@code effectiveTarget} is the value the plant applies, in the setpoint kind's canonical unit
 * ({@code setpoint.kind().unit()}) with the generator sign convention of
 * {@link io.gridai.model.unit.MeasurementKind}. It is present for {@link SetpointAckStatus#ACCEPTED ACCEPTED}
 * and {@link SetpointAckStatus#CLIPPED CLIPPED}, absent for {@link SetpointAckStatus#REJECTED REJECTED}, and
 * for {@link SetpointAckStatus#EXPIRED EXPIRED} optionally the value the asset reverted to. {@code reason} is
 * a human-readable explanation, non-blank for CLIPPED, REJECTED and EXPIRED (empty allowed for ACCEPTED).
 * {@code actor} names who acknowledges (e.g. {@code "grid-sim"}); {@code time} is when it did.
 */
public record SetpointAck(
        SetpointId setpoint,
        AssetId asset,
        SetpointAckStatus status,
        OptionalDouble effectiveTarget,
        String reason,
        String actor,
        Instant time) {

    public SetpointAck {
        Require.present(setpoint, "SetpointAck.setpoint");
        Require.present(asset, "SetpointAck.asset");
        Require.present(status, "SetpointAck.status");
        Require.present(effectiveTarget, "SetpointAck.effectiveTarget (use OptionalDouble.empty())");
        if (effectiveTarget.isPresent()) {
            Require.finite(effectiveTarget.getAsDouble(), "SetpointAck.effectiveTarget");
        }
        switch (status) {
            case ACCEPTED, CLIPPED -> {
                if (effectiveTarget.isEmpty()) {
                    throw new IllegalArgumentException("SetpointAck " + status + " for " + setpoint
                            + " must carry the effectiveTarget the plant applies, in the setpoint kind's unit");
                }
            }
            case REJECTED -> {
                if (effectiveTarget.isPresent()) {
                    throw new IllegalArgumentException("SetpointAck REJECTED for " + setpoint
                            + " must not carry an effectiveTarget (was " + effectiveTarget.getAsDouble()
                            + "); nothing is applied, use OptionalDouble.empty()");
                }
            }
            case EXPIRED -> { }
        }
        Require.present(reason, "SetpointAck.reason (use \"\" for an ACCEPTED ack with nothing to add)");
        if (status != SetpointAckStatus.ACCEPTED && reason.isBlank()) {
            throw new IllegalArgumentException("SetpointAck.reason must not be blank for a " + status
                    + " ack of " + setpoint + "; say why and what to do");
        }
        Require.text(actor, "SetpointAck.actor");
        Require.present(time, "SetpointAck.time");
    }

    /** {@code setpoint} will be applied from the next tick as asked, at {@code effective} (its kind's unit). */
    public static SetpointAck accepted(Setpoint setpoint, double effective, String actor, Instant time) {
        Require.present(setpoint, "SetpointAck setpoint");
        return new SetpointAck(setpoint.id(), setpoint.asset(), SetpointAckStatus.ACCEPTED,
                OptionalDouble.of(effective), "", actor, time);
    }

    /** {@code setpoint} is applied but limited to {@code effective} (its kind's unit); {@code reason} says why. */
    public static SetpointAck clipped(Setpoint setpoint, double effective, String reason, String actor,
            Instant time) {
        Require.present(setpoint, "SetpointAck setpoint");
        return new SetpointAck(setpoint.id(), setpoint.asset(), SetpointAckStatus.CLIPPED,
                OptionalDouble.of(effective), reason, actor, time);
    }

    /** {@code setpoint} is not applied; {@code reason} says why and what to do. */
    public static SetpointAck rejected(Setpoint setpoint, String reason, String actor, Instant time) {
        Require.present(setpoint, "SetpointAck setpoint");
        return new SetpointAck(setpoint.id(), setpoint.asset(), SetpointAckStatus.REJECTED, OptionalDouble.empty(),
                reason, actor, time);
    }

    /**
     * The validity window of {@code setpoint} ended; the asset reverted to its schedule or safe value. The
     * reason names the end of the window; no effective target.
     */
    public static SetpointAck expired(Setpoint setpoint, String actor, Instant time) {
        Require.present(setpoint, "SetpointAck setpoint");
        return new SetpointAck(setpoint.id(), setpoint.asset(), SetpointAckStatus.EXPIRED, OptionalDouble.empty(),
                "validity window ended at " + setpoint.validUntil()
                        + "; the asset reverted to its schedule or safe value",
                actor, time);
    }
}
