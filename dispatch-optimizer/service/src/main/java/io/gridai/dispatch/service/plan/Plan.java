package io.gridai.dispatch.service.plan;

import java.time.Instant;
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
 */
public record Plan(Instant now, DispatchProblem problem, Map<ZoneId, double[]> zoneDemandMw, Map<ZoneId, ZoneInput> zoneInputs,
                   Optional<Instant> liveStateTime, int measuredUnits) {

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
