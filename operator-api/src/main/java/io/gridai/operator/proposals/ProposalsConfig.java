package io.gridai.operator.proposals;

import io.gridai.model.RiskLevel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The proposals awaiting decision ({@code gridai.operator.proposals.*}); every key is in the module README. */
@ConfigMapping(prefix = "gridai.operator.proposals")
public interface ProposalsConfig {

    /** From this risk on, a proposal needs approvals from two different people (four eyes); below it, one. */
    @WithDefault("HIGH")
    RiskLevel fourEyesFrom();

    /**
     * From this risk on, one of the approvers must hold the supervisor role (a supervisor or admin); an approval that
     * would complete such a proposal without one is refused.
     */
    @WithDefault("CRITICAL")
    RiskLevel supervisorFrom();

    /** How far back {@code grid.proposals} and {@code grid.proposal-decisions} are re-read at start. */
    @WithDefault("P7D")
    Duration lookback();

    /** Most proposals held; the oldest (by creation time) leave first. */
    @WithDefault("5000")
    int maxCount();

    /** How often a decision that Kafka did not take is tried again. */
    @WithDefault("PT5S")
    Duration republishEvery();
}
