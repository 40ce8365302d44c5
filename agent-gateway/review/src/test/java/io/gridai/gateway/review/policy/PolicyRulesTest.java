package io.gridai.gateway.review.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.gateway.review.ReviewFixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy rules with the real CEL compiler and runtime: each example rule's refusal and pass, reload, injection. */
class PolicyRulesTest {

    private static final String RULES = """
            timeZone: UTC
            rules:
              - name: max-mw-change
                description: no action moves a unit more than 50 MW away from its live output
                expression: action.absDeltaMw <= 50.0
              - name: protected-assets
                description: agents never move the units operators protect
                expression: '!(action.asset in ["gen-69-1"])'
              - name: execute-hours
                description: execute-within-envelope agents act only between 06:00 and 22:00
                expression: agent.tier != "execute-within-envelope" || (now.hour >= 6 && now.hour < 22)
              - name: daily-mw-budget
                description: an agent moves at most 300 MW a day
                expression: budget.mwUsed + proposal.totalAbsDeltaMw <= 300.0
              - name: daily-mwh-budget
                description: an agent moves at most 400 MWh a day
                expression: budget.mwhUsed + proposal.energyMwh <= 400
            """;

    @TempDir
    Path dir;

    private PolicyRules rules() {
        return PolicyRules.load(ReviewFixtures.writeRules(dir.resolve("rules.yaml"), RULES));
    }

    private static PolicyInput input(String tier, Instant now, double mwUsed, double mwhUsed, PolicyInput.Action... actions) {
        return new PolicyInput("p-1", "agent-a", tier, "rebalance", "relieve the north corridor", now, mwUsed, mwhUsed,
                List.of(actions));
    }

    private static PolicyInput.Action move(String asset, double from, double to) {
        return new PolicyInput.Action(asset, "ACTIVE_POWER", to, from, 15, 0, 400);
    }

    @Test
    void aSmallMoveOfAnUnprotectedUnitInHoursWithinBudgetHoldsEveryRule() {
        PolicyVerdict verdict = rules().evaluate(input("propose", ReviewFixtures.NOW, 0, 0, move("gen-10-1", 200, 240)));

        assertThat(verdict.allowed()).as(verdict.refusals().toString()).isTrue();
        assertThat(verdict.evaluated()).isEqualTo(5);
    }

    @Test
    void maxMwChangeRefusesAMoveOfMoreThan50MwEitherWay() {
        PolicyVerdict up = rules().evaluate(input("propose", ReviewFixtures.NOW, 0, 0, move("gen-10-1", 200, 260)));
        PolicyVerdict down = rules().evaluate(input("propose", ReviewFixtures.NOW, 0, 0, move("gen-10-1", 200, 149)));
        PolicyVerdict edge = rules().evaluate(input("propose", ReviewFixtures.NOW, 0, 0, move("gen-10-1", 200, 250)));

        assertThat(up.refusals()).singleElement().asString()
                .contains("rule max-mw-change", "gen-10-1", "deltaMw=60.000");
        assertThat(down.refusals()).singleElement().asString().contains("rule max-mw-change", "deltaMw=-51.000");
        assertThat(edge.allowed()).isTrue();
    }

    @Test
    void protectedAssetsRefusesTheProtectedUnitOnly() {
        PolicyVerdict verdict = rules().evaluate(input("propose", ReviewFixtures.NOW, 0, 0,
                move("gen-10-1", 200, 210), move("gen-69-1", 300, 310)));

        assertThat(verdict.refusals()).singleElement().asString()
                .contains("rule protected-assets (agents never move the units operators protect)", "gen-69-1");
    }

