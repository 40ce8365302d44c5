package io.gridai.gateway.review;

import io.gridai.gateway.review.policy.PolicyInput;
import io.gridai.gateway.review.policy.PolicyRules;
import io.gridai.gateway.review.policy.PolicyVerdict;
import io.gridai.gateway.review.risk.RiskScoring;
import io.gridai.gateway.review.study.StudyGrid;
import io.gridai.gateway.review.study.StudyRequest;
import io.gridai.gateway.review.study.StudyResult;
import io.gridai.gateway.review.study.Violation;
import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.BatteryPlacement;
import io.gridai.network.SetpointEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security review of a proposal, in order, each step recorded ({@link ReviewStep}):
 * <ol>
 *   <li><b>limits</b>: every action sets ACTIVE_POWER of a generator of the case, once; its target is finite, within the
 *       unit's limits and reachable from its live output at its ramp within {@link ReviewSettings#rampWindow()}
 *       ({@link SetpointEnvelope}, as the optimiser and operators' overrides are checked; the slack unit takes none);
 *       it holds for a positive time no longer than {@link ReviewSettings#maxValidFor()}; the live snapshot is fresh;</li>
 *   <li><b>policy</b>: the CEL rules of {@link PolicyRules} (reloaded when their file changes);</li>
 *   <li><b>study</b>: AC power flow and N-1 over branch outages (OpenLoadFlow) on the live state with the other pending
 *       and active proposals and the operators' overrides applied, with and without this proposal: any overload or
 *       voltage violation (or non-convergence) it adds refuses it, named with its contingency and values;</li>
 *   <li><b>conflicts</b>: no other pending or active proposal, and no operator override, on the same asset;</li>
 *   <li><b>risk</b>: the score of {@link RiskScoring}.</li>
 * </ol>
 * The first refusal ends the review (later steps are recorded as skipped); the verdict is then {@code REJECTED}.
 * Otherwise {@code AUTO_APPROVE} when the agent's tier is {@value ReviewRequest#TIER_EXECUTE_WITHIN_ENVELOPE} and the
 * risk LOW, else {@code NEEDS_HUMAN}.
 *
 * <p>The study of the base state (without the proposal) depends only on the live snapshot and what else is applied; the
 * last one is kept and reused while those do not change. When it must be studied anew, it is studied side by side with
 * the state with the proposal (two of the grid's study slots, {@link StudyGrid#STUDY_SLOTS}, on a thread of the review's
 * own), so that a review on a new snapshot takes about one study's time where two cores are free.
 */
public final class ProposalReview {

    private static final Logger LOG = LoggerFactory.getLogger(ProposalReview.class);
    private static final int MAX_VIOLATIONS_NAMED = 5;

    private final StudyGrid grid;
    private final PolicyRules rules;
    private final ReviewSettings settings;
    private volatile BaseStudy lastBase;
    /** Studies the base state while the calling thread studies the change (daemon threads: nothing to shut down). */
    private final java.util.concurrent.ExecutorService sideStudies = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "review-side-study");
        t.setDaemon(true);
        return t;
    });

    private record BaseKey(Map<AssetId, Double> live, Map<AssetId, Double> applied) {
    }

    private record BaseStudy(BaseKey key, StudyResult result) {
    }

    private record Outcome(boolean passed, String detail) {
    }

    public ProposalReview(StudyGrid grid, PolicyRules rules, ReviewSettings settings) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The grid studied. */
    public StudyGrid grid() {
        return grid;
    }

    /** The policy rules. */
    public PolicyRules rules() {
        return rules;
    }

    /** The settings. */
    public ReviewSettings settings() {
        return settings;
    }

    /**
     * Studies the base state — the live snapshot with the other pending and active proposals and the overrides applied,
     * without any new proposal — ahead of reviews and keeps it, so that a review on the same snapshot and the same
     * others runs one AC power flow and N-1 instead of two. A gateway may call it whenever it takes a new snapshot.
     */
    public StudyResult prepareBase(LiveSnapshot live, List<OtherProposal> others, List<OperatorOverride> overrides) {
        return base(live, applied(others, overrides, true));
    }

    /** A state studied without and with a change (the study tool's answer). */
    public record Compared(StudyResult without, StudyResult with) {
    }

    /**
     * Studies the live state without and with setpoints, side by side (AC power flow and N-1 each); nothing is applied
     * but the setpoints, nothing is kept.
     */
    public Compared compare(LiveSnapshot live, Map<AssetId, Double> setpoints) {
        StudyResult[] both = both(() -> grid.study(new StudyRequest(live.activePowerMw(), Map.of(), Set.of(), true)),
                () -> grid.study(new StudyRequest(live.activePowerMw(), setpoints, Set.of(), true)));
        return new Compared(both[0], both[1]);
    }

    /** Reviews a proposal. Expected refusals are verdicts, not exceptions. */
    public ReviewReport review(ReviewRequest request) {
        long started = System.nanoTime();
        Proposal proposal = request.proposal();
        List<ReviewStep> steps = new ArrayList<>();
        String refusal = null;
        String rulesVersion = "";
        RiskLevel risk = RiskLevel.CRITICAL;
        double riskScore = Double.NaN;

        long t = System.nanoTime();
        Outcome limits = limits(request);
        refusal = record(steps, ReviewStep.LIMITS, limits, t, refusal);

        t = System.nanoTime();
        if (refusal == null) {
            PolicyVerdict verdict = rules.evaluate(policyInput(request));
            rulesVersion = verdict.rulesVersion();
            Outcome policy = verdict.allowed()
                    ? new Outcome(true, verdict.evaluated() + " rule evaluations held (" + verdict.rules() + " rules x "
                    + proposal.actions().size() + " actions, rules version " + verdict.rulesVersion() + ")")
                    : new Outcome(false, String.join("; ", verdict.refusals()) + " (rules version " + verdict.rulesVersion() + ")");
            refusal = record(steps, ReviewStep.POLICY, policy, t, refusal);
        } else {
            skip(steps, ReviewStep.POLICY);
        }

        StudyResult changed = null;
        t = System.nanoTime();
        if (refusal == null) {
            StudyOutcome study = study(request);
            changed = study.changed();
            refusal = record(steps, ReviewStep.STUDY, study.outcome(), t, refusal);
        } else {
            skip(steps, ReviewStep.STUDY);
        }

        t = System.nanoTime();
        if (refusal == null) {
            refusal = record(steps, ReviewStep.CONFLICTS, conflicts(request), t, refusal);
        } else {
            skip(steps, ReviewStep.CONFLICTS);
        }

        t = System.nanoTime();
        if (refusal == null) {
            RiskScoring.Score score = score(request, changed);
            risk = score.level();
            riskScore = score.score();
            record(steps, ReviewStep.RISK, new Outcome(true, score.explanation()), t, null);
        } else {
            skip(steps, ReviewStep.RISK);
        }

        if (rulesVersion.isEmpty()) {
            rulesVersion = rules.version();
        }
        ReviewVerdict verdict = refusal != null ? ReviewVerdict.REJECTED
                : ReviewRequest.TIER_EXECUTE_WITHIN_ENVELOPE.equals(request.agentTier()) && risk == RiskLevel.LOW
                ? ReviewVerdict.AUTO_APPROVE : ReviewVerdict.NEEDS_HUMAN;
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        LOG.debug("review=done proposal={} agent={} verdict={} risk={} durationMs={}", proposal.id(), proposal.agent(),
                verdict, risk, duration.toMillis());
        return new ReviewReport(proposal.id(), verdict, risk, riskScore, steps,
                refusal == null ? List.of() : List.of(refusal), rulesVersion, duration);
    }

    private static String record(List<ReviewStep> steps, String name, Outcome outcome, long startedNanos, String refusal) {
        steps.add(new ReviewStep(name, outcome.passed() ? ReviewStep.Status.PASSED : ReviewStep.Status.REFUSED,
                outcome.detail(), Duration.ofNanos(System.nanoTime() - startedNanos)));
        return outcome.passed() ? refusal : name + ": " + outcome.detail();
    }

    private static void skip(List<ReviewStep> steps, String name) {
        steps.add(new ReviewStep(name, ReviewStep.Status.SKIPPED, "not run: an earlier step refused the proposal",
                Duration.ZERO));
    }

    // ---- limits ----

    private Outcome limits(ReviewRequest request) {
        List<String> problems = new ArrayList<>();
        LiveSnapshot live = request.live();
        Instant now = request.now();
        Duration age = Duration.between(live.asOf(), now);
        boolean fresh = age.compareTo(settings.liveMaxAge()) <= 0;
        if (!fresh) {
            problems.add("the live snapshot is " + age + " old (as of " + live.asOf() + "), more than liveMaxAge "
                    + settings.liveMaxAge() + "; units are not moved blind: review again on fresh values");
        }
        SetpointEnvelope envelope = new SetpointEnvelope(grid.envelopeGrid(),
                (asset, at) -> fresh ? live.activePower(AssetId.of(asset)).map(mw -> new SetpointEnvelope.Reading(mw, live.asOf()))
                        : Optional.empty(),
                settings.toleranceMw(), "the review's grid (the batteries placed in StudyGrid.of)", "liveMaxAge " + settings.liveMaxAge());
        Set<AssetId> seen = new HashSet<>();
        List<String> checked = new ArrayList<>();
        for (ProposedAction action : request.proposal().actions()) {
            AssetId asset = action.asset();
            if (!seen.add(asset)) {
                problems.add(asset + " appears twice; give one action per asset");
                continue;
            }
            if (action.kind() != MeasurementKind.ACTIVE_POWER) {
                problems.add(asset + ": kind " + action.kind() + " is not what setpoints control; ask for ACTIVE_POWER in MW");
                continue;
            }
            if (action.validFor().compareTo(settings.maxValidFor()) > 0) {
                problems.add(asset + ": validFor " + action.validFor() + " is longer than the maximum " + settings.maxValidFor());
            }
            Optional<BatteryPlacement> battery = grid.battery(asset);
            if (grid.controls(asset) && live.activePower(asset).isEmpty()) {
                problems.add(asset + ": no live ACTIVE_POWER in the snapshot; its change cannot be judged, so it is not moved blind");
                continue;
            }
            Optional<String> why = envelope.check(asset.value(), battery.isPresent() ? SetpointEnvelope.Kind.BATTERY
                    : SetpointEnvelope.Kind.GENERATOR, action.target(), now, settings.rampWindow());
            if (why.isEmpty() && battery.isPresent()) {
                why = energy(battery.get(), action, live);
            }
            if (why.isPresent()) {
                problems.add(asset + ": " + why.get());
            } else {
                double[] range = grid.activePowerRange(asset).orElseThrow();
                checked.add(fmt("%s %.3f MW in [%.3f, %.3f] MW from %.3f MW", asset, action.target(), range[0], range[1],
                        live.activePower(asset).orElseThrow()));
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(false, String.join("; ", problems));
        }
        return new Outcome(true, "within the units' limits, ramps (" + settings.rampWindow() + ") and validity (at most "
                + settings.maxValidFor() + "): " + String.join(", ", checked));
    }

    /**
     * Whether a battery holds the energy an action asks of it: discharging P MW for the action's validity needs P x hours
     * of the stored energy (state of charge x capacity), charging needs that much room; without a live state of charge
     * it is not judged blind.
     */
    private Optional<String> energy(BatteryPlacement b, ProposedAction action, LiveSnapshot live) {
        Optional<Double> soc = live.stateOfCharge(action.asset());
        if (soc.isEmpty()) {
            return Optional.of("no live STATE_OF_CHARGE in the snapshot; the battery's energy cannot be judged, so it"
                    + " is not moved blind");
        }
        double hours = action.validFor().toNanos() / 3.6e12;
        double neededMwh = Math.abs(action.target()) * hours;
        double storedMwh = soc.get() / 100 * b.capacityMwh();
        double availableMwh = action.target() >= 0 ? storedMwh : b.capacityMwh() - storedMwh;
        if (neededMwh > availableMwh + settings.toleranceMw() * hours) {
            return Optional.of(fmt("%s %.3f MW for %s needs %.3f MWh; the battery %s %.3f MWh (state of charge %.1f %%"
                    + " of %.3f MWh)", action.target() >= 0 ? "discharging" : "charging", Math.abs(action.target()),
                    action.validFor(), neededMwh, action.target() >= 0 ? "holds" : "has room for", availableMwh, soc.get(),
                    b.capacityMwh()));
        }
        return Optional.empty();
    }

    // ---- policy ----

    private PolicyInput policyInput(ReviewRequest request) {
        Proposal p = request.proposal();
        List<PolicyInput.Action> actions = new ArrayList<>();
        for (ProposedAction a : p.actions()) {
            double[] range = grid.activePowerRange(a.asset()).orElseThrow();
            actions.add(new PolicyInput.Action(a.asset().value(), a.kind().name(), a.target(),
                    request.live().activePower(a.asset()).orElseThrow(), a.validFor().toNanos() / 6e10, range[0], range[1]));
        }
        return new PolicyInput(p.id().toString(), p.agent().toString(), request.agentTier(), p.title(), p.rationale(),
                request.now(), request.budget().mwUsed(), request.budget().mwhUsed(), actions);
    }

    // ---- study ----

    private record StudyOutcome(Outcome outcome, StudyResult changed) {
    }

    private StudyOutcome study(ReviewRequest request) {
        Map<AssetId, Double> applied = applied(request, true);
        Map<AssetId, Double> withProposal = new HashMap<>(applied);
        request.proposal().actions().forEach(a -> withProposal.put(a.asset(), a.target()));
        StudyRequest changedRequest = new StudyRequest(request.live().activePowerMw(), withProposal, Set.of(), true);
        StudyResult base;
        StudyResult changed;
        Optional<StudyResult> cachedBase = cachedBase(request.live(), applied);
        if (cachedBase.isPresent()) {
            base = cachedBase.get();
            changed = grid.study(changedRequest);
        } else {
            StudyResult[] both = both(() -> base(request.live(), applied), () -> grid.study(changedRequest));
            base = both[0];
            changed = both[1];
        }
        if (!base.converged()) {
            return new StudyOutcome(new Outcome(false, "the AC power flow of the live state (with the pending and active"
                    + " proposals and overrides applied) does not converge (" + base.status() + "); no change can be judged on it"),
                    null);
        }
        if (!changed.converged()) {
            return new StudyOutcome(new Outcome(false, "the AC power flow with the proposal applied does not converge ("
                    + changed.status() + ")"), changed);
        }
        List<Violation> added = StudyResult.newViolations(base, changed, settings.violations());
        String appliedOthers = describeApplied(request);
        if (added.isEmpty()) {
            StudyResult.Worst worst = changed.worstLoading();
            String worstText = Double.isNaN(worst.loadingPct()) ? "no branch is rated"
                    : fmt("worst loading %.1f %% (%s%s)", worst.loadingPct(), worst.branch().orElseThrow(),
                    worst.outage().map(o -> " after outage of " + o).orElse(" without outage"));
            return new StudyOutcome(new Outcome(true, "AC power flow and N-1 over " + changed.contingencies().size()
                    + " branch outages" + appliedOthers + ": no new overload or voltage violation; " + worstText), changed);
        }
        StringBuilder detail = new StringBuilder();
        detail.append(added.size()).append(added.size() == 1 ? " new violation" : " new violations")
                .append(" with the proposal applied").append(appliedOthers).append(": ");
        detail.append(added.stream().limit(MAX_VIOLATIONS_NAMED).map(Violation::describe).collect(Collectors.joining("; ")));
        if (added.size() > MAX_VIOLATIONS_NAMED) {
            detail.append("; and ").append(added.size() - MAX_VIOLATIONS_NAMED).append(" more");
        }
        Map<AssetId, Double> alone = applied(request, false);
        if (!alone.equals(applied)) {
            Map<AssetId, Double> aloneWith = new HashMap<>(alone);
            request.proposal().actions().forEach(a -> aloneWith.put(a.asset(), a.target()));
            StudyResult[] aloneStudies = both(
                    () -> grid.study(new StudyRequest(request.live().activePowerMw(), alone, Set.of(), true)),
                    () -> grid.study(new StudyRequest(request.live().activePowerMw(), aloneWith, Set.of(), true)));
            StudyResult baseAlone = aloneStudies[0];
            StudyResult changedAlone = aloneStudies[1];
            if (baseAlone.converged() && changedAlone.converged()
                    && StudyResult.newViolations(baseAlone, changedAlone, settings.violations()).isEmpty()) {
                detail.append(". Safe alone, unsafe together: without the pending proposals ")
                        .append(pendingIds(request))
                        .append(" applied this proposal adds no violation; with them it does");
            }
        }
        return new StudyOutcome(new Outcome(false, detail.toString()), changed);
    }

    /** Runs two studies side by side: the first on a thread of the review's, the second on the calling thread. */
    private StudyResult[] both(java.util.function.Supplier<StudyResult> first, java.util.function.Supplier<StudyResult> second) {
        java.util.concurrent.Future<StudyResult> side = sideStudies.submit(first::get);
        StudyResult secondResult;
        try {
            secondResult = second.get();
        } catch (RuntimeException e) {
            side.cancel(false);
            throw e;
        }
        try {
            return new StudyResult[] {side.get(), secondResult};
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a study failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the base study", e);
        }
    }

    private Optional<StudyResult> cachedBase(LiveSnapshot live, Map<AssetId, Double> applied) {
        BaseStudy cached = lastBase;
        return cached != null && cached.key().equals(new BaseKey(live.activePowerMw(), Map.copyOf(applied)))
                ? Optional.of(cached.result()) : Optional.empty();
    }

    private StudyResult base(LiveSnapshot live, Map<AssetId, Double> applied) {
        Optional<StudyResult> cached = cachedBase(live, applied);
        if (cached.isPresent()) {
            return cached.get();
        }
        BaseKey key = new BaseKey(live.activePowerMw(), Map.copyOf(applied));
        StudyResult result = grid.study(new StudyRequest(live.activePowerMw(), applied, Set.of(), true));
        lastBase = new BaseStudy(key, result);
        return result;
    }

    /** Targets applied under the proposal: active proposals, overrides, and (when asked) pending proposals. */
    private Map<AssetId, Double> applied(ReviewRequest request, boolean withPending) {
        return applied(request.others(), request.overrides(), withPending);
    }

    private Map<AssetId, Double> applied(List<OtherProposal> others, List<OperatorOverride> overrides, boolean withPending) {
        Map<AssetId, Double> applied = new LinkedHashMap<>();
        for (OtherProposal other : others) {
            if (other.state() == OtherProposal.State.PENDING && !withPending) {
                continue;
            }
            for (ProposedAction a : other.actions()) {
                if (a.kind() == MeasurementKind.ACTIVE_POWER && grid.controls(a.asset())) {
                    applied.put(a.asset(), a.target());
                }
            }
        }
        for (OperatorOverride o : overrides) {
            if (grid.controls(o.asset())) {
                applied.put(o.asset(), o.targetMw());
            }
        }
        return applied;
    }

    private static String describeApplied(ReviewRequest request) {
        if (request.others().isEmpty() && request.overrides().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (!request.others().isEmpty()) {
            parts.add("proposals " + request.others().stream().map(o -> o.id() + " (" + o.state().name().toLowerCase(Locale.ROOT) + ")")
                    .collect(Collectors.joining(", ")));
        }
        if (!request.overrides().isEmpty()) {
            parts.add("overrides on " + request.overrides().stream().map(o -> o.asset().toString())
                    .collect(Collectors.joining(", ")));
        }
        return " (with " + String.join(" and ", parts) + " applied)";
    }

    private static String pendingIds(ReviewRequest request) {
        return request.others().stream().filter(o -> o.state() == OtherProposal.State.PENDING)
                .map(o -> o.id().toString()).collect(Collectors.joining(", ", "[", "]"));
    }

    // ---- conflicts ----

    private Outcome conflicts(ReviewRequest request) {
        List<String> problems = new ArrayList<>();
        Set<AssetId> assets = request.proposal().actions().stream().map(ProposedAction::asset).collect(Collectors.toSet());
        for (OtherProposal other : request.others()) {
            for (ProposedAction a : other.actions()) {
                if (assets.contains(a.asset())) {
                    problems.add(a.asset() + " is already the target of " + other.state().name().toLowerCase(Locale.ROOT)
                            + " proposal " + other.id() + fmt(" (%.3f MW)", a.target()));
                }
            }
        }
        for (OperatorOverride o : request.overrides()) {
            if (assets.contains(o.asset())) {
                problems.add(o.asset() + " is held by an operator override of " + o.by() + fmt(" at %.3f MW", o.targetMw())
                        + " until " + o.until());
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(false, String.join("; ", problems) + "; one change per asset at a time");
        }
        return new Outcome(true, "no other pending or active proposal (" + request.others().size()
                + ") and no operator override (" + request.overrides().size() + ") on its assets");
    }

    // ---- risk ----

    private RiskScoring.Score score(ReviewRequest request, StudyResult changed) {
        double moved = 0;
        double share = 0;
        for (ProposedAction a : request.proposal().actions()) {
            double delta = Math.abs(a.target() - request.live().activePower(a.asset()).orElseThrow());
            moved += delta;
            // the share of the unit's range moved: of PMAX for a generator, of its power for a battery
            double pmax = grid.activePowerRange(a.asset()).orElseThrow()[1];
            share = Math.max(share, pmax > 0 ? delta / pmax : 1);
        }
        double worst = changed == null ? Double.NaN : changed.worstLoading().loadingPct();
        return RiskScoring.score(moved, share, worst, settings.violations().overloadPct(), request.proposal().risk(),
                settings.risk());
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
