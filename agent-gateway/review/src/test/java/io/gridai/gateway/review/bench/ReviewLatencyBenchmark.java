package io.gridai.gateway.review.bench;

import io.gridai.gateway.review.AgentBudget;
import io.gridai.gateway.review.LiveSnapshot;
import io.gridai.gateway.review.ProposalReview;
import io.gridai.gateway.review.ReviewFixtures;
import io.gridai.gateway.review.ReviewReport;
import io.gridai.gateway.review.ReviewRequest;
import io.gridai.gateway.review.ReviewSettings;
import io.gridai.gateway.review.ReviewStep;
import io.gridai.gateway.review.policy.PolicyRules;
import io.gridai.gateway.review.study.StudyGrid;
import io.gridai.gateway.review.study.StudyOptions;
import io.gridai.model.Proposal;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.network.CaseGenerators;
import io.gridai.network.GeneratorNamesFile;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Review latency on IEEE 118 (issue 10's acceptance: schema + CEL + AC PF + N-1, p99 &le; 250 ms): after
 * {@code gridai.bench.warmup} reviews, times {@code gridai.bench.reviews} reviews of one-unit proposals (a random
 * non-slack, unprotected generator moved by up to min(30 MW, 25 % of PMAX) within its limits, so that the example
 * policy and the ramp let it through to the study) in two regimes — a fresh live snapshot for every review
 * (the base study without the proposal cannot be reused: two N-1 studies per review) and one snapshot for all (the
 * base is reused: one N-1 study per review) — and prints p50, p99 and max per step and in total.
 *
 * <p>Branch ratings: IEEE 118 has none (RATE_A 0); each branch is rated at 115 % of its worst N-1 apparent power in the
 * case's own operating point (at least 20 MVA), so that overload checks bite. Run:
 * {@code ./mvnw -B -ntp -pl agent-gateway/review -am -Pbenchmark verify -DskipTests}
 * ({@code -Dgridai.bench.threads=N} for OpenLoadFlow's N-1 threads, {@code -Dgridai.bench.tolerance-mw=X} for the
 * Newton-Raphson tolerance).
 */
public final class ReviewLatencyBenchmark {

    private static final List<String> STEPS = List.of(ReviewStep.LIMITS, ReviewStep.POLICY, ReviewStep.STUDY,
            ReviewStep.CONFLICTS, ReviewStep.RISK);

    private ReviewLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reviews = Integer.getInteger("gridai.bench.reviews", 200);
        int warmup = Integer.getInteger("gridai.bench.warmup", 50);
        int threads = Integer.getInteger("gridai.bench.threads", 1);
        double toleranceMw = Double.parseDouble(System.getProperty("gridai.bench.tolerance-mw",
                String.valueOf(StudyOptions.TOLERANCE_MW_DEFAULT)));
        Path file = ReviewFixtures.sharedData().resolve("grid-cases/matpower/case118.m");
        if (!Files.isRegularFile(file)) {
            System.out.println("review-benchmark=skipped reason=\"shared reference data absent: " + file
                    + " not found (set -Dgridai.shared.data=DIR)\"");
            return;
        }
        MatpowerCase case118 = MatpowerCaseReader.read(file);
        List<CaseGenerators.CaseGenerator> generators = CaseGenerators.of(case118, GeneratorNamesFile.none(),
                StudyGrid.DEFAULT_RAMP_PER_MINUTE);
        long t0 = System.nanoTime();
        Map<AssetId, Double> ratings = ReviewFixtures.ratedAtWorstNMinusOne(case118, 1.15, 20.0);
        StudyGrid grid = StudyGrid.of(case118, generators, ratings, new StudyOptions(threads, toleranceMw,
                StudyOptions.MAX_ITERATIONS_DEFAULT, StudyOptions.REPORT_LOADING_PCT_DEFAULT));
        System.out.printf(Locale.ROOT, "review-benchmark case=%s buses=%d branches=%d generators=%d threads=%d toleranceMw=%s setupMs=%.0f%n",
                case118.name(), case118.buses().size(), case118.branches().size(), generators.size(), threads, toleranceMw,
                (System.nanoTime() - t0) / 1e6);
        Path rulesFile = Files.createTempFile("review-policy", ".yaml");
        Files.copy(ReviewLatencyBenchmark.class.getResourceAsStream("/review-policy.yaml"), rulesFile,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        PolicyRules rules = PolicyRules.load(rulesFile);
        ProposalReview review = new ProposalReview(grid, rules, ReviewSettings.defaults());
        LiveSnapshot base = ReviewFixtures.liveOf(case118, ReviewFixtures.NOW);
        List<String> protectedUnits = List.of("gen-69-1", "gen-89-1");
        List<CaseGenerators.CaseGenerator> movable = generators.stream()
                .filter(g -> !g.slack() && g.pmaxMw() > 0 && !protectedUnits.contains(g.asset().value())).toList();

        run("fresh-snapshot", review, base, movable, warmup, reviews, true);
        run("same-snapshot", review, base, movable, warmup, reviews, false);
        Files.deleteIfExists(rulesFile);
    }

    private static void run(String regime, ProposalReview review, LiveSnapshot base, List<CaseGenerators.CaseGenerator> movable,
                            int warmup, int reviews, boolean freshSnapshot) {
        Random random = new Random(118);
        Map<String, double[]> perStep = new LinkedHashMap<>();
        STEPS.forEach(s -> perStep.put(s, new double[reviews]));
        double[] total = new double[reviews];
        Map<String, Integer> verdicts = new HashMap<>();
        Map<String, Integer> refusedAt = new HashMap<>();
        for (int i = -warmup; i < reviews; i++) {
            LiveSnapshot live = freshSnapshot ? jitter(base, random) : base;
            CaseGenerators.CaseGenerator unit = movable.get(random.nextInt(movable.size()));
            double from = live.activePower(unit.asset()).orElseThrow();
            // within the example policy (50 MW, half the rating) and the ramp reach (30 % of PMAX in 15 minutes)
            double reach = Math.min(30, 0.25 * unit.pmaxMw());
            double to = Math.max(unit.pminMw(), Math.min(unit.pmaxMw(), from + (random.nextDouble() * 2 - 1) * reach));
            Proposal proposal = new Proposal(ProposalId.random(), AgentId.of("bench-agent"), ReviewFixtures.NOW, "bench",
                    "latency benchmark", List.of(ReviewFixtures.action(unit.asset().value(), to)), RiskLevel.LOW);
            ReviewRequest request = new ReviewRequest(proposal, ReviewRequest.TIER_EXECUTE_WITHIN_ENVELOPE, live, List.of(),
                    List.of(), AgentBudget.unused(), ReviewFixtures.NOW);
            long started = System.nanoTime();
            ReviewReport report = review.review(request);
            double ms = (System.nanoTime() - started) / 1e6;
            if (i < 0) {
                continue;
            }
            total[i] = ms;
            for (ReviewStep step : report.steps()) {
                perStep.get(step.name())[i] = step.duration().toNanos() / 1e6;
            }
            verdicts.merge(report.verdict().name(), 1, Integer::sum);
            report.steps().stream().filter(s -> s.status() == ReviewStep.Status.REFUSED).findFirst()
                    .ifPresent(s -> refusedAt.merge(s.name(), 1, Integer::sum));
        }
        System.out.printf(Locale.ROOT, "review-benchmark regime=%s reviews=%d warmup=%d verdicts=%s refusedAt=%s%n", regime,
                reviews, warmup, verdicts, refusedAt);
        perStep.forEach((name, values) -> print(regime, name, values));
        print(regime, "total", total);
    }

    private static void print(String regime, String name, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "review-benchmark regime=%s step=%s p50Ms=%.2f p99Ms=%.2f maxMs=%.2f%n", regime, name,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** Loads moved by up to +-2 %, generators kept: a new snapshot, so the base study cannot be reused. */
    private static LiveSnapshot jitter(LiveSnapshot base, Random random) {
        Map<AssetId, Double> values = new HashMap<>(base.activePowerMw());
        values.replaceAll((asset, mw) -> asset.value().startsWith("load-") ? mw * (1 + (random.nextDouble() - 0.5) * 0.04) : mw);
        return new LiveSnapshot(base.asOf(), values);
    }
}
