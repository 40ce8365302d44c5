package io.gridai.gateway.review;

import static io.gridai.gateway.review.ReviewFixtures.action;
import static io.gridai.gateway.review.ReviewFixtures.proposal;
import static io.gridai.gateway.review.ReviewFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.gateway.review.policy.PolicyRules;
import io.gridai.gateway.review.study.StudyGrid;
import io.gridai.gateway.review.study.StudyOptions;
import io.gridai.network.CaseGenerators;
import io.gridai.network.GeneratorNamesFile;
import io.gridai.network.MatpowerCase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review on IEEE 118 of the shared data (skipped, saying where it looked, when absent), its branches rated at 115 %
 * of their worst N-1 apparent power at the case's operating point (the case has no ratings). Gen-10-1 (bus 10, 450 of
 * 550 MW) feeds the grid through branch 9-10 alone.
 */
class Ieee118ReviewTest {

    /** Built once for the class (the ratings take an N-1 study); each test skips with a message when the case is absent. */
    @TempDir
    static Path dir;
    private static ProposalReview review;
    private static LiveSnapshot live;

    @BeforeEach
    void grid() {
        MatpowerCase case118 = ReviewFixtures.sharedCase("case118");
        if (review != null) {
            return;
        }
        StudyGrid grid = StudyGrid.of(case118, CaseGenerators.of(case118, GeneratorNamesFile.none(),
                StudyGrid.DEFAULT_RAMP_PER_MINUTE), ReviewFixtures.ratedAtWorstNMinusOne(case118, 1.15, 20.0),
                StudyOptions.defaults());
        PolicyRules rules = PolicyRules.load(ReviewFixtures.writeRules(dir.resolve("rules.yaml"),
                ReviewFixtures.permissiveRules()));
        review = new ProposalReview(grid, rules, ReviewSettings.defaults());
        live = ReviewFixtures.liveOf(case118, ReviewFixtures.NOW);
    }

    @Test
    void raisingTheUnitBehindARadialBranchBy100MwIsRejectedNamingTheBranch() {
        ReviewReport report = review.review(request(proposal("agent-a", action("gen-10-1", 550)), "propose", live));

        assertThat(report.verdict()).isEqualTo(ReviewVerdict.REJECTED);
        assertThat(report.step(ReviewStep.STUDY)).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo(ReviewStep.Status.REFUSED);
            assertThat(s.detail()).contains("branch-9-10 loaded", "MVA rating");
        });
        assertThat(report.reasons()).singleElement().asString().startsWith("study: ");
    }

    @Test
    void aSmallMovePassesTheAcPowerFlowAndNMinusOne() {
        ReviewReport report = review.review(request(proposal("agent-a", action("gen-12-1", 88)), "execute-within-envelope",
                live));

        assertThat(report.verdict()).as(report.toString()).isEqualTo(ReviewVerdict.AUTO_APPROVE);
        assertThat(report.step(ReviewStep.STUDY)).get().satisfies(s -> assertThat(s.detail())
                .contains("N-1 over ", "branch outages", "no new overload or voltage violation"));
    }
}
