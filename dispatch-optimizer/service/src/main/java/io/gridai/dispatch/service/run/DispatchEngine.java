package io.gridai.dispatch.service.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.gridai.dispatch.opf.DispatchPeriod;
import io.gridai.dispatch.opf.DispatchSolution;
import io.gridai.dispatch.opf.DispatchUnit;
import io.gridai.dispatch.opf.Dispatcher;
import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.dispatch.opf.dc.DcNetworkException;
import io.gridai.dispatch.opf.highs.SolverUnavailableException;
import io.gridai.dispatch.service.grid.DispatchGrid;
import io.gridai.dispatch.service.inputs.ForecastBook;
import io.gridai.dispatch.service.inputs.LiveState;
import io.gridai.dispatch.service.plan.HorizonPlanner;
import io.gridai.dispatch.service.plan.Plan;
import io.gridai.dispatch.service.plan.SafetyEnvelope;
import io.gridai.dispatch.service.plan.WhatIfChanges;
import io.gridai.dispatch.service.plan.WhatIfRefused;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerCase;
import io.gridai.service.runtime.ManualHolds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The rolling horizon. Every solve runs on one worker thread ({@code dispatch-solver}), never on the consumer's:
 * a new forecast schedules one after the debounce, the periodic check one when {@code every} has passed on the
 * service's clock, and what-if runs queue behind them. An OPTIMAL solve's first period becomes setpoints that pass
 * the safety envelope; any other status publishes nothing (the previous setpoints run out at their validity end).
 * Each solve is recorded and audited.
 *
 * <p>Manual holds (operators' and approved proposals' setpoints, {@link ManualHolds}) are kept: a held unit or battery
 * is fixed at its hold's target in the plan and gets no setpoint or schedule, and the solve record lists the holds.
 * The periodic check also solves at once when the set of valid holds changed since the last solve (trigger HOLD): a
 * hold began, was replaced or ended, so the unit is dispatched again as soon as its hold is over.
 */
