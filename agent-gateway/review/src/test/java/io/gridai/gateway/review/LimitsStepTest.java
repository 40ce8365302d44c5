package io.gridai.gateway.review;

import static io.gridai.gateway.review.ReviewFixtures.NOW;
import static io.gridai.gateway.review.ReviewFixtures.action;
import static io.gridai.gateway.review.ReviewFixtures.proposal;
import static io.gridai.gateway.review.ReviewFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.gateway.review.policy.PolicyRules;
import io.gridai.gateway.review.study.StudyGrid;
import io.gridai.model.ProposedAction;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.MatpowerCase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits step on case9_review: each refusal names the asset and the limit; the later steps are skipped. */
class LimitsStepTest {

    @TempDir
    Path dir;

    private final MatpowerCase case9 = ReviewFixtures.case9();
    private final LiveSnapshot live = ReviewFixtures.liveOf(case9, NOW);
    private ProposalReview review;

    @BeforeEach
    void review() {
        review = new ProposalReview(StudyGrid.of(case9),
                PolicyRules.load(ReviewFixtures.writeRules(dir.resolve("rules.yaml"), ReviewFixtures.permissiveRules())),
                ReviewSettings.defaults());
    }

    private ReviewStep limits(ProposedAction... actions) {
        ReviewReport report = review.review(request(proposal("agent-a", actions), "propose", live));
        ReviewStep step = report.step(ReviewStep.LIMITS).orElseThrow();
        if (!step.passed()) {
            assertThat(report.verdict()).isEqualTo(ReviewVerdict.REJECTED);
            assertThat(report.steps()).extracting(ReviewStep::status).containsExactly(ReviewStep.Status.REFUSED,
                    ReviewStep.Status.SKIPPED, ReviewStep.Status.SKIPPED, ReviewStep.Status.SKIPPED, ReviewStep.Status.SKIPPED);
            assertThat(report.reasons()).singleElement().asString().startsWith("limits: ");
        }
        return step;
    }

    @Test
    void aTargetWithinTheUnitsLimitsAndRampPasses() {
        ReviewStep step = limits(action("gen-3-1", 95));

        assertThat(step.passed()).as(step.detail()).isTrue();
        assertThat(step.detail()).contains("gen-3-1 95.000 MW in [10.000, 270.000] MW from 85.000 MW");
    }

    @Test
    void aHugeTargetIsRefusedNamingTheUnitsLimits() {
        ReviewStep step = limits(action("gen-3-1", 1e12));

        assertThat(step.detail()).contains("gen-3-1", "outside the unit's limits [10.000, 270.000] MW");
    }

    @Test
    void aNotANumberTargetCannotEvenBeProposed() {
        // grid-model refuses a non-finite target when the action is made (the gateway parses agents' JSON into it)
        assertThatThrownBy(() -> action("gen-3-1", Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ProposedAction.target");
        assertThatThrownBy(() -> action("gen-3-1", Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTargetBeyondTheRampReachIsRefused() {
        // 2 % of 270 MW per minute: 81 MW in the 15-minute ramp window
        ReviewStep step = limits(action("gen-3-1", 200));

        assertThat(step.detail()).contains("gen-3-1", "not reachable from the measured 85.000 MW");
    }

    @Test
    void anAssetThatIsNoGeneratorOfTheCaseIsRefused() {
        assertThat(limits(action("gen-42-1", 10)).detail()).contains("gen-42-1: not a generator of case case9_review");
        assertThat(limits(action("load-5", -80)).detail()).contains("load-5: not a generator");
    }

    @Test
    void theSlackUnitTakesNoSetpoint() {
        assertThat(limits(action("gen-1-1", 80)).detail()).contains("gen-1-1", "reference-bus (slack) unit takes no setpoint");
    }

    @Test
    void aKindOtherThanActivePowerIsRefused() {
        ProposedAction voltage = new ProposedAction(AssetId.of("gen-3-1"), MeasurementKind.VOLTAGE_PU, 1.02,
                Duration.ofMinutes(15));

        assertThat(limits(voltage).detail()).contains("gen-3-1: kind VOLTAGE_PU is not what setpoints control");
    }

    @Test
    void aValidityLongerThanTheMaximumIsRefused() {
        ProposedAction day = new ProposedAction(AssetId.of("gen-3-1"), MeasurementKind.ACTIVE_POWER, 95, Duration.ofDays(1));

        assertThat(limits(day).detail()).contains("gen-3-1: validFor PT24H is longer than the maximum PT4H");
    }

    @Test
    void theSameAssetTwiceIsRefused() {
        assertThat(limits(action("gen-3-1", 95), action("gen-3-1", 90)).detail()).contains("gen-3-1 appears twice");
    }

    @Test
    void aStaleSnapshotOrAUnitWithoutLiveValueIsNotMovedBlind() {
        LiveSnapshot stale = new LiveSnapshot(NOW.minus(Duration.ofMinutes(5)), live.activePowerMw());
        ReviewReport onStale = review.review(request(proposal("agent-a", action("gen-3-1", 95)), "propose", stale));
        java.util.Map<AssetId, Double> without = new java.util.HashMap<>(live.activePowerMw());
        without.remove(AssetId.of("gen-3-1"));
        ReviewReport unmeasured = review.review(request(proposal("agent-a", action("gen-3-1", 95)), "propose",
                new LiveSnapshot(NOW, without)));

        assertThat(onStale.reasons()).singleElement().asString().contains("the live snapshot is PT5M old");
        assertThat(unmeasured.reasons()).singleElement().asString().contains("gen-3-1: no live ACTIVE_POWER");
    }
}