    @Test
    void executeHoursRefusesAnExecutingAgentAtNightButNotAProposingOne() {
        Instant night = Instant.parse("2026-11-25T23:30:00Z");

        PolicyVerdict executing = rules().evaluate(input("execute-within-envelope", night, 0, 0, move("gen-10-1", 200, 210)));
        PolicyVerdict proposing = rules().evaluate(input("propose", night, 0, 0, move("gen-10-1", 200, 210)));
        PolicyVerdict executingByDay = rules().evaluate(input("execute-within-envelope", ReviewFixtures.NOW, 0, 0,
                move("gen-10-1", 200, 210)));

        assertThat(executing.refusals()).singleElement().asString().contains("rule execute-hours", "hour=23");
        assertThat(proposing.allowed()).isTrue();
        assertThat(executingByDay.allowed()).isTrue();
    }

    @Test
    void dailyBudgetsRefuseWhatWouldExceedThemCountingEveryActionOfTheProposal() {
        // 280 MW used, two actions of 15 MW: 310 > 300
        PolicyVerdict mw = rules().evaluate(input("propose", ReviewFixtures.NOW, 280, 0,
                move("gen-10-1", 200, 215), move("gen-12-1", 100, 85)));
        // 395 MWh used, 40 MW for 15 min = 10 MWh: 405 > 400
        PolicyVerdict mwh = rules().evaluate(input("propose", ReviewFixtures.NOW, 0, 395, move("gen-10-1", 200, 240)));
        PolicyVerdict within = rules().evaluate(input("propose", ReviewFixtures.NOW, 270, 390,
                move("gen-10-1", 200, 215), move("gen-12-1", 100, 85)));

        assertThat(mw.refusals()).singleElement().asString().contains("rule daily-mw-budget", "totalAbsDeltaMw=30.000",
                "mwUsed=280.000");
        assertThat(mwh.refusals()).singleElement().asString().contains("rule daily-mwh-budget", "energyMwh=10.000");
        assertThat(within.allowed()).as(within.refusals().toString()).isTrue();
    }

    @Test
    void textThatLooksLikeCelInAProposalIsJustData() {
        PolicyRules rules = PolicyRules.load(ReviewFixtures.writeRules(dir.resolve("rules.yaml"), RULES + """
                  - name: title-is-not-code
                    description: the title is compared as a string
                    expression: proposal.title != "true"
                """));
        String version = rules.version();
        String injection = "\") || true || (\"";
        PolicyInput hostile = new PolicyInput("p-1", "agent-a", "propose", "true || action.absDeltaMw > 0",
                injection + " ; rules: [] ; action.absDeltaMw <= 1000.0", ReviewFixtures.NOW, 0, 0,
                List.of(new PolicyInput.Action("gen-10-1\") || true || (\"", "ACTIVE_POWER", 400, 200, 15, 0, 400)));

        PolicyVerdict verdict = rules.evaluate(hostile);

        // the 200 MW move is still refused; nothing of the text became a rule or changed one
        assertThat(verdict.refusals()).anySatisfy(r -> assertThat(r).contains("rule max-mw-change"));
        assertThat(verdict.refusals()).noneSatisfy(r -> assertThat(r).contains("title-is-not-code"));
        assertThat(rules.version()).isEqualTo(version);
        assertThat(rules.rules()).extracting(PolicyRule::name).hasSize(6);
    }

    @Test
    void aChangedFileIsTakenAtTheNextEvaluation() {
        Path file = ReviewFixtures.writeRules(dir.resolve("rules.yaml"), RULES);
        PolicyRules rules = PolicyRules.load(file);
        PolicyInput move20 = input("propose", ReviewFixtures.NOW, 0, 0, move("gen-10-1", 200, 220));
        assertThat(rules.evaluate(move20).allowed()).isTrue();

        ReviewFixtures.writeRules(file, RULES.replace("action.absDeltaMw <= 50.0", "action.absDeltaMw <= 10.0"));

        PolicyVerdict after = rules.evaluate(move20);
        assertThat(after.refusals()).singleElement().asString().contains("rule max-mw-change");
        assertThat(rules.status().reloads()).isEqualTo(1);
        assertThat(rules.status().rejectedError()).isEmpty();
    }

