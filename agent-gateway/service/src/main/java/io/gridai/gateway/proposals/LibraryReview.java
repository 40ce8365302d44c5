package io.gridai.gateway.proposals;

import io.gridai.gateway.config.GatewayConfig;
import io.gridai.gateway.live.GridCase;
import io.gridai.gateway.live.LiveValues;
import io.gridai.gateway.mcp.Refusal;
import io.gridai.gateway.security.Tier;
import io.gridai.gateway.service.GatewayApp;
import io.gridai.gateway.review.AgentBudget;
import io.gridai.gateway.review.LiveSnapshot;
import io.gridai.gateway.review.OperatorOverride;
import io.gridai.gateway.review.OtherProposal;
import io.gridai.gateway.review.ProposalReview;
import io.gridai.gateway.review.ReviewReport;
import io.gridai.gateway.review.ReviewRequest;
import io.gridai.gateway.review.ReviewSettings;
import io.gridai.gateway.review.ReviewStep;
import io.gridai.gateway.review.policy.PolicyRules;
import io.gridai.gateway.review.study.StudyGrid;
import io.gridai.gateway.review.study.StudyOptions;
import io.gridai.gateway.review.study.StudyRequest;
import io.gridai.gateway.review.study.StudyResult;
import io.gridai.gateway.review.study.Violation;
import io.gridai.model.Measurement;
import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The review library ({@code agent-gateway/review}) behind the gateway's {@link Reviewer} and {@link Studies}: one
 * {@link ProposalReview} over the configured case ({@code gridai.gateway.grid.*}) with the policy rules of
 * {@code gridai.gateway.review.rules-file} (the library's {@code review-policy.yaml} when not set; the file is re-read
 * when it changes), fed with the live state's ACTIVE_POWER values measured within
 * {@code gridai.gateway.review.live-max-age} of the grid's now, the other pending and active proposals, the operators'
 * overrides in force (from {@code grid.setpoints}) and what the agent moved today. Built at start, so that a rules
 * file that does not compile stops the service naming the key.
 */
@Startup
@ApplicationScoped
public class LibraryReview implements Reviewer, Studies {

    private static final Logger LOG = Logger.getLogger(LibraryReview.class);

    private final GatewayConfig config;
    private final LiveValues live;
    private final GatewayApp app;
    private final io.gridai.gateway.clock.GridClock clock;
    private final Optional<ProposalReview> review;

    public LibraryReview(GatewayConfig config, GridCase grid, LiveValues live, GatewayApp app,
            io.gridai.gateway.clock.GridClock clock) {
        this.config = config;
        this.live = live;
        this.app = app;
        this.clock = clock;
        this.review = grid.get().map(g -> new ProposalReview(
                StudyGrid.of(g.source(), g.generators(), Map.of(), g.batteries(), StudyOptions.defaults()), rules(config),
                ReviewSettings.defaults().withMaxValidFor(config.proposals().maxValidFor())
                        .withLiveMaxAge(config.review().liveMaxAge())
                        .withRampWindow(config.proposals().reachWithin())));
        review.ifPresent(r -> LOG.infof("review ready case=%s rules=%s version=%s", r.grid().caseName(),
                r.rules().file(), r.rules().version()));
    }