public final class DispatchEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DispatchEngine.class);
    /** Who issues the setpoints and audit events. */
    public static final String ISSUER = "dispatch-optimizer";
    private static final Duration WHAT_IF_TIMEOUT = Duration.ofMinutes(2);

    /** Timing and thresholds the engine reads from configuration. */
    public record Settings(Duration forecastDebounce, Duration every, Duration checkInterval, Duration grace, double curtailmentThresholdMw) {
    }

    private final Settings settings;
    private final DispatchGrid grid;
    private final ForecastBook forecasts;
    private final LiveState live;
    private final ManualHolds holds;
    private final HorizonPlanner planner;
    private final SafetyEnvelope envelope;
    private final KafkaOut out;
    private final Optional<AuditChain> audit;
    private final SolveHistory history;
    private final MeterRegistry metrics;
    private final Supplier<Optional<Instant>> clock;
    private final ScheduledExecutorService worker;
    private final AtomicBoolean forecastPending = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();
    // worker-thread state
    private Instant lastSolveNow;
    private volatile Set<Integer> lastBindingRows = Set.of();
    private Set<String> lastHoldIds = Set.of();
    private final Map<String, Setpoint> lastPublished = new HashMap<>();

    public DispatchEngine(Settings settings, DispatchGrid grid, ForecastBook forecasts, LiveState live, ManualHolds holds,
            HorizonPlanner planner, SafetyEnvelope envelope, KafkaOut out, Optional<AuditChain> audit, SolveHistory history,
            MeterRegistry metrics, Supplier<Optional<Instant>> clock) {
        this.settings = settings;
        this.grid = grid;
        this.forecasts = forecasts;
        this.live = live;
        this.holds = holds;
        this.planner = planner;
        this.envelope = envelope;
        this.out = out;
        this.audit = audit;
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dispatch-solver");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the periodic check. */
    public void start() {
        long every = settings.checkInterval().toMillis();
        worker.scheduleWithFixedDelay(() -> guarded("periodic check", this::periodicCheck), 0, every, TimeUnit.MILLISECONDS);
    }

    /** A new forecast was filed: solve after the debounce (forecasts arriving meanwhile join that solve). */
    public void onForecast() {
        if (forecastPending.compareAndSet(false, true)) {
            worker.schedule(() -> guarded("forecast solve", () -> {
                forecastPending.set(false);
                solve("FORECAST");
            }), settings.forecastDebounce().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The scheduled tasks must not die on a bug: it is logged with its stack trace and the next run goes on. */
    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt(); // shutting down
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed; the service goes on and tries again at the next trigger", what);
        }
    }

    private void periodicCheck() {
        Optional<Instant> now = clock.get();
        if (now.isPresent() && (lastSolveNow == null || !now.get().isBefore(lastSolveNow.plus(settings.every())))) {
            solve("PERIODIC");
        } else if (now.isPresent() && !holdIds(holds.at(now.get())).equals(lastHoldIds)) {
            solve("HOLD");
        }
    }

    private static Set<String> holdIds(Map<AssetId, Setpoint> valid) {
        return valid.values().stream().map(h -> h.id().value()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Runs one rolling solve now, on the calling thread (the worker). */
    SolveRecord solve(String trigger) {
        Optional<Instant> clockNow = clock.get();
        if (clockNow.isEmpty()) {
            LOG.infof("solve skipped trigger=%s reason=no grid time yet (clock=telemetry and no measurement on the live-state topic)",
                    trigger);
            return null;
        }
        Instant now = clockNow.get();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String id = "solve-" + sequence.incrementAndGet();
        Map<AssetId, Setpoint> valid = holds.at(now);
        lastHoldIds = holdIds(valid);
        Plan plan = planner.plan(now, forecasts.snapshot(), live, lastBindingRows, valid);
        DispatchSolution solution = solveSafely(plan);
        Summary summary = summarise(plan, solution);
        SolveRecord.SetpointOutcome outcome;
        if (solution.optimal()) {
            outcome = publish(id, plan, solution);
            lastBindingRows = solution.binding().stream().map(DispatchSolution.BindingConstraint::caseRow)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } else {
            Instant expiry = lastPublished.values().stream().map(Setpoint::validUntil).max(Instant::compareTo).orElse(null);
            LOG.warnf("solve not optimal id=%s trigger=%s status=%s reason=%s; no setpoints published, the previous ones expire by %s", id,
                    trigger, solution.status(), solution.message(), expiry);
            outcome = new SolveRecord.SetpointOutcome(0, null, Map.of(), List.of());
        }
        String message = solution.message();
        if (!solution.optimal() && !plan.holds().isEmpty()) {
            message = message + "; the plan kept " + plan.holds().size() + " manual hold(s) fixed (" + plan.holds().stream()
                    .map(h -> String.format(Locale.ROOT, "%s at %.3f MW", h.asset(), h.fixedMw())).collect(java.util.stream.Collectors
                            .joining(", ")) + "): a held output may be what leaves no feasible dispatch";
        }
        for (Plan.Hold h : plan.holds()) {
            LOG.infof("manual hold kept solve=%s asset=%s target=%.3f fixed=%.3f periods=%d origin=%s until=%s setpoint=%s issuedBy=%s%s", id,
                    h.asset(), h.targetMw(), h.fixedMw(), h.periods(), h.origin(), h.until(), h.setpointId(), h.issuedBy(),
                    h.note() == null ? "" : " note=" + h.note());
        }
        lastSolveNow = now;
        double totalMs = (System.nanoTime() - t0) / 1e6;
        Map<String, SolveRecord.ZoneInput> zones = new LinkedHashMap<>();
        plan.zoneInputs().forEach((zone, in) -> zones.put(zone.value(), new SolveRecord.ZoneInput(in.source(), in.modelVersion(),
                in.issueTime(), in.madeAt(), plan.zoneDemandMw().get(zone)[0])));
        DispatchSolution.Stats stats = solution.stats();
        boolean modelBuilt = stats != DispatchSolution.Stats.NONE;
        SolveRecord record = new SolveRecord(id, trigger, started, now, planner.periodLength().toMinutes(), plan.problem().periods().size(),
                new SolveRecord.Inputs(grid.caseName(), grid.fileSha256(), zones, plan.liveStateTime().orElse(null), plan.measuredUnits()),
                solution.status().name(), message, summary.objective, summary.periodCost, summary.shedMwh, summary.curtailedMwh,
                summary.binding, summary.maxLoading,
                !modelBuilt ? null : new SolveRecord.ModelSize(stats.columns(), stats.rows(), stats.nonZeros(), stats.rounds(),
                        stats.watchedBranches(), stats.iterations()),
                stats.buildNanos() / 1e6, stats.solveNanos() / 1e6, totalMs, summary.firstPeriodMw,
                outcome, plan.holds());
        history.add(record);
        metrics.counter("gridai.dispatch.solves", "status", record.status(), "trigger", trigger).increment();
        Timer.builder("gridai.dispatch.solve.duration").register(metrics).record(Duration.ofNanos(System.nanoTime() - t0));
        LOG.infof("solve done id=%s trigger=%s status=%s objective=%s planStart=%s periods=%d binding=%d published=%d refused=%d"
                + " held=%d buildMs=%.1f solveMs=%.1f totalMs=%.1f", id, trigger, record.status(), record.objective(), now, record.periods(),
                summary.binding.size(), outcome.published(), outcome.refused().size(), plan.holds().size(), record.buildMs(),
                record.solveMs(), totalMs);
        audit(record);
        return record;
    }

    private DispatchSolution solveSafely(Plan plan) {
        try {
            return Dispatcher.solve(plan.problem());
        } catch (IllegalArgumentException | SolverUnavailableException e) {
            // a case the solver cannot take (e.g. a cubic cost) or no HiGHS library: a status, not a crash
            return DispatchSolution.failed(DispatchSolution.Status.ERROR, e.getMessage(), DispatchSolution.Stats.NONE);
        }
    }

    private SolveRecord.SetpointOutcome publish(String solveId, Plan plan, DispatchSolution solution) {
        Instant now = plan.now();
        Duration first = planner.periodLength();
        Instant validUntil = now.plus(first).plus(settings.grace());
        List<KafkaOut.Out<AssetId, Setpoint>> records = new ArrayList<>();
        Map<String, Double> targets = new TreeMap<>();
        List<SolveRecord.Refusal> refused = new ArrayList<>();
        List<DispatchUnit> units = plan.problem().units();
        for (int u = 0; u < units.size(); u++) {
            DispatchUnit unit = units.get(u);
            String asset = unit.id();
            if (grid.isSlack(asset) || unit.pmaxMw() - unit.pminMw() <= 0 && !unit.curtailable()) {
                continue; // the slack balances; a unit with no range (e.g. a synchronous condenser) has nothing to be told
            }
            if (plan.held(asset)) {
                continue; // a manual hold: its setpoint is the operator's (or the approved proposal's), not ours
            }
            double target = solution.unitMw()[0][u];
            SafetyEnvelope.Kind kind = SafetyEnvelope.Kind.GENERATOR;
            if (unit.curtailable()) {
                kind = SafetyEnvelope.Kind.RENEWABLE;
                boolean curtailed = solution.curtailedMw()[0][u] > settings.curtailmentThresholdMw();
                Setpoint previous = lastPublished.get(asset);
                boolean capped = previous != null && previous.isValidAt(now);
                if (!curtailed && !capped) {
                    continue; // it produces what is available; nothing to say
                }
                if (!curtailed) {
                    target = grid.units().get(grid.unitIndex(asset).orElseThrow()).pmaxMw(); // lift the earlier cap
                }
            }
            consider(asset, kind, target, now, first, validUntil, records, targets, refused);
        }
        for (int s = 0; s < plan.problem().storage().size(); s++) {
            String asset = plan.problem().storage().get(s).id();
            if (plan.held(asset)) {
                continue; // held: no schedule to the storage manager, which leaves the unit alone too
            }
            double target = solution.dischargeMw()[0][s] - solution.chargeMw()[0][s];
            consider(asset, SafetyEnvelope.Kind.BATTERY, target, now, first, validUntil, records, targets, refused);
        }
        for (SolveRecord.Refusal r : refused) {
            LOG.warnf("setpoint withheld solve=%s asset=%s target=%.3f reason=%s", solveId, r.asset(), r.targetMw(),
                    r.reason());
        }
        metrics.counter("gridai.dispatch.setpoints.refused").increment(refused.size());
        try {
            out.sendAll(records);
        } catch (KafkaOut.KafkaOutException e) {
            LOG.errorf("setpoints not published solve=%s count=%d reason=%s", solveId, records.size(), e.getMessage());
            return new SolveRecord.SetpointOutcome(0, validUntil, Map.of(), refused);
        }
        records.forEach(r -> lastPublished.put(r.key().value(), r.value()));
        metrics.counter("gridai.dispatch.setpoints.published").increment(records.size());
        return new SolveRecord.SetpointOutcome(records.size(), validUntil, targets, refused);
    }

    private void consider(String asset, SafetyEnvelope.Kind kind, double target, Instant now, Duration within, Instant validUntil,
            List<KafkaOut.Out<AssetId, Setpoint>> records, Map<String, Double> targets, List<SolveRecord.Refusal> refused) {
        Optional<String> why = envelope.check(asset, kind, target, now, within);
        if (why.isPresent()) {
            refused.add(new SolveRecord.Refusal(asset, target, why.get()));
            return;
        }
        AssetId id = AssetId.of(asset);
        Setpoint sp = out.guard().mark(new Setpoint(SetpointId.random(), id, MeasurementKind.ACTIVE_POWER, target, now, validUntil,
                SetpointOrigin.OPTIMISER, Optional.empty(), ISSUER, now));
        // A battery's target is its schedule for the storage manager, which adds frequency response and reserve holding
        // and alone sets batteries; generators' setpoints go to the plant.
        Topic<AssetId, Setpoint> topic = kind == SafetyEnvelope.Kind.BATTERY ? Topics.GRID_STORAGE_SCHEDULES : Topics.GRID_SETPOINTS;
        Optional<String> guarded = out.guard().check(topic, sp);
        if (guarded.isPresent()) {
            refused.add(new SolveRecord.Refusal(asset, target, guarded.get()));
            return; // replays can never actuate: a sandboxed service's setpoint never reaches a real topic
        }
        records.add(new KafkaOut.Out<>(topic, id, sp));
        targets.put(asset, target);
    }

    private void audit(SolveRecord r) {
        if (audit.isEmpty()) {
            return;
        }
        Map<String, String> details = new TreeMap<>();
        details.put("trigger", r.trigger());
        details.put("status", r.status());
        details.put("objective", String.valueOf(r.objective()));
        details.put("case", r.inputs().caseName() + "@sha256:" + r.inputs().caseSha256());
        details.put("planStart", r.planStart().toString());
        details.put("periods", Integer.toString(r.periods()));
        StringBuilder zones = new StringBuilder();
        r.inputs().zones().forEach((z, in) -> zones.append(zones.length() > 0 ? ";" : "").append(z).append('=')
                .append(in.modelVersion() == null ? in.source() : in.modelVersion() + "@" + in.issueTime()));
        details.put("forecasts", zones.toString());
        details.put("liveStateTime", String.valueOf(r.inputs().liveStateTime()));
        details.put("setpointsPublished", Integer.toString(r.setpoints().published()));
        details.put("setpointsWithheld", Integer.toString(r.setpoints().refused().size()));
        details.put("shedMwh", String.valueOf(r.shedMwh()));
        details.put("binding", Integer.toString(r.binding().size()));
        if (!r.holds().isEmpty()) {
            details.put("holds", r.holds().stream().map(h -> h.asset() + "=" + h.fixedMw() + "@" + h.origin() + ":" + h.setpointId()
                    + "<" + h.until()).collect(java.util.stream.Collectors.joining(";")));
        }
        try {
            audit.get().append(r.planStart(), "dispatch.solve", r.id(), details);
        } catch (KafkaOut.KafkaOutException | org.apache.kafka.common.errors.TimeoutException e) {
            LOG.warnf("audit event not written solve=%s reason=%s; the chain continues with the next solve", r.id(), e.getMessage());
        }
    }

    // --------------------------------------------------------------------------------------------------- what-if

    /**
     * Runs a what-if on the worker thread (after any solve in progress) and waits for it. Publishes nothing.
     *
     * @throws WhatIfRefused when the request names something the grid does not have, or no grid time is known yet
     */
    public WhatIfResult whatIf(WhatIfChanges changes) {
        validate(changes);
        Future<WhatIfResult> f = worker.submit(() -> runWhatIf(changes));
        try {
            return f.get(WHAT_IF_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WhatIfRefused refused) {
                throw refused;
            }
            throw new IllegalStateException("what-if failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new WhatIfRefused(503, "the what-if did not finish within " + WHAT_IF_TIMEOUT + "; try fewer periods");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WhatIfRefused(503, "interrupted");
        }
    }

    private WhatIfResult runWhatIf(WhatIfChanges changes) {
        Instant now = clock.get().orElseThrow(() -> new WhatIfRefused(503, "no grid time yet: the service follows telemetry"
                + " (gridai.dispatch.clock=telemetry) and no measurement has arrived; try again once the grid reports"));
        DcNetwork network = grid.network();
        boolean own = false;
        if (!changes.branchOutages().isEmpty()) {
            network = outagedNetwork(changes.branchOutages());
            own = true;
        }
        try {
            Plan plan = planner.plan(now, forecasts.snapshot(), live, lastBindingRows, network, changes, holds.at(now));
            DispatchSolution solution = solveSafely(plan);
            Summary s = summarise(plan, solution);
            Map<String, List<Double>> unitMw = new LinkedHashMap<>();
            Map<String, List<Double>> batteryMw = new LinkedHashMap<>();
            if (solution.optimal()) {
                List<DispatchUnit> units = plan.problem().units();
                for (int u = 0; u < units.size(); u++) {
                    List<Double> series = new ArrayList<>();
                    for (int t = 0; t < solution.periods(); t++) {
                        series.add(solution.unitMw()[t][u]);
                    }
                    unitMw.put(units.get(u).id(), series);
                }
                for (int b = 0; b < plan.problem().storage().size(); b++) {
                    List<Double> series = new ArrayList<>();
                    for (int t = 0; t < solution.periods(); t++) {
                        series.add(solution.dischargeMw()[t][b] - solution.chargeMw()[t][b]);
                    }
                    batteryMw.put(plan.problem().storage().get(b).id(), series);
                }
            }
            WhatIfResult.Difference difference = null;
            Optional<SolveRecord> base = history.latestOptimal();
            if (solution.optimal() && base.isPresent()) {
                SolveRecord b = base.get();
                Map<String, Double> delta = new TreeMap<>();
                s.firstPeriodMw.forEach((asset, mw) -> {
                    Double was = b.firstPeriodMw().get(asset);
                    if (was != null) {
                        delta.put(asset, mw - was);
                    }
                });
                Double objectiveDelta = b.periods() == solution.periods() ? s.objective - b.objective() : null;
                difference = new WhatIfResult.Difference(b.id(), b.planStart(), objectiveDelta,
                        s.periodCost.get(0) - b.periodCostPerHour().get(0), delta);
            }
            LOG.infof("what-if done status=%s objective=%s branchOutages=%s unitOutages=%s unitLimits=%d zoneChanges=%d periods=%d",
                    solution.status(), s.objective, changes.branchOutages(), changes.unitOutages(), changes.unitLimits().size(),
                    changes.zoneDemand().size(), plan.problem().periods().size());
            return new WhatIfResult(solution.status().name(), solution.message(), now, plan.problem().periods().size(), s.objective,
                    s.periodCost, unitMw, batteryMw, s.shedMwh, s.curtailedMwh, s.binding, s.maxLoading, difference, plan.holds());
        } finally {
            if (own) {
                network.close();
            }
        }
    }

    private DcNetwork outagedNetwork(List<Integer> rows) {
        MatpowerCase c = grid.source();
        List<MatpowerBranch> branches = new ArrayList<>(c.branches());
        for (int row : rows) {
            MatpowerBranch b = branches.get(row - 1);
            branches.set(row - 1, new MatpowerBranch(b.fromBus(), b.toBus(), b.rPu(), b.xPu(), b.bPu(), b.rateAMva(), b.rateBMva(),
                    b.rateCMva(), b.tap(), b.shiftDeg(), 0, b.angMinDeg(), b.angMaxDeg()));
        }
        MatpowerCase changed = new MatpowerCase(c.name(), c.baseMva(), c.buses(), c.generators(), branches, c.costs());
        try {
            return DcNetwork.of(changed);
        } catch (DcNetworkException e) {
            throw new WhatIfRefused("taking out branch rows " + rows + " splits the grid: " + e.getMessage()
                    + "; choose outages that keep every bus connected");
        }
    }

    private void validate(WhatIfChanges c) {
        MatpowerCase source = grid.source();
        int rows = source.branches().size();
        for (Integer row : c.branchOutages()) {
            if (row == null || row < 1 || row > rows) {
                throw new WhatIfRefused("branch row " + row + " does not exist: case " + source.name() + " has mpc.branch rows 1.." + rows
                        + " (1-based)");
            }
            if (!source.branches().get(row - 1).inService()) {
                throw new WhatIfRefused("branch row " + row + " is already out of service in case " + source.name());
            }
        }
        for (String asset : c.unitOutages()) {
            requireUnit(asset, "unitOutages");
        }
        for (WhatIfChanges.UnitLimit l : c.unitLimits()) {
            requireUnit(l.asset(), "unitLimits");
            DispatchUnit u = grid.units().get(grid.unitIndex(l.asset()).orElseThrow());
            double pmin = l.pminMw() != null ? l.pminMw() : u.pminMw();
            double pmax = l.pmaxMw() != null ? l.pmaxMw() : u.pmaxMw();
            if (!Double.isFinite(pmin) || !Double.isFinite(pmax) || pmin > pmax) {
                throw new WhatIfRefused(String.format(Locale.ROOT, "unitLimits of %s: PMIN %.3f MW and PMAX %.3f MW must be finite with"
                        + " PMIN <= PMAX", l.asset(), pmin, pmax));
            }
        }
        for (WhatIfChanges.ZoneDemandChange z : c.zoneDemand()) {
            if (z.zone() == null || grid.zones().stream().noneMatch(id -> id.value().equals(z.zone()))) {
                throw new WhatIfRefused("unknown zone '" + z.zone() + "' in zoneDemand; the grid's zones are "
                        + grid.zones().stream().map(ZoneId::value).toList());
            }
            if ((z.deltaMw() == null) == (z.percent() == null)) {
                throw new WhatIfRefused("zoneDemand of " + z.zone() + ": give exactly one of deltaMw (MW) or percent (%)");
            }
            double v = z.deltaMw() != null ? z.deltaMw() : z.percent();
            if (!Double.isFinite(v) || z.percent() != null && z.percent() < -100) {
                throw new WhatIfRefused("zoneDemand of " + z.zone() + ": " + v + " is not a usable change (finite; percent >= -100)");
            }
            if (grid.zoneCasePdMw(ZoneId.of(z.zone())) <= 0) {
                throw new WhatIfRefused("zone " + z.zone() + " has no load bus in case " + source.name() + "; its demand cannot change");
            }
        }
        if (c.periods() != null && (c.periods() < 1 || c.periods() > planner.periods())) {
            throw new WhatIfRefused("periods " + c.periods() + " is outside 1.." + planner.periods() + " (gridai.dispatch.horizon.periods)");
        }
    }

    private void requireUnit(String asset, String field) {
        if (asset == null || grid.unitIndex(asset).isEmpty()) {
            List<String> some = grid.units().stream().map(DispatchUnit::id).limit(5).toList();
            throw new WhatIfRefused("unknown generator asset '" + asset + "' in " + field + "; generators of case " + grid.caseName()
                    + " are named like " + some + (grid.units().size() > 5 ? " (" + grid.units().size() + " in all)" : ""));
        }
    }

    // --------------------------------------------------------------------------------------------------- summary

    /** What a solution says, in the records' terms. */
    private record Summary(Double objective, List<Double> periodCost, Double shedMwh, Double curtailedMwh, List<SolveRecord.Binding> binding,
                           SolveRecord.BranchLoading maxLoading, Map<String, Double> firstPeriodMw) {
    }

    private Summary summarise(Plan plan, DispatchSolution s) {
        if (!s.optimal()) {
            return new Summary(null, List.of(), null, null, List.of(), null, Map.of());
        }
        DcNetwork net = plan.problem().network();
        List<DispatchPeriod> periods = plan.problem().periods();
        List<Double> cost = new ArrayList<>();
        double curtailed = 0;
        for (int t = 0; t < s.periods(); t++) {
            cost.add(s.periodCostPerHour()[t]);
            for (double c : s.curtailedMw()[t]) {
                curtailed += c * periods.get(t).hours();
            }
        }
        List<SolveRecord.Binding> binding = new ArrayList<>();
        for (DispatchSolution.BindingConstraint b : s.binding()) {
            binding.add(new SolveRecord.Binding(b.kind().name(), b.period(), b.caseRow(), net.busNumber(net.branchFrom(b.branch())),
                    net.busNumber(net.branchTo(b.branch())), b.value(), b.limit(), b.shadowPrice()));
        }
        SolveRecord.BranchLoading max = null;
        for (int t = 0; t < s.periods(); t++) {
            for (int l = 0; l < net.branchCount(); l++) {
                double rate = net.rateMw(l);
                if (rate <= 0) {
                    continue;
                }
                double loading = 100 * Math.abs(s.flowsMw()[t][l]) / rate;
                if (max == null || loading > max.loadingPercent()) {
                    max = new SolveRecord.BranchLoading(net.branchCaseIndex(l) + 1, net.busNumber(net.branchFrom(l)),
                            net.busNumber(net.branchTo(l)), t, s.flowsMw()[t][l], rate, loading);
                }
            }
        }
        Map<String, Double> first = new TreeMap<>();
        List<DispatchUnit> units = plan.problem().units();
        for (int u = 0; u < units.size(); u++) {
            first.put(units.get(u).id(), s.unitMw()[0][u]);
        }
        for (int b = 0; b < plan.problem().storage().size(); b++) {
            first.put(plan.problem().storage().get(b).id(), s.dischargeMw()[0][b] - s.chargeMw()[0][b]);
        }
        return new Summary(s.objective(), cost, s.shedMwh(periods), curtailed, binding, max, first);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
