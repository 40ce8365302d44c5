package io.gridai.model;

/** The plant's answer to one {@link Setpoint}, carried by a {@link SetpointAck}. */
public enum SetpointAckStatus {
    /** Will be applied from the next tick as asked. */
    ACCEPTED,
    /**
     * Accepted, but the target was limited to the asset's limits; {@link SetpointAck#effectiveTarget()} says to
     * what.
     */
    CLIPPED,
    /**
     * Not applied (unknown asset, kind not controllable, not yet valid or invalid window, …);
     * {@link SetpointAck#reason()} says why and what to do.
     */
    REJECTED,
    /** Its validity window ended; the asset reverted to its schedule or safe value. */
    EXPIRED
}
