package io.gridai.gateway.review.study;

import io.gridai.model.id.AssetId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A solved study: the state without outage (N) — flows, voltages — and, when N-1 was asked, every outage's loadings
 * and voltages; the violations under given tolerances; and which violations are new compared with a base study
 * ({@link #newViolations}). When {@link #converged()} is false, nothing else is meaningful: flows, voltages and
 * violations are empty. After an outage only loadings from {@link StudyOptions#reportLoadingPct()} up, and voltages out
 * of [VMIN, VMAX], are known (OpenLoadFlow reports them as limit violations).
 */
public final class StudyResult {

    /** The case's branches and buses, with their ratings and voltage limits (shared by the studies of one grid). */
    record Index(List<AssetId> branches, double[] ratingMva, List<AssetId> buses, double[] vminPu, double[] vmaxPu,
                 double reportLoadingPct) {
    }

    /**
     * One solved state: loadings (% of rating) and voltages (p.u.). Without outage every one (NaN: unrated, out, not
     * energised); after an outage only loadings from the report threshold up and voltages out of [VMIN, VMAX] (NaN: not
     * reported, i.e. below the threshold or within limits).
     */
    record State(boolean converged, String status, double[] loadingPct, double[] vPu) {
    }

    private final String caseName;
    private final Index index;
    private final State n;
    private final Map<AssetId, State> outages;
    private final List<BranchFlow> flows;
    private final List<BusVoltage> voltages;
    private final Set<AssetId> ignoredAssets;
    private final Duration duration;

    StudyResult(String caseName, Index index, State n, Map<AssetId, State> outages, List<BranchFlow> flows,
                List<BusVoltage> voltages, Set<AssetId> ignoredAssets, Duration duration) {
        this.caseName = caseName;
        this.index = index;
        this.n = n;
        this.outages = Collections.unmodifiableMap(new LinkedHashMap<>(outages));
        this.flows = List.copyOf(flows);
        this.voltages = List.copyOf(voltages);
        this.ignoredAssets = Set.copyOf(ignoredAssets);
        this.duration = duration;
    }

    /** The case studied. */
    public String caseName() {
        return caseName;
    }

    /** Whether the AC power flow without outage converged. */
    public boolean converged() {
        return n.converged();
    }

    /** OpenLoadFlow's status of the AC power flow without outage. */
    public String status() {
        return n.status();
    }

    /** In-service branches' flows without outage. */
    public List<BranchFlow> flows() {
        return flows;
    }

    /** Energised buses' voltages without outage. */
    public List<BusVoltage> voltages() {
        return voltages;
    }

    /** Assets of the request the study could not apply (e.g. a live value of a load the case does not have). */
    public Set<AssetId> ignoredAssets() {
        return ignoredAssets;
    }

    /** How long the study took. */
    public Duration duration() {
        return duration;
    }

    /**
     * The N-1 outages solved (empty when N-1 was not asked), in order; an outage's worst loading is known only from the
     * report threshold up ({@code NaN} below).
     */
    public List<ContingencyOutcome> contingencies() {
        List<ContingencyOutcome> out = new ArrayList<>(outages.size());
        outages.forEach((outage, state) -> {
            int worst = state.converged() ? argMax(state.loadingPct()) : -1;
            out.add(new ContingencyOutcome(outage, state.converged(), state.status(),
                    worst < 0 ? Double.NaN : state.loadingPct()[worst],
                    worst < 0 ? Optional.empty() : Optional.of(index.branches().get(worst))));
        });
        return out;
    }

    /**
     * The highest loading of a rated branch over the state without outage and every converged outage, %, with the
     * branch and the outage (empty for N); {@code NaN} when no branch is rated. Loadings after outages count from the
     * report threshold up: below it, the state without outage's worst is returned.
     */
    public Worst worstLoading() {
        Worst worst = new Worst(Double.NaN, Optional.empty(), Optional.empty());
        if (!n.converged()) {
            return worst;
        }
        int i = argMax(n.loadingPct());
        if (i >= 0) {
            worst = new Worst(n.loadingPct()[i], Optional.of(index.branches().get(i)), Optional.empty());
        }
        for (var e : outages.entrySet()) {
            if (!e.getValue().converged()) {
                continue;
            }
            int j = argMax(e.getValue().loadingPct());
            if (j >= 0 && !(e.getValue().loadingPct()[j] <= worst.loadingPct())) {
                worst = new Worst(e.getValue().loadingPct()[j], Optional.of(index.branches().get(j)), Optional.of(e.getKey()));
            }
        }
        return worst;
    }

    /** The highest loading and where. */
    public record Worst(double loadingPct, Optional<AssetId> branch, Optional<AssetId> outage) {
    }

    /** Every violation of the state without outage and of the N-1 outages, under {@code tolerances}. */
    public List<Violation> violations(ViolationTolerances tolerances) {
        List<Violation> out = new ArrayList<>();
        if (!n.converged()) {
            return out;
        }
        addViolations(out, Optional.empty(), n, tolerances);
        outages.forEach((outage, state) -> addViolations(out, Optional.of(outage), state, tolerances));
        return out;
    }

    /**
     * The violations of {@code changed} that {@code base} (the same grid without the change) does not have: a branch
     * overloaded after an outage (or without) that was not overloaded after the same outage in the base, or is loaded
     * more than {@link ViolationTolerances#loadingWorsenPct()} points higher; a bus out of its limits likewise; an outage
     * after which the power flow no longer converges. Each carries the base's value. Both must have converged.
     *
     * @throws IllegalArgumentException when either did not converge without outage
     */
    public static List<Violation> newViolations(StudyResult base, StudyResult changed, ViolationTolerances tolerances) {
        if (tolerances.overloadPct() < changed.index.reportLoadingPct()) {
            throw new IllegalArgumentException("the overload threshold " + tolerances.overloadPct() + " % is below the "
                    + "loadings the study reports after outages (from " + changed.index.reportLoadingPct()
                    + " %); lower StudyOptions.reportLoadingPct");
        }
        if (!base.converged() || !changed.converged()) {
            throw new IllegalArgumentException("new violations need two converged studies; base " + base.status()
                    + ", changed " + changed.status());
        }
        List<Violation> out = new ArrayList<>();
        for (Violation v : changed.violations(tolerances)) {
            State b = v.outage().map(base.outages::get).orElse(base.n);
            if (v.type() == Violation.Type.NOT_CONVERGED) {
                if (b == null || b.converged()) {
                    out.add(v);
                }
                continue;
            }
            if (b == null || !b.converged()) {
                out.add(v);
                continue;
            }
            switch (v.type()) {
                case OVERLOAD -> {
                    double was = b.loadingPct()[base.index.branches().indexOf(v.element())];
                    if (!(was > tolerances.overloadPct()) || v.value() - was > tolerances.loadingWorsenPct()) {
                        out.add(v.withBaseValue(Double.isNaN(was) && v.outage().isPresent()
                                ? -base.index.reportLoadingPct() : was));
                    }
                }
                case UNDER_VOLTAGE -> {
                    double was = b.vPu()[base.index.buses().indexOf(v.element())];
                    if (!(was < v.limit() - tolerances.voltageMarginPu()) || was - v.value() > tolerances.voltageWorsenPu()) {
                        out.add(v.withBaseValue(was));
                    }
                }
                case OVER_VOLTAGE -> {
                    double was = b.vPu()[base.index.buses().indexOf(v.element())];
                    if (!(was > v.limit() + tolerances.voltageMarginPu()) || v.value() - was > tolerances.voltageWorsenPu()) {
                        out.add(v.withBaseValue(was));
                    }
                }
                default -> throw new IllegalStateException("unhandled " + v.type());
            }
        }
        return out;
    }

    private void addViolations(List<Violation> out, Optional<AssetId> outage, State state, ViolationTolerances tol) {
        if (!state.converged()) {
            out.add(new Violation(Violation.Type.NOT_CONVERGED, outage, outage.orElseThrow(), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN));
            return;
        }
        double[] loading = state.loadingPct();
        for (int i = 0; i < loading.length; i++) {
            if (loading[i] > tol.overloadPct()) {
                out.add(new Violation(Violation.Type.OVERLOAD, outage, index.branches().get(i), loading[i], tol.overloadPct(),
                        Double.NaN, index.ratingMva()[i]));
            }
        }
        double[] v = state.vPu();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < index.vminPu()[i] - tol.voltageMarginPu()) {
                out.add(new Violation(Violation.Type.UNDER_VOLTAGE, outage, index.buses().get(i), v[i], index.vminPu()[i],
                        Double.NaN, Double.NaN));
            } else if (v[i] > index.vmaxPu()[i] + tol.voltageMarginPu()) {
                out.add(new Violation(Violation.Type.OVER_VOLTAGE, outage, index.buses().get(i), v[i], index.vmaxPu()[i],
                        Double.NaN, Double.NaN));
            }
        }
    }

    private static int argMax(double[] values) {
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && (best < 0 || values[i] > values[best])) {
                best = i;
            }
        }
        return best;
    }
}
