package io.gridai.gateway.review;

import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.CaseGenerators;
import io.gridai.network.GeneratorNamesFile;
import io.gridai.network.GridAssetNames;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.gateway.review.study.StudyGrid;
import io.gridai.gateway.review.study.StudyOptions;
import io.gridai.gateway.review.study.StudyRequest;
import io.gridai.gateway.review.study.StudyResult;
import io.gridai.gateway.review.study.Violation;
import io.gridai.gateway.review.study.ViolationTolerances;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Cases, live snapshots, proposals and rules files for the review's tests. */
public final class ReviewFixtures {

    /** The review time of the tests: a Wednesday at 12:00 UTC. */
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final String PROPERTY = "gridai.shared.data";
    private static final String ENVIRONMENT = "GRIDAI_SHARED_DATA";

    private ReviewFixtures() {
    }

    /**
     * MATPOWER's case9 with tightened ratings ({@code src/test/resources/grid/case9_review.m}):
     * <pre>
     *  gen-3-1  3 --- 6 --- 5 (90 MW) --- 4 --- 1  gen-1-1 (slack)
     *                |                    |
     *                7 (100 MW)           9 (125 MW)
     *                |                    |
     *                8 -------------------+
     *                |
     *  gen-2-1  2 ---+
     * </pre>
     */
    public static MatpowerCase case9() {
        try (InputStream in = ReviewFixtures.class.getResourceAsStream("/grid/case9_review.m")) {
            return MatpowerCaseReader.read("case9_review", new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared data directory ({@code -Dgridai.shared.data}, {@code GRIDAI_SHARED_DATA}, else {@code ../shared/data} beside the project). */
    public static Path sharedData() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // basedir is agent-gateway/review under Maven; the project root is two levels up
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        return module.resolve("../../../shared/data").normalize();
    }

    /** A case of the shared data, skipping the calling test with a message when it is absent. */
    public static MatpowerCase sharedCase(String name) {
        Path file = sharedData().resolve("grid-cases/matpower").resolve(name + ".m");
        Assumptions.assumeTrue(Files.isRegularFile(file), () -> "shared reference data absent: " + file
                + " not found (set -D" + PROPERTY + "=DIR or " + ENVIRONMENT + " to the shared data directory)");
        return MatpowerCaseReader.read(file);
    }

    /** The case's own operating point as a live snapshot: generators at PG, loads at -PD (generator convention). */
    public static LiveSnapshot liveOf(MatpowerCase matpowerCase, Instant asOf) {
        Map<AssetId, Double> values = new HashMap<>();
        for (CaseGenerators.CaseGenerator g : CaseGenerators.of(matpowerCase, GeneratorNamesFile.none(),
                StudyGrid.DEFAULT_RAMP_PER_MINUTE)) {
            values.put(g.asset(), matpowerCase.generators().get(g.row()).pgMw());
        }
        for (MatpowerBus bus : matpowerCase.buses()) {
            if (bus.pdMw() != 0) {
                values.put(GridAssetNames.load(bus.number()), -bus.pdMw());
            }
        }
        return new LiveSnapshot(asOf, values);
    }

    /** An ACTIVE_POWER action held 15 minutes. */
    public static ProposedAction action(String asset, double targetMw) {
        return new ProposedAction(AssetId.of(asset), MeasurementKind.ACTIVE_POWER, targetMw, Duration.ofMinutes(15));
    }

    /** A proposal of agent {@code agent}, claimed LOW risk. */
    public static Proposal proposal(String agent, ProposedAction... actions) {
        return proposal(agent, "rebalance", "relieve the north corridor", actions);
    }

    /** A proposal with a given title and rationale. */
    public static Proposal proposal(String agent, String title, String rationale, ProposedAction... actions) {
        return new Proposal(ProposalId.random(), AgentId.of(agent), NOW, title, rationale, List.of(actions), RiskLevel.LOW);
    }

    /** A request at {@link #NOW} with nothing else pending and no budget used. */
    public static ReviewRequest request(Proposal proposal, String tier, LiveSnapshot live) {
        return new ReviewRequest(proposal, tier, live, List.of(), List.of(), AgentBudget.unused(), NOW);
    }

    /**
     * Ratings for a case without (IEEE 118 has RATE_A 0): each branch at {@code factor} x its worst apparent power over
     * N and N-1 at the case's own operating point, at least {@code floorMva}.
     */
    public static Map<AssetId, Double> ratedAtWorstNMinusOne(MatpowerCase matpowerCase, double factor, double floorMva) {
        Map<AssetId, Double> unit = new HashMap<>();
        GridAssetNames.branches(matpowerCase).forEach(b -> unit.put(b, 1.0));
        StudyGrid probe = StudyGrid.of(matpowerCase, CaseGenerators.of(matpowerCase, GeneratorNamesFile.none(),
                StudyGrid.DEFAULT_RAMP_PER_MINUTE), unit, StudyOptions.defaults());
        StudyResult result = probe.study(StudyRequest.live(liveOf(matpowerCase, NOW).activePowerMw()));
        Map<AssetId, Double> worstMva = new HashMap<>();
        // rated 1 MVA, a loading of x % is x / 100 MVA
        result.flows().forEach(f -> worstMva.merge(f.branch(), f.loadingPct() / 100, Math::max));
        for (Violation v : result.violations(new ViolationTolerances(1e-9, 0, 10, 0))) {
            if (v.type() == Violation.Type.OVERLOAD) {
                worstMva.merge(v.element(), v.value() / 100, Math::max);
            }
        }
        Map<AssetId, Double> ratings = new HashMap<>();
        worstMva.forEach((branch, mva) -> ratings.put(branch, Math.max(floorMva, Math.ceil(factor * mva))));
        return ratings;
    }

    /** Writes a rules file. */
    public static Path writeRules(Path file, String yaml) {
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rules file whose single rule always holds. */
    public static String permissiveRules() {
        return """
                rules:
                  - name: anything-goes
                    description: every proposal passes policy (tests of other steps)
                    expression: 'true'
                """;
    }
}
