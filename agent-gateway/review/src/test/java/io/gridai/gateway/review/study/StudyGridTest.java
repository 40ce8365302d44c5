package io.gridai.gateway.review.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridai.gateway.review.ReviewFixtures;
import io.gridai.model.id.AssetId;
import io.gridai.network.AcPowerFlow;
import io.gridai.network.AcPowerFlowResult;
import io.gridai.network.MatpowerCase;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Studies with the real OpenLoadFlow security analysis on case9_review (test resources). */
class StudyGridTest {

    /** MW: the study's power flow and grid-network's MATPOWER-like one solve to 1e-3 MW; flows agree to this. */
    private static final double DELTA_POWER = 0.05;

    private final MatpowerCase case9 = ReviewFixtures.case9();
    private final StudyGrid grid = StudyGrid.of(case9);
    private final Map<AssetId, Double> live = ReviewFixtures.liveOf(case9, ReviewFixtures.NOW).activePowerMw();

    @Test
    void theLiveStateSolvesAsGridNetworksAcPowerFlowWithEveryBranchAndBus() {
        StudyResult result = grid.study(new StudyRequest(live, Map.of(), Set.of(), false));
        AcPowerFlowResult reference = AcPowerFlow.solve(case9);

        assertThat(result.converged()).isTrue();
        assertThat(result.flows()).hasSize(9);
        assertThat(result.voltages()).hasSize(9);
        assertThat(result.contingencies()).isEmpty();
        for (int i = 0; i < 9; i++) {
            assertThat(result.flows().get(i).branch()).isEqualTo(grid.branches().get(i));
            assertThat(result.flows().get(i).pFromMw()).isCloseTo(reference.branches().get(i).pFromMw(), within(DELTA_POWER));
        }
        assertThat(result.ignoredAssets()).isEmpty();
    }

    @Test
    void nMinusOneSolvesOneOutagePerInServiceBranch() {
        StudyResult result = grid.study(StudyRequest.live(live));

        assertThat(result.contingencies()).hasSize(9);
        assertThat(result.contingencies()).extracting(ContingencyOutcome::outage)
                .containsExactlyElementsOf(grid.branches());
        // the meshed part (4-5-6-7-8-9) survives any single ring outage
        assertThat(result.contingencies().stream().filter(c -> c.outage().value().equals("branch-5-6")))
                .singleElement().satisfies(c -> assertThat(c.converged()).isTrue());
    }