    @Test
    void aRulesFileThatDoesNotCompileKeepsTheLastGoodRulesAndSaysWhy() {
        Path file = ReviewFixtures.writeRules(dir.resolve("rules.yaml"), RULES);
        PolicyRules rules = PolicyRules.load(file);
        String good = rules.version();
        PolicyInput move60 = input("propose", ReviewFixtures.NOW, 0, 0, move("gen-10-1", 200, 260));

        ReviewFixtures.writeRules(file, RULES.replace("action.absDeltaMw <= 50.0", "action.absDeltaMw <=== 500.0"));
        PolicyVerdict afterBadSyntax = rules.evaluate(move60);
        RulesStatus syntax = rules.status();

        ReviewFixtures.writeRules(file, RULES.replace("action.absDeltaMw <= 50.0", "action.absDeltaMW <= 500.0"));
        RulesStatus misspelt = rules.status();

        ReviewFixtures.writeRules(file, RULES.replace("action.absDeltaMw <= 50.0", "action.absDeltaMw"));
        RulesStatus notBoolean = rules.status();

        ReviewFixtures.writeRules(file, "rules: [ {name: x, expression: ");
        RulesStatus notYaml = rules.status();

        assertThat(afterBadSyntax.refusals()).singleElement().asString().contains("rule max-mw-change");
        assertThat(afterBadSyntax.rulesVersion()).isEqualTo(good);
        assertThat(syntax.version()).isEqualTo(good);
        assertThat(syntax.rejectedError()).get().asString().contains("rule max-mw-change", "does not compile");
        assertThat(misspelt.rejectedError()).get().asString().contains("rule max-mw-change", "absDeltaMW");
        assertThat(notBoolean.rejectedError()).get().asString().contains("rule max-mw-change");
        assertThat(notYaml.rejectedError()).get().asString().contains("not valid YAML");
        assertThat(notYaml.version()).isEqualTo(good);
        assertThat(notYaml.reloads()).isZero();

        ReviewFixtures.writeRules(file, RULES.replace("50.0", "60.0"));
        assertThat(rules.evaluate(move60).allowed()).isTrue();
        assertThat(rules.status().rejectedError()).isEmpty();
        assertThat(rules.status().version()).isNotEqualTo(good);
    }

    @Test
    void aFirstLoadThatFailsThrowsNamingTheRule() {
        Path file = ReviewFixtures.writeRules(dir.resolve("rules.yaml"), """
                rules:
                  - name: broken
                    expression: action.targetMw +
                """);
        Path duplicate = ReviewFixtures.writeRules(dir.resolve("dup.yaml"), """
                rules:
                  - {name: a, expression: 'true'}
                  - {name: a, expression: 'false'}
                """);
        Path unknownKey = ReviewFixtures.writeRules(dir.resolve("key.yaml"), """
                rules:
                  - {name: a, expresion: 'true'}
                """);

        assertThatThrownBy(() -> PolicyRules.load(file)).isInstanceOf(PolicyRulesException.class)
                .hasMessageContaining("rule broken").hasMessageContaining("does not compile");
        assertThatThrownBy(() -> PolicyRules.load(duplicate)).hasMessageContaining("names two rules a");
        assertThatThrownBy(() -> PolicyRules.load(unknownKey)).hasMessageContaining("expresion");
        assertThatThrownBy(() -> PolicyRules.load(dir.resolve("absent.yaml"))).hasMessageContaining("cannot read");
    }

    @Test
    void theExampleRulesFileShippedWithTheModuleCompiles() throws Exception {
        Path example = Path.of(PolicyRulesTest.class.getResource("/review-policy.yaml").toURI());

        PolicyRules rules = PolicyRules.load(example);

        assertThat(rules.rules()).extracting(PolicyRule::name).contains("max-mw-change", "protected-assets",
                "execute-hours", "daily-mw-budget", "daily-mwh-budget");
    }
}
