package io.gridai.dispatch.opf;

import java.util.Objects;

/**
 * A battery the dispatch schedules. State of charge moves as
 * {@code soc[t] = soc[t-1] + chargeEfficiency * charge[t] * h - discharge[t] * h / dischargeEfficiency}
 * for a period of {@code h} hours.
 *
 * @param id                  the battery's name (asset id)
 * @param bus                 the index of its bus among the network's in-service buses
 * @param socMinMwh           the lowest state of charge allowed
 * @param socMaxMwh           the highest
 * @param chargeMaxMw         the most it may draw
 * @param dischargeMaxMw      the most it may deliver
 * @param chargeEfficiency    in (0, 1]
 * @param dischargeEfficiency in (0, 1]
 * @param initialSocMwh       its state of charge now
 * @param finalSocMinMwh      the least it must hold at the end of the horizon (so a horizon does not empty it for free)
 * @param cyclingCostPerMwh   wear cost per MWh discharged, $/MWh (0 for none)
 */
public record StorageUnit(String id, int bus, double socMinMwh, double socMaxMwh, double chargeMaxMw, double dischargeMaxMw,
                          double chargeEfficiency, double dischargeEfficiency, double initialSocMwh, double finalSocMinMwh,
                          double cyclingCostPerMwh) {

    public StorageUnit {
        Objects.requireNonNull(id, "id");
        if (!(0 <= socMinMwh && socMinMwh <= socMaxMwh)) {
            throw new IllegalArgumentException("battery " + id + ": need 0 <= socMin <= socMax, got " + socMinMwh + " and " + socMaxMwh + " MWh");
        }
        if (!(chargeMaxMw >= 0 && dischargeMaxMw >= 0)) {
            throw new IllegalArgumentException("battery " + id + ": power limits must be >= 0 MW");
        }
        if (!(chargeEfficiency > 0 && chargeEfficiency <= 1 && dischargeEfficiency > 0 && dischargeEfficiency <= 1)) {
            throw new IllegalArgumentException("battery " + id + ": efficiencies must be in (0, 1], got " + chargeEfficiency + " and "
                    + dischargeEfficiency);
        }
        if (!(socMinMwh <= initialSocMwh && initialSocMwh <= socMaxMwh)) {
            throw new IllegalArgumentException("battery " + id + ": initial state of charge " + initialSocMwh + " MWh is outside ["
                    + socMinMwh + ", " + socMaxMwh + "]");
        }
        if (!(finalSocMinMwh <= socMaxMwh)) {
            throw new IllegalArgumentException("battery " + id + ": final state of charge " + finalSocMinMwh + " MWh exceeds socMax");
        }
        if (!(cyclingCostPerMwh >= 0)) {
            throw new IllegalArgumentException("battery " + id + ": cycling cost must be >= 0");
        }
    }
}
