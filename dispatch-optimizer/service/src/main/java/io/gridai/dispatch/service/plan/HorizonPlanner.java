package io.gridai.dispatch.service.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.gridai.dispatch.opf.DispatchPeriod;
import io.gridai.dispatch.opf.DispatchProblem;
import io.gridai.dispatch.opf.DispatchSettings;
import io.gridai.dispatch.opf.DispatchUnit;
import io.gridai.dispatch.opf.StorageUnit;
import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.network.BatteryPlacement;
import io.gridai.dispatch.service.grid.DispatchGrid;
import io.gridai.dispatch.service.inputs.LiveState;
import io.gridai.model.Forecast;
import io.gridai.model.Setpoint;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ZoneId;

/**
 * Builds the dispatch problem of one solve from the inputs at an instant.
 *
 * <ul>
 *   <li>Periods: {@code periods} of {@code periodLength}, the first starting at "now".</li>
 *   <li>Demand: a zone with a forecast gets, per period, the time-weighted mean of the forecast's demand quantile over
 *       the period (steps are intervals ending at their valid time; before the first step the first value holds, after
 *       the last the last), spread over the zone's buses by their share of the zone's case PD. A zone with no forecast
 *       keeps the case's PD at each bus for the whole horizon. Bus shunt conductance (GS) is added as the DC model
 *       does.</li>
 *   <li>Units: initial output = the latest ACTIVE_POWER not older than {@code maxStateAge}, clamped into [PMIN,
 *       PMAX] (so a unit measured outside its limits does not make the whole dispatch infeasible; the safety envelope
 *       still checks each target against the measured value). A unit with an AVAILABLE_POWER reading is a renewable:
 *       curtailable, its latest availability held over the horizon (persistence).</li>
 *   <li>Batteries: SoC from the latest STATE_OF_CHARGE (else the configured initial), at least as much at the end of
 *       the horizon as now.</li>
 *   <li>Manual holds (an operator's or an approved proposal's setpoint valid now): the unit is fixed at the target,
 *       clamped into its limits, in every period that starts before the hold ends (PMIN = PMAX = target there); its
 *       ramp from the measured output is not enforced (the held setpoint moves it, not the dispatch), the ramp out of
 *       the held periods is. A held battery is fixed likewise, its target also limited so that its state of charge
 *       stays in the band over the held periods, and it must end the horizon with at least what it has now or at the
 *       end of the hold, whichever is less. A what-if's unit outage takes a held unit out all the same.</li>
 * </ul>
 */
public final class HorizonPlanner {

    /** What the planner needs to know about batteries beyond their spec. */
    public record BatteryModel(double efficiency, double socMin, double socMax, double cyclingCostPerMwh) {
    }

    private final DispatchGrid grid;
    private final Duration periodLength;
    private final int periods;
    private final Duration maxStateAge;
    private final double publishedLevel;
    private final DispatchSettings settings;
    private final BatteryModel batteryModel;

    public HorizonPlanner(DispatchGrid grid, int periods, Duration periodLength, Duration maxStateAge, double publishedLevel,
            DispatchSettings settings, BatteryModel batteryModel) {
        if (periods < 1) {
            throw new IllegalArgumentException("gridai.dispatch.horizon.periods must be at least 1, got " + periods);
        }
        if (periodLength.isNegative() || periodLength.isZero()) {
            throw new IllegalArgumentException("gridai.dispatch.horizon.period-length must be positive, got " + periodLength);
        }
        this.grid = grid;
        this.periods = periods;
        this.periodLength = periodLength;
        this.maxStateAge = maxStateAge;
        this.publishedLevel = publishedLevel;
        this.settings = settings;
        this.batteryModel = batteryModel;
    }

    public int periods() {
        return periods;
    }

    public Duration periodLength() {
        return periodLength;
    }

    /**
     * The problem on the service's own network (no change).
     *
     * @param watchRows {@code mpc.branch} rows (1-based) to enforce from the first round: the last solve's binding ones
     * @param holds     manual holds valid at {@code now}, by asset (assets the grid does not have are ignored)
     */
    public Plan plan(Instant now, Map<ZoneId, Forecast> forecasts, LiveState live, Set<Integer> watchRows, Map<AssetId, Setpoint> holds) {
        return plan(now, forecasts, live, watchRows, grid.network(), WhatIfChanges.none(), holds);
    }