    @Test
    void studiesRunAtOnceGiveWhatTheyGiveOneAtATime() throws Exception {
        // more studies than slots, from more threads than slots: each must see only its own change
        java.util.List<StudyRequest> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            requests.add(new StudyRequest(live, Map.of(AssetId.of("gen-3-1"), 40.0 + 10 * i),
                    i % 3 == 0 ? Set.of(AssetId.of("branch-8-9")) : Set.of(), true));
        }
        java.util.List<StudyResult> alone = requests.stream().map(grid::study).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<StudyResult>> together = new java.util.ArrayList<>();
            for (StudyRequest r : requests) {
                together.add(pool.submit(() -> grid.study(r)));
            }
            for (int i = 0; i < requests.size(); i++) {
                StudyResult a = alone.get(i);
                StudyResult t = together.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(t.converged()).isEqualTo(a.converged());
                assertThat(t.contingencies()).hasSameSizeAs(a.contingencies());
                for (int b = 0; b < a.flows().size(); b++) {
                    assertThat(t.flows().get(b).pFromMw()).as("study %d, branch %d", i, b)
                            .isCloseTo(a.flows().get(b).pFromMw(), within(1e-9));
                }
                assertThat(t.worstLoading()).isEqualTo(a.worstLoading());
            }
        } finally {
            pool.shutdownNow();
        }
        // and the case's own state is untouched
        assertThat(grid.study(new StudyRequest(live, Map.of(), Set.of(), false)).flows().get(0).pFromMw())
                .isCloseTo(AcPowerFlow.solve(case9).branches().get(0).pFromMw(), within(DELTA_POWER));
    }

    @Test
    void aSetpointMovesTheUnitAndTheSlackTakesTheDifference() {
        StudyResult before = grid.study(new StudyRequest(live, Map.of(), Set.of(), false));
        StudyResult after = grid.study(new StudyRequest(live, Map.of(AssetId.of("gen-3-1"), 125.0), Set.of(), false));

        double slackBefore = flow(before, "branch-1-4");
        double slackAfter = flow(after, "branch-1-4");
        assertThat(flow(after, "branch-3-6") - flow(before, "branch-3-6")).isCloseTo(40.0, within(DELTA_POWER));
        assertThat(slackBefore - slackAfter).isCloseTo(40.0, within(2.0)); // less the change of losses
    }

    @Test
    void aBranchOutageTakesItOutOfTheFlowsAndOfTheContingencies() {
        StudyResult result = grid.study(new StudyRequest(live, Map.of(), Set.of(AssetId.of("branch-5-6")), true));

        assertThat(result.converged()).isTrue();
        assertThat(result.flows()).extracting(BranchFlow::branch).doesNotContain(AssetId.of("branch-5-6")).hasSize(8);
        assertThat(result.contingencies()).hasSize(8);
    }

    @Test
    void studiesLeaveNothingBehind() {
        StudyResult first = grid.study(StudyRequest.live(live));
        grid.study(new StudyRequest(live, Map.of(AssetId.of("gen-3-1"), 200.0), Set.of(AssetId.of("branch-6-7")), true));
        StudyResult again = grid.study(StudyRequest.live(live));

        for (int i = 0; i < first.flows().size(); i++) {
            assertThat(again.flows().get(i).pFromMw()).isCloseTo(first.flows().get(i).pFromMw(), within(1e-6));
        }
        assertThat(StudyResult.newViolations(first, again, ViolationTolerances.defaults())).isEmpty();
    }

    @Test
    void liveLoadValuesAreDemandsInTheGeneratorConvention() {
        Map<AssetId, Double> heavier = new java.util.HashMap<>(live);
        heavier.put(AssetId.of("load-5"), -120.0); // 30 MW more consumed at bus 5
        heavier.put(AssetId.of("load-4"), -10.0); // bus 4 has no load in the case: not applied, reported

        StudyResult base = grid.study(new StudyRequest(live, Map.of(), Set.of(), false));
        StudyResult result = grid.study(new StudyRequest(heavier, Map.of(), Set.of(), false));

        assertThat(flow(result, "branch-1-4") - flow(base, "branch-1-4")).isCloseTo(30.0, within(2.0));
        assertThat(result.ignoredAssets()).containsExactly(AssetId.of("load-4"));
    }

    @Test
    void aSetpointOfANonGeneratorOrAnOutageOfANonBranchIsRefused() {
        assertThatThrownBy(() -> grid.study(new StudyRequest(live, Map.of(AssetId.of("load-5"), 10.0), Set.of(), false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("load-5 is not a generator");
        assertThatThrownBy(() -> grid.study(new StudyRequest(live, Map.of(), Set.of(AssetId.of("gen-2-1")), false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gen-2-1 is not a branch");
        assertThatThrownBy(() -> new StudyRequest(live, Map.of(AssetId.of("gen-2-1"), Double.NaN), Set.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    @Test
    void ratingsReplaceRateAAndNameUnknownBranches() {
        StudyGrid rated = StudyGrid.of(case9, grid.generators(), Map.of(AssetId.of("branch-8-9"), 10.0), StudyOptions.defaults());

        StudyResult result = rated.study(new StudyRequest(live, Map.of(), Set.of(), false));

        assertThat(result.violations(ViolationTolerances.defaults())).anySatisfy(v -> {
            assertThat(v.type()).isEqualTo(Violation.Type.OVERLOAD);
            assertThat(v.element()).isEqualTo(AssetId.of("branch-8-9"));
            assertThat(v.outage()).isEmpty();
            assertThat(v.describe()).contains("branch-8-9 loaded", "of its 10.0 MVA rating", "without outage");
        });
        assertThatThrownBy(() -> StudyGrid.of(case9, grid.generators(), Map.of(AssetId.of("branch-1-9"), 10.0),
                StudyOptions.defaults())).hasMessageContaining("branch-1-9");
    }

    private static double flow(StudyResult result, String branch) {
        return result.flows().stream().filter(f -> f.branch().value().equals(branch)).findFirst().orElseThrow().pFromMw();
    }
}
