package io.gridai.gateway.review;

import static io.gridai.gateway.review.ReviewFixtures.NOW;
import static io.gridai.gateway.review.ReviewFixtures.action;
import static io.gridai.gateway.review.ReviewFixtures.proposal;
import static io.gridai.gateway.review.ReviewFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridai.gateway.review.policy.PolicyRules;
import io.gridai.gateway.review.study.StudyGrid;
import io.gridai.gateway.review.study.StudyOptions;
import io.gridai.gateway.review.study.StudyRequest;
import io.gridai.gateway.review.study.StudyResult;
import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.BatteryPlacement;
import io.gridai.network.CaseGenerators;
import io.gridai.network.GeneratorNamesFile;
import io.gridai.network.MatpowerCase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batteries in the review (case9_review with a 100 MW / 200 MWh battery at bus 3, where gen-3-1 is): power and energy
 * judged at limits against the live state of charge, and the study sees the battery's injection at its bus — 60 MW of
 * discharge overloads branch 5-6 after the outage of 8-9 as gen-3-1 60 MW higher does.
 */
class BatteryReviewTest {

    private static final String EXECUTE = ReviewRequest.TIER_EXECUTE_WITHIN_ENVELOPE;
    private static final AssetId BESS = AssetId.of("bess-3");

    @TempDir
    Path dir;

    private final MatpowerCase case9 = ReviewFixtures.case9();
    private StudyGrid grid;
    private ProposalReview review;

    @BeforeEach
    void review() {
        grid = StudyGrid.of(case9, CaseGenerators.of(case9, GeneratorNamesFile.none(), StudyGrid.DEFAULT_RAMP_PER_MINUTE),
                Map.of(), List.of(new BatteryPlacement(BESS, 3, 200, 100, 0.5)), StudyOptions.defaults());
        review = new ProposalReview(grid, PolicyRules.load(ReviewFixtures.writeRules(dir.resolve("rules.yaml"),
                ReviewFixtures.permissiveRules())), ReviewSettings.defaults());
    }

    private LiveSnapshot live(double batteryMw, Double socPct) {
        LiveSnapshot base = ReviewFixtures.liveOf(case9, NOW);
        Map<AssetId, Double> power = new HashMap<>(base.activePowerMw());
        power.put(BESS, batteryMw);
        return new LiveSnapshot(NOW, power, socPct == null ? Map.of() : Map.of(BESS, socPct));
    }

    @Test
    void theStudySeesTheBatterysInjectionAtItsBus() {
        Map<AssetId, Double> live = live(0, 50.0).activePowerMw();
        StudyResult idle = grid.study(new StudyRequest(live, Map.of(), Set.of(), false));
        StudyResult discharging = grid.study(new StudyRequest(live, Map.of(BESS, 20.0), Set.of(), false));
        // the slack unit at bus 1 gives up about the 20 MW the battery injects at bus 3 (less the change in losses)
        double slackIdle = flow(idle, "branch-1-4");
        double slackDischarging = flow(discharging, "branch-1-4");
        assertThat(slackIdle - slackDischarging).isCloseTo(20.0, within(1.0));
        assertThat(flow(discharging, "branch-3-6")).isCloseTo(flow(idle, "branch-3-6") + 20.0, within(0.5));
    }

    @Test
    void aSmallDischargeWithinPowerAndEnergyPasses() {
        ReviewReport report = review.review(request(proposal("agent-b", action("bess-3", 10)), EXECUTE, live(0, 50.0)));

        assertThat(report.verdict()).as(report.reasons().toString()).isNotEqualTo(ReviewVerdict.REJECTED);
        assertThat(report.steps().get(0).detail()).contains("bess-3 10.000 MW in [-100.000, 100.000] MW from 0.000 MW");
    }

    @Test
    void aDischargeTheStudyFindsOverloadingIsRejectedWithTheStudysReason() {
        ReviewReport report = review.review(request(proposal("agent-b", action("bess-3", 60)), EXECUTE, live(0, 50.0)));

        assertThat(report.verdict()).isEqualTo(ReviewVerdict.REJECTED);
        assertThat(report.reasons()).singleElement().asString().startsWith("study: ")
                .contains("branch-5-6 loaded", "after outage of branch-8-9");
    }

    @Test
    void powerEnergyAndAMissingStateOfChargeAreJudgedAtLimits() {
        String power = refusal(action("bess-3", 120), live(0, 50.0));
        assertThat(power).contains("bess-3: target 120.000 MW exceeds the battery's power limit of 100.000 MW");

        // 40 MW for 4 h is 160 MWh; at 50 % the battery holds 100 MWh, and has room for 100 MWh
        ProposedAction fourHours = new ProposedAction(BESS, MeasurementKind.ACTIVE_POWER, 40, Duration.ofHours(4));
        ReviewSettings longer = ReviewSettings.defaults().withMaxValidFor(Duration.ofHours(4));
        ProposalReview lenient = new ProposalReview(grid, review.rules(), longer);
        String discharge = lenient.review(request(proposal("agent-b", fourHours), EXECUTE, live(0, 50.0))).reasons().get(0);
        assertThat(discharge).contains("discharging 40.000 MW for PT4H needs 160.000 MWh; the battery holds 100.000 MWh"
                + " (state of charge 50.0 % of 200.000 MWh)");
        ProposedAction charge = new ProposedAction(BESS, MeasurementKind.ACTIVE_POWER, -40, Duration.ofHours(4));
        String charging = lenient.review(request(proposal("agent-b", charge), EXECUTE, live(0, 90.0))).reasons().get(0);
        assertThat(charging).contains("charging 40.000 MW for PT4H needs 160.000 MWh; the battery has room for 20.000 MWh");

        String blind = refusal(action("bess-3", 10), live(0, null));
        assertThat(blind).contains("bess-3: no live STATE_OF_CHARGE in the snapshot");
    }

    private String refusal(ProposedAction action, LiveSnapshot live) {
        Proposal p = proposal("agent-b", action);
        ReviewReport report = review.review(request(p, EXECUTE, live));
        assertThat(report.verdict()).isEqualTo(ReviewVerdict.REJECTED);
        assertThat(report.steps().get(0).status()).isEqualTo(ReviewStep.Status.REFUSED);
        return report.reasons().get(0);
    }

    private static double flow(StudyResult result, String branch) {
        return result.flows().stream().filter(f -> f.branch().value().equals(branch)).findFirst().orElseThrow().pFromMw();
    }
}