    private static PolicyRules rules(GatewayConfig config) {
        Path file = config.review().rulesFile().orElseGet(LibraryReview::shippedRules);
        try {
            return PolicyRules.load(file);
        } catch (RuntimeException e) {
            throw new ConfigurationException("gridai.gateway.review.rules-file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The library's own rules, copied to a file (the rules are read from a file, and re-read when it changes). */
    private static Path shippedRules() {
        try (InputStream in = PolicyRules.class.getResourceAsStream("/review-policy.yaml")) {
            if (in == null) {
                throw new ConfigurationException("the review library ships no review-policy.yaml; set"
                        + " gridai.gateway.review.rules-file");
            }
            Path file = Files.createTempFile("gridai-gateway-review-policy", ".yaml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Reviewed review(Proposal proposal, Tier tier, Context context) {
        ProposalReview r = review.orElseThrow(() -> new Refusal("proposals are unavailable: "
                + GridCase.notConfigured()));
        List<OtherProposal> others = new ArrayList<>();
        context.pending().forEach(p -> others.add(new OtherProposal(p.id(), OtherProposal.State.PENDING, p.actions())));
        context.active().forEach(p -> others.add(new OtherProposal(p.id(), OtherProposal.State.ACTIVE, p.actions())));
        List<OperatorOverride> overrides = new ArrayList<>();
        for (Setpoint s : app.holds().at(context.now()).values()) {
            if (s.origin() == SetpointOrigin.OPERATOR) {
                overrides.add(new OperatorOverride(s.asset(), s.target(), s.issuedBy(), s.validUntil()));
            }
        }
        ReviewReport report = r.review(new ReviewRequest(proposal, tier.claim(), snapshot(context.now()), others,
                overrides, new AgentBudget(context.mwUsed(), context.mwhUsed()), context.now()));
        List<Reviewed.Step> steps = report.steps().stream().map(s -> new Reviewed.Step(s.name(), s.status().name(),
                s.detail(), s.duration())).toList();
        Reviewed.Verdict verdict = switch (report.verdict()) {
            case REJECTED -> Reviewed.Verdict.REJECTED;
            case AUTO_APPROVE -> Reviewed.Verdict.AUTO_APPROVE;
            case NEEDS_HUMAN -> Reviewed.Verdict.NEEDS_HUMAN;
        };
        return new Reviewed(verdict, report.risk(), steps, report.reasons(), report.rulesVersion(), report.duration());
    }

    @Override
    public Object study(List<ProposedAction> change) {
        ProposalReview r = review.orElseThrow(() -> new Refusal("studies are unavailable: " + GridCase.notConfigured()));
        Instant now = clock.nowOrThrow();
        LiveSnapshot snapshot = snapshot(now);
        Map<AssetId, Double> setpoints = new HashMap<>();
        change.forEach(a -> setpoints.put(a.asset(), a.target()));
        ProposalReview.Compared compared = r.compare(snapshot, setpoints);
        StudyResult base = compared.without();
        StudyResult changed = compared.with();
        List<Violation> added = StudyResult.newViolations(base, changed, r.settings().violations());
        StudyResult.Worst worst = changed.worstLoading();
        return new StudyView(r.grid().caseName(), snapshot.asOf().toString(), snapshot.activePowerMw().size(),
                changed.converged(), changed.status(), worst.loadingPct(), worst.branch().map(AssetId::value).orElse(null),
                worst.outage().map(AssetId::value).orElse(null), base.worstLoading().loadingPct(),
                added.stream().map(Violation::describe).toList(),
                changed.violations(r.settings().violations()).size(), changed.contingencies().size(),
                Math.max(changed.duration().toMillis(), base.duration().toMillis()), "nothing was published");
    }

    /** The study tool's answer. */
    public record StudyView(String caseName, String liveAsOf, int liveValues, boolean converged, String status,
            double worstLoadingPct, String worstBranch, String worstOutage, double worstLoadingPctWithoutChange,
            List<String> newViolations, int violationsWithChange, int contingencies, long durationMillis,
            String note) {
    }

    /**
     * ACTIVE_POWER of the live state measured within live-max-age of now (others keep the case's values), and the
     * batteries' STATE_OF_CHARGE measured within it.
     */
    private LiveSnapshot snapshot(Instant now) {
        Duration maxAge = config.review().liveMaxAge();
        Map<AssetId, Double> values = new HashMap<>();
        Map<AssetId, Double> soc = new HashMap<>();
        Instant oldest = now;
        for (List<Measurement> ms : live.all(Optional.of(MeasurementKind.ACTIVE_POWER)).values()) {
            for (Measurement m : ms) {
                if (!m.eventTime().isBefore(now.minus(maxAge)) && !m.eventTime().isAfter(now.plus(maxAge))) {
                    values.put(m.asset(), m.value());
                    oldest = m.eventTime().isBefore(oldest) ? m.eventTime() : oldest;
                }
            }
        }
        ProposalReview r = review.orElseThrow();
        for (List<Measurement> ms : live.all(Optional.of(MeasurementKind.STATE_OF_CHARGE)).values()) {
            for (Measurement m : ms) {
                if (r.grid().battery(m.asset()).isPresent() && m.value() >= 0 && m.value() <= 100
                        && !m.eventTime().isBefore(now.minus(maxAge)) && !m.eventTime().isAfter(now.plus(maxAge))) {
                    soc.put(m.asset(), m.value());
                }
            }
        }
        return new LiveSnapshot(oldest, values, soc);
    }

}
