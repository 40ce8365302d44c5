package io.gridai.dispatch.service.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gridai.dispatch.opf.DispatchProblem;
import io.gridai.model.id.ZoneId;

/**
 * A dispatch problem built from the inputs at one instant, and what it was built from.
 *
 * @param now             the solve's "now": the first period starts here
 * @param problem         what the solver gets
 * @param zoneDemandMw    each zone's demand per period, MW (positive)
 * @param zoneInputs      where each zone's demand came from
 * @param liveStateTime   the latest event time on the live-state topic when the plan was made
 * @param measuredUnits   units whose initial output came from a fresh ACTIVE_POWER measurement
 * @param holds           the manual holds the problem keeps: each held unit or battery is fixed in the periods its hold
 *                        covers, and nothing is published for it
 */
public record Plan(Instant now, DispatchProblem problem, Map<ZoneId, double[]> zoneDemandMw, Map<ZoneId, ZoneInput> zoneInputs,
                   Optional<Instant> liveStateTime, int measuredUnits, List<Hold> holds) {

    public Plan {
        holds = List.copyOf(holds);
    }

    /** Whether {@code asset} is held in this plan. */
    public boolean held(String asset) {
        return holds.stream().anyMatch(h -> h.asset().equals(asset));
    }

    /**
     * A manual hold the plan keeps.
     *
     * @param asset       the generator or battery
     * @param targetMw    the hold's target (generator sign: a battery charging is negative)
     * @param fixedMw     what the plan fixes it at: the target clamped into the unit's limits (PMIN..PMAX, a battery's
     *                    power limits and, over the held periods, its state-of-charge band)
     * @param origin      OPERATOR or APPROVED_PROPOSAL
     * @param until       the hold's end (the setpoint's validUntil)
     * @param setpointId  the setpoint that holds it
     * @param issuedBy    who issued it
     * @param periods     how many periods, from the first, it covers (a period that starts before {@code until})
     * @param note        why {@code fixedMw} differs from the target, null when it does not
     */
    public record Hold(String asset, double targetMw, double fixedMw, String origin, Instant until, String setpointId, String issuedBy,
                       int periods, String note) {
    }

    /**
     * Where a zone's demand came from.
     *
     * @param source        {@code forecast} or {@code case-pd} (no forecast: the case's PD held over the horizon)
     * @param modelVersion  the forecast's model version, null for case-pd
     * @param issueTime     the forecast's issue time (horizon start), null for case-pd
     * @param madeAt        when the forecast was made, null for case-pd
     */
    public record ZoneInput(String source, String modelVersion, Instant issueTime, Instant madeAt) {
    }
}
