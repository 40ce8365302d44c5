package io.gridai.gateway.review.policy;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The policy rules of the review: named CEL boolean expressions read from a YAML file, compiled once per version of
 * the file, and reloaded when the file changes.
 *
 * <p>Only the file's expressions are ever compiled. A proposal's contents (title, rationale, asset ids, numbers) reach
 * the rules as values of the CEL variables {@code proposal}, {@code action}, {@code agent}, {@code now} and
 * {@code budget} ({@link PolicyInput}), never as source text, so text that looks like CEL in a proposal is just a string.
 *
 * <p>Every rule is evaluated for every action ({@code action} bound to it); a rule holds when it is {@code true}. False,
 * a non-boolean or an evaluation error refuses the proposal (fail closed), naming the rule.
 *
 * <p>Reload: {@link #current()} (called by every evaluation) reads the file and, when its bytes differ from those last
 * seen, compiles the new set and swaps it in atomically. A set that does not parse, does not compile, does not return a
 * boolean, or refers to a field the variables do not have (checked by evaluating each rule once on sample values) is
 * not taken: the last good set stays in force and {@link #status()} says why. The first load must succeed.
 *
 * <p>File format:
 * <pre>
 * timeZone: UTC               # of now.hour, now.minute, now.dayOfWeek (default UTC)
 * rules:
 *   - name: max-mw-change     # [a-z0-9-]+, unique
 *     description: no action moves a unit more than 50 MW from its live output
 *     expression: action.absDeltaMw &lt;= 50.0
 * </pre>
 * Thread-safe.
 */
public final class PolicyRules {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyRules.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> FILE_KEYS = Set.of("timeZone", "rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "description", "expression");
    private static final List<String> VARIABLES = List.of("proposal", "action", "agent", "now", "budget");

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
            .addVar("proposal", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("action", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("agent", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("now", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("budget", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();

    /** A compiled version of the file. */
    private record RuleSet(String version, Instant loadedAt, ZoneId zone, List<Compiled> rules) {
    }

    private record Compiled(PolicyRule rule, CelRuntime.Program program) {
    }

    private final Path file;
    private final ReentrantLock reloadLock = new ReentrantLock();
    private volatile RuleSet inForce;
    private volatile byte[] lastSeen;
    private volatile Optional<String> rejectedError = Optional.empty();
    private volatile long reloads;

    private PolicyRules(Path file, RuleSet first, byte[] bytes) {
        this.file = file;
        this.inForce = first;
        this.lastSeen = bytes;
    }

    /**
     * Loads and compiles a rules file.
     *
     * @throws PolicyRulesException naming the file, the rule and the error when it cannot be read or compiled
     */
    public static PolicyRules load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PolicyRulesException("cannot read the policy rules file " + file + ": " + e
                    + "; point the review at a readable YAML rules file", e);
        }
        RuleSet set = compile(file, bytes);
        LOG.info("policy-rules=loaded file={} version={} rules={}", file, set.version(), names(set));
        return new PolicyRules(file, set, bytes);
    }

    /** The rules file. */
    public Path file() {
        return file;
    }

    /** The version in force, after reloading the file if it changed. */
    public String version() {
        return current().version();
    }

    /** Where the rules stand (reloads the file first if it changed). */
    public RulesStatus status() {
        RuleSet set = current();
        return new RulesStatus(file, set.version(), set.loadedAt(), names(set), rejectedError, reloads);
    }

    /** The rules in force, in file order (reloads the file first if it changed). */
    public List<PolicyRule> rules() {
        return current().rules().stream().map(Compiled::rule).toList();
    }

    /** Evaluates every rule for every action of a proposal (reloads the file first if it changed). */
    public PolicyVerdict evaluate(PolicyInput input) {
        RuleSet set = current();
        Map<String, Object> proposal = proposalVariable(input);
        Map<String, Object> agent = Map.of("id", input.agentId(), "tier", input.agentTier());
        Map<String, Object> now = nowVariable(input.now(), set.zone());
        Map<String, Object> budget = Map.of("mwUsed", input.budgetMwUsed(), "mwhUsed", input.budgetMwhUsed());
        Map<String, String> refusals = new LinkedHashMap<>();
        int evaluated = 0;
        for (PolicyInput.Action action : input.actions()) {
            Map<String, Object> actionVariable = actionVariable(action);
            Map<String, Object> variables = Map.of("proposal", proposal, "action", actionVariable, "agent", agent,
                    "now", now, "budget", budget);
            for (Compiled c : set.rules()) {
                if (refusals.containsKey(c.rule().name())) {
                    continue;
                }
                evaluated++;
                Object result;
                try {
                    result = c.program().eval(variables);
                } catch (CelEvaluationException e) {
                    refusals.put(c.rule().name(), describe(c.rule()) + " could not be evaluated for " + action.asset() + ": "
                            + e.getMessage() + " (a rule that cannot be evaluated refuses)");
                    continue;
                }
                if (!Boolean.TRUE.equals(result)) {
                    refusals.put(c.rule().name(), describe(c.rule()) + " is " + result + " for " + action.asset() + ": "
                            + c.rule().expression() + " with " + facts(actionVariable, proposal, input, budget, now));
                }
            }
        }
        return new PolicyVerdict(set.version(), set.rules().size(), evaluated, List.copyOf(refusals.values()));
    }

    /** The set in force, after taking the file's new content if it changed and compiles. */
    private RuleSet current() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return keep(null, "the rules file " + file + " is gone");
        } catch (IOException e) {
            return keep(null, "cannot read the rules file " + file + ": " + e);
        }
        if (java.util.Arrays.equals(bytes, lastSeen)) {
            return inForce;
        }
        reloadLock.lock();
        try {
            if (java.util.Arrays.equals(bytes, lastSeen)) {
                return inForce;
            }
            try {
                RuleSet set = compile(file, bytes);
                inForce = set;
                lastSeen = bytes;
                rejectedError = Optional.empty();
                reloads++;
                LOG.info("policy-rules=reloaded file={} version={} rules={}", file, set.version(), names(set));
                return set;
            } catch (PolicyRulesException e) {
                return keep(bytes, e.getMessage());
            }
        } finally {
            reloadLock.unlock();
        }
    }

    private RuleSet keep(byte[] bytes, String why) {
        RuleSet set = inForce;
        if (bytes != null) {
            lastSeen = bytes;
        }
        if (!rejectedError.equals(Optional.of(why))) {
            rejectedError = Optional.of(why);
            LOG.warn("policy-rules=rejected file={} kept-version={} reason=\"{}\"", file, set.version(), why);
        }
        return set;
    }

    private static RuleSet compile(Path file, byte[] bytes) {
        String version = version(bytes);
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new PolicyRulesException("the policy rules file " + file + " (version " + version + ") is not valid YAML: "
                    + e.getMessage().replaceAll("\\s+", " "));
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new PolicyRulesException("the policy rules file " + file + " (version " + version
                    + ") must be a mapping with 'rules:' (a list of name/description/expression)");
        }
        for (Object key : top.keySet()) {
            if (!FILE_KEYS.contains(String.valueOf(key))) {
                throw new PolicyRulesException("the policy rules file " + file + " (version " + version + ") has key '" + key
                        + "'; the keys are " + FILE_KEYS);
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        if (top.get("timeZone") != null) {
            try {
                zone = ZoneId.of(String.valueOf(top.get("timeZone")));
            } catch (DateTimeException e) {
                throw new PolicyRulesException("the policy rules file " + file + " (version " + version + ") has timeZone '"
                        + top.get("timeZone") + "', not a time zone id (e.g. UTC, Europe/Paris)");
            }
        }
        if (!(top.get("rules") instanceof List<?> list) || list.isEmpty()) {
            throw new PolicyRulesException("the policy rules file " + file + " (version " + version
                    + ") has no 'rules:' list; give at least one rule (name, description, expression)");
        }
        List<Compiled> compiled = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            PolicyRule rule = rule(file, version, i, list.get(i));
            if (!seen.add(rule.name())) {
                throw new PolicyRulesException("the policy rules file " + file + " (version " + version + ") names two rules "
                        + rule.name() + "; give each its own name");
            }
            compiled.add(compileRule(file, version, rule));
        }
        return new RuleSet(version, Instant.now(), zone, List.copyOf(compiled));
    }

    private static PolicyRule rule(Path file, String version, int position, Object entry) {
        String where = "rule " + (position + 1) + " of the policy rules file " + file + " (version " + version + ")";
        if (!(entry instanceof Map<?, ?> map)) {
            throw new PolicyRulesException(where + " is not a mapping of name, description, expression");
        }
        for (Object key : map.keySet()) {
            if (!RULE_KEYS.contains(String.valueOf(key))) {
                throw new PolicyRulesException(where + " has key '" + key + "'; a rule's keys are " + RULE_KEYS);
            }
        }
        Object name = map.get("name");
        if (!(name instanceof String n) || !NAME.matcher(n).matches()) {
            throw new PolicyRulesException(where + " has name " + name + "; give a name of lower-case letters, digits and -");
        }
        Object expression = map.get("expression");
        if (!(expression instanceof String e) || e.isBlank()) {
            throw new PolicyRulesException("rule " + n + " of the policy rules file " + file + " (version " + version
                    + ") has no expression; give a CEL boolean expression");
        }
        Object description = map.get("description");
        return new PolicyRule(n, description == null ? "" : String.valueOf(description), e.strip());
    }

    private static Compiled compileRule(Path file, String version, PolicyRule rule) {
        String where = "rule " + rule.name() + " of the policy rules file " + file + " (version " + version + ")";
        CelRuntime.Program program;
        try {
            CelAbstractSyntaxTree ast = CEL.compile(rule.expression()).getAst();
            program = CEL.createProgram(ast);
        } catch (CelValidationException e) {
            throw new PolicyRulesException(where + " does not compile as a CEL boolean expression: "
                    + e.getMessage().replace('\n', ' ') + "; the variables are " + VARIABLES);
        } catch (CelEvaluationException e) {
            throw new PolicyRulesException(where + " cannot be planned: " + e.getMessage());
        }
        // fields are looked up at run time: evaluate once on sample facts so that a misspelt field fails the load
        try {
            Object sample = program.eval(sampleVariables());
            if (!(sample instanceof Boolean)) {
                throw new PolicyRulesException(where + " returns " + sample + ", not a boolean");
            }
        } catch (CelEvaluationException e) {
            throw new PolicyRulesException(where + " fails on sample facts: " + e.getMessage().replace('\n', ' ')
                    + "; check the field names (see the README for the variables)");
        }
        return new Compiled(rule, program);
    }

    private static Map<String, Object> sampleVariables() {
        PolicyInput.Action action = new PolicyInput.Action("gen-1-1", "ACTIVE_POWER", 10, 5, 15, 0, 100);
        PolicyInput input = new PolicyInput("p-sample", "agent-sample", "propose", "title", "rationale", Instant.EPOCH, 0, 0,
                List.of(action));
        return Map.of("proposal", proposalVariable(input), "action", actionVariable(action), "agent",
                Map.of("id", "agent-sample", "tier", "propose"), "now", nowVariable(Instant.EPOCH, ZoneOffset.UTC), "budget",
                Map.of("mwUsed", 0.0, "mwhUsed", 0.0));
    }

    static Map<String, Object> proposalVariable(PolicyInput input) {
        double totalAbs = 0;
        double energy = 0;
        for (PolicyInput.Action a : input.actions()) {
            totalAbs += Math.abs(a.deltaMw());
            energy += a.energyMwh();
        }
        Map<String, Object> m = new HashMap<>();
        m.put("id", input.proposalId());
        m.put("agent", input.agentId());
        m.put("title", input.title());
        m.put("rationale", input.rationale());
        m.put("actionCount", (long) input.actions().size());
        m.put("totalAbsDeltaMw", totalAbs);
        m.put("energyMwh", energy);
        return m;
    }

    static Map<String, Object> actionVariable(PolicyInput.Action a) {
        Map<String, Object> m = new HashMap<>();
        m.put("asset", a.asset());
        m.put("kind", a.kind());
        m.put("targetMw", a.targetMw());
        m.put("liveMw", a.liveMw());
        m.put("deltaMw", a.deltaMw());
        m.put("absDeltaMw", Math.abs(a.deltaMw()));
        m.put("energyMwh", a.energyMwh());
        m.put("validForMinutes", a.validForMinutes());
        m.put("pminMw", a.pminMw());
        m.put("pmaxMw", a.pmaxMw());
        m.put("shareOfRating", a.pmaxMw() > 0 ? Math.abs(a.deltaMw()) / a.pmaxMw() : 1.0);
        return m;
    }

    static Map<String, Object> nowVariable(Instant now, ZoneId zone) {
        ZonedDateTime t = now.atZone(zone);
        return Map.of("hour", (long) t.getHour(), "minute", (long) t.getMinute(), "dayOfWeek",
                (long) t.getDayOfWeek().getValue(), "date", t.toLocalDate().toString(), "epochSeconds", now.getEpochSecond());
    }

    private static String facts(Map<String, Object> action, Map<String, Object> proposal, PolicyInput input,
                                Map<String, Object> budget, Map<String, Object> now) {
        return String.format(Locale.ROOT, "action{targetMw=%.3f, liveMw=%.3f, deltaMw=%.3f, validForMinutes=%.1f}, "
                        + "proposal{totalAbsDeltaMw=%.3f, energyMwh=%.3f}, budget{mwUsed=%.3f, mwhUsed=%.3f}, now{hour=%s},"
                        + " agent{tier=%s}",
                action.get("targetMw"), action.get("liveMw"), action.get("deltaMw"), action.get("validForMinutes"),
                proposal.get("totalAbsDeltaMw"), proposal.get("energyMwh"), budget.get("mwUsed"), budget.get("mwhUsed"),
                now.get("hour"), input.agentTier());
    }

    private static String describe(PolicyRule rule) {
        return "rule " + rule.name() + (rule.description().isEmpty() ? "" : " (" + rule.description() + ")");
    }

    private static List<String> names(RuleSet set) {
        return set.rules().stream().map(c -> c.rule().name()).toList();
    }

    private static String version(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