    /**
     * The problem with a what-if's changes, on {@code network} (the service's own, or one built without the outaged
     * branches). Changes are validated by the caller ({@link WhatIfRunner}).
     */
    public Plan plan(Instant now, Map<ZoneId, Forecast> forecasts, LiveState live, Set<Integer> watchRows, DcNetwork network,
            WhatIfChanges changes, Map<AssetId, Setpoint> holds) {
        int nt = changes.periods() == null ? periods : changes.periods();
        int nb = network.busCount();
        Map<ZoneId, double[]> zoneMw = new LinkedHashMap<>();
        Map<ZoneId, Plan.ZoneInput> zoneInputs = new LinkedHashMap<>();
        for (ZoneId zone : grid.zones()) {
            Forecast f = forecasts.get(zone);
            double[] mw = new double[nt];
            if (f != null && grid.zoneCasePdMw(zone) > 0) {
                for (int t = 0; t < nt; t++) {
                    mw[t] = -mean(f, start(now, t), start(now, t + 1));
                }
                zoneInputs.put(zone, new Plan.ZoneInput("forecast", f.modelVersion(), f.issueTime(), f.madeAt()));
            } else {
                Arrays.fill(mw, grid.zoneCasePdMw(zone));
                zoneInputs.put(zone, new Plan.ZoneInput("case-pd", null, null, null));
            }
            zoneMw.put(zone, mw);
        }
        for (WhatIfChanges.ZoneDemandChange change : changes.zoneDemand()) {
            double[] mw = zoneMw.get(ZoneId.of(change.zone()));
            for (int t = 0; t < nt; t++) {
                mw[t] = change.deltaMw() != null ? mw[t] + change.deltaMw() : mw[t] * (1 + change.percent() / 100);
            }
        }

        // Buses of the network: the service's network and a what-if network have the same in-service buses.
        List<DispatchUnit> units = units(now, live, changes);
        int measured = (int) units.stream().filter(u -> u.initialMw().isPresent()).count();
        List<StorageUnit> storage = storage(live);
        double[][] fixedUnit = nanMatrix(nt, units.size());
        double[][] fixedStorage = nanMatrix(nt, storage.size());
        List<Plan.Hold> held = hold(now, nt, holds, changes, units, storage, fixedUnit, fixedStorage);
        List<DispatchPeriod> list = new ArrayList<>(nt);
        for (int t = 0; t < nt; t++) {
            double[] demand = new double[nb];
            for (int i = 0; i < nb; i++) {
                double pd = grid.source().bus(network.busNumber(i)).orElseThrow().pdMw();
                double gs = network.fixedDemandMw(i) - pd;
                ZoneId zone = grid.zoneOf(i);
                boolean forecast = "forecast".equals(zoneInputs.get(zone).source()) || touched(changes, zone);
                demand[i] = gs + (forecast ? grid.zoneShare(zone)[i] * zoneMw.get(zone)[t] : pd);
            }
            double[] available = new double[units.size()];
            for (int u = 0; u < units.size(); u++) {
                DispatchUnit unit = units.get(u);
                available[u] = unit.curtailable() ? live.availablePower(unit.id()).map(r -> Math.min(r.value(), unit.pmaxMw()))
                        .orElse(Double.NaN) : Double.NaN;
            }
            list.add(new DispatchPeriod(start(now, t), periodLength, demand, available, fixedUnit[t], fixedStorage[t]));
        }
        Set<Integer> watch = new java.util.HashSet<>();
        for (int l = 0; l < network.branchCount(); l++) {
            if (watchRows.contains(network.branchCaseIndex(l) + 1)) {
                watch.add(l);
            }
        }
        DispatchProblem problem = new DispatchProblem(network, units, storage, list, settings, watch);
        return new Plan(now, problem, zoneMw, zoneInputs, live.latestEventTime(), measured, held);
    }

