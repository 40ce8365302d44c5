package io.gridai.dispatch.service.plan;

import java.util.List;

/**
 * Changes a what-if run applies to the current inputs. Every list may be empty or absent.
 *
 * @param branchOutages  {@code mpc.branch} rows (1-based) taken out of service
 * @param unitOutages    generator asset ids taken out (0 MW)
 * @param unitLimits     new [PMIN, PMAX] of generators (either may be absent to keep the case's)
 * @param zoneDemand     zone demand changes, in MW or in % of the zone's demand, every period
 * @param periods        periods to run (default: the service's horizon), 1 .. the service's horizon
 */
public record WhatIfChanges(List<Integer> branchOutages, List<String> unitOutages, List<UnitLimit> unitLimits, List<ZoneDemandChange> zoneDemand,
                            Integer periods) {

    public WhatIfChanges {
        branchOutages = branchOutages == null ? List.of() : List.copyOf(branchOutages);
        unitOutages = unitOutages == null ? List.of() : List.copyOf(unitOutages);
        unitLimits = unitLimits == null ? List.of() : List.copyOf(unitLimits);
        zoneDemand = zoneDemand == null ? List.of() : List.copyOf(zoneDemand);
    }

    /** No change: the base case. */
    public static WhatIfChanges none() {
        return new WhatIfChanges(List.of(), List.of(), List.of(), List.of(), null);
    }

    /**
     * New limits of a generator.
     *
     * @param asset  its asset id
     * @param pminMw new PMIN, MW (absent: the case's)
     * @param pmaxMw new PMAX, MW (absent: the case's)
     */
    public record UnitLimit(String asset, Double pminMw, Double pmaxMw) {
    }

    /**
     * A change of one zone's demand in every period: {@code deltaMw} MW more (negative: less), or {@code percent} % more;
     * exactly one of them.
     *
     * @param zone     the zone id, e.g. {@code zone-1}
     * @param deltaMw  MW added to the zone's demand
     * @param percent  % added to the zone's demand
     */
    public record ZoneDemandChange(String zone, Double deltaMw, Double percent) {
    }
}
