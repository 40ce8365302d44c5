package io.gridai.storage.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridai.model.id.AssetId;
import java.time.Instant;
import java.util.Set;

/**
 * One unit's setpoint decision at {@code time} (as JSON in a unit's status: with its headroom, without the asset the
 * status already names).
 *
 * @param asset        the battery
 * @param time         the service clock's "now"
 * @param mode         what decided it
 * @param targetMw     the target after the safety envelope (generator sign)
 * @param requestedMw  what the modes asked for before the envelope
 * @param scheduleMw   the optimiser's schedule now (0 without one), before reserve holding
 * @param scheduleHeldMw the schedule after reserve holding
 * @param responseMw   the frequency response part
 * @param binding      limits that changed the request
 * @param upperMw      the hard upper limit now (power, availability, SoC)
 * @param lowerMw      the hard lower limit now
 * @param validUntil   end of the setpoint's validity (HELD: the hold's end)
 * @param hold         the manual hold in force (mode HELD), null otherwise; then {@code targetMw} is the hold's target
 *                     and the manager issues nothing
 */
public record Decision(@JsonIgnore AssetId asset, Instant time, Mode mode, double targetMw, double requestedMw, double scheduleMw,
        double scheduleHeldMw, double responseMw, Set<SafetyEnvelope.Limit> binding, double upperMw, double lowerMw,
        Instant validUntil, Hold hold) {

    /**
     * A manual hold: the setpoint a person decided for the unit.
     *
     * @param setpointId  the holding setpoint
     * @param targetMw    its target, generator sign
     * @param origin      OPERATOR or APPROVED_PROPOSAL
     * @param issuedBy    who issued it
     * @param until       when it ends (its validUntil); the manager sets the unit again from then
     */
    public record Hold(String setpointId, double targetMw, String origin, String issuedBy, Instant until) {
    }

    /** Power the unit could still add (discharge more) above its target, MW. */
    @JsonProperty("headroomUpMw")
    public double headroomUpMw() {
        return Math.max(0, upperMw - targetMw);
    }

    /** Power the unit could still take away (charge more) below its target, MW. */
    @JsonProperty("headroomDownMw")
    public double headroomDownMw() {
        return Math.max(0, targetMw - lowerMw);
    }
}