    private static double[][] nanMatrix(int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            Arrays.fill(row, Double.NaN);
        }
        return m;
    }

    /**
     * Fixes the held units and batteries in the periods their holds cover (filling {@code fixedUnit} and
     * {@code fixedStorage}, replacing a held unit by one without an initial output and a held battery by one whose
     * final minimum the hold can meet) and says what it kept.
     */
    private List<Plan.Hold> hold(Instant now, int nt, Map<AssetId, Setpoint> holds, WhatIfChanges changes, List<DispatchUnit> units,
            List<StorageUnit> storage, double[][] fixedUnit, double[][] fixedStorage) {
        List<Plan.Hold> out = new ArrayList<>();
        for (Setpoint h : holds.values()) {
            String asset = h.asset().value();
            if (!h.isValidAt(now) || grid.isSlack(asset) || changes.unitOutages().contains(asset)) {
                continue; // the slack takes no setpoint; a what-if outage takes the unit out, held or not
            }
            int covered = 0;
            while (covered < nt && start(now, covered).isBefore(h.validUntil())) {
                covered++;
            }
            double target = h.target();
            double fixed;
            String note = null;
            int u = indexOf(units, asset);
            int b = storageIndexOf(storage, asset);
            if (u >= 0) {
                DispatchUnit unit = units.get(u);
                fixed = Math.max(unit.pminMw(), Math.min(unit.pmaxMw(), target));
                if (fixed != target) {
                    note = String.format(java.util.Locale.ROOT, "clamped into [PMIN %.3f, PMAX %.3f] MW", unit.pminMw(), unit.pmaxMw());
                }
                // the held setpoint moves the unit, not the dispatch: no ramp from the measured output into the hold
                units.set(u, new DispatchUnit(unit.id(), unit.caseIndex(), unit.bus(), unit.pminMw(), unit.pmaxMw(), unit.cost(),
                        unit.rampMwPerHour(), java.util.OptionalDouble.empty(), unit.curtailable()));
                for (int t = 0; t < covered; t++) {
                    fixedUnit[t][u] = fixed;
                }
            } else if (b >= 0) {
                StorageUnit s = storage.get(b);
                double soc = s.initialSocMwh();
                double hours = periodLength.toNanos() / 3.6e12;
                fixed = Math.max(-s.chargeMaxMw(), Math.min(s.dischargeMaxMw(), target));
                if (fixed != target) {
                    note = String.format(java.util.Locale.ROOT, "clamped into the power limits -%.3f..%.3f MW", s.chargeMaxMw(),
                            s.dischargeMaxMw());
                }
                double first = Double.NaN;
                for (int t = 0; t < covered; t++) {
                    double p = fixed >= 0 ? Math.min(fixed, (soc - s.socMinMwh()) * s.dischargeEfficiency() / hours)
                            : Math.max(fixed, -(s.socMaxMwh() - soc) / (s.chargeEfficiency() * hours));
                    if (p != fixed && note == null) {
                        note = String.format(java.util.Locale.ROOT, "limited to %.3f MW from period %d by the state-of-charge band", p, t);
                    }
                    soc = p >= 0 ? soc - p * hours / s.dischargeEfficiency() : soc - p * hours * s.chargeEfficiency();
                    fixedStorage[t][b] = p;
                    first = Double.isNaN(first) ? p : first;
                }
                fixed = first;
                storage.set(b, new StorageUnit(s.id(), s.bus(), s.socMinMwh(), s.socMaxMwh(), s.chargeMaxMw(), s.dischargeMaxMw(),
                        s.chargeEfficiency(), s.dischargeEfficiency(), s.initialSocMwh(),
                        Math.max(s.socMinMwh(), Math.min(s.finalSocMinMwh(), soc)), s.cyclingCostPerMwh()));
            } else {
                continue; // not an asset of this grid
            }
            out.add(new Plan.Hold(asset, target, fixed, h.origin().name(), h.validUntil(), h.id().value(), h.issuedBy(), covered, note));
        }
        return out;
    }

    private static int indexOf(List<DispatchUnit> units, String asset) {
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).id().equals(asset)) {
                return i;
            }
        }
        return -1;
    }

    private static int storageIndexOf(List<StorageUnit> storage, String asset) {
        for (int i = 0; i < storage.size(); i++) {
            if (storage.get(i).id().equals(asset)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean touched(WhatIfChanges changes, ZoneId zone) {
        return changes.zoneDemand().stream().anyMatch(c -> c.zone().equals(zone.value()));
    }

    private Instant start(Instant now, int t) {
        return now.plus(periodLength.multipliedBy(t));
    }

    /** Whether a reading taken at {@code time} may stand for "now". */
    public boolean fresh(Instant time, Instant now) {
        return !time.isAfter(now.plus(maxStateAge)) && !time.isBefore(now.minus(maxStateAge));
    }

    private List<DispatchUnit> units(Instant now, LiveState live, WhatIfChanges changes) {
        Map<String, WhatIfChanges.UnitLimit> limits = new HashMap<>();
        changes.unitLimits().forEach(l -> limits.put(l.asset(), l));
        List<DispatchUnit> out = new ArrayList<>();
        for (DispatchUnit base : grid.units()) {
            DispatchUnit unit = base;
            String id = unit.id();
            boolean renewable = live.availablePower(id).isPresent();
            if (renewable) {
                // the twin's renewables follow their availability at once: no ramp
                unit = new DispatchUnit(id, unit.caseIndex(), unit.bus(), 0, unit.pmaxMw(), unit.cost(), Double.POSITIVE_INFINITY,
                        java.util.OptionalDouble.empty(), true);
            }
            if (changes.unitOutages().contains(id)) {
                out.add(new DispatchUnit(id, unit.caseIndex(), unit.bus(), 0, 0, unit.cost(), Double.POSITIVE_INFINITY,
                        java.util.OptionalDouble.empty(), unit.curtailable()));
                continue;
            }
            WhatIfChanges.UnitLimit limit = limits.get(id);
            if (limit != null) {
                unit = unit.withLimits(limit.pminMw() != null ? limit.pminMw() : unit.pminMw(),
                        limit.pmaxMw() != null ? limit.pmaxMw() : unit.pmaxMw());
            }
            Optional<LiveState.Reading> p = live.activePower(id).filter(r -> fresh(r.time(), now));
            if (p.isPresent() && Double.isFinite(unit.rampMwPerHour())) {
                unit = unit.withInitial(Math.max(unit.pminMw(), Math.min(unit.pmaxMw(), p.get().value())));
            }
            out.add(unit);
        }
        return out;
    }

    private List<StorageUnit> storage(LiveState live) {
        List<StorageUnit> out = new ArrayList<>();
        for (BatteryPlacement b : grid.batteries()) {
            double cap = b.capacityMwh();
            double min = batteryModel.socMin() * cap;
            double max = batteryModel.socMax() * cap;
            double soc = live.stateOfCharge(b.asset().value()).map(r -> r.value() / 100 * cap).orElse(b.initialSoc() * cap);
            soc = Math.max(min, Math.min(max, soc));
            out.add(new StorageUnit(b.asset().value(), grid.network().busIndex(b.busNumber()), min, max, b.powerMw(), b.powerMw(),
                    batteryModel.efficiency(), batteryModel.efficiency(), soc, soc, batteryModel.cyclingCostPerMwh()));
        }
        return out;
    }

    /**
     * The time-weighted mean of the forecast's planning level over [from, to): step i holds over
     * [issue + i step, issue + (i + 1) step); the first step extends back without end, the last forward.
     */
    double mean(Forecast f, Instant from, Instant to) {
        double a = from.toEpochMilli();
        double b = to.toEpochMilli();
        double issue = f.issueTime().toEpochMilli();
        double step = f.step().toMillis();
        int n = f.steps().size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double s = i == 0 ? Double.NEGATIVE_INFINITY : issue + i * step;
            double e = i == n - 1 ? Double.POSITIVE_INFINITY : issue + (i + 1) * step;
            double overlap = Math.min(b, e) - Math.max(a, s);
            if (overlap > 0) {
                sum += overlap * f.quantile(i, publishedLevel);
            }
        }
        return sum / (b - a);
    }
}
