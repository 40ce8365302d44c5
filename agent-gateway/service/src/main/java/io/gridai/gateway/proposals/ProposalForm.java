package io.gridai.gateway.proposals;

import io.gridai.gateway.config.GatewayConfig;
import io.gridai.gateway.live.GridCase;
import io.gridai.gateway.mcp.Refusal;
import io.gridai.gateway.security.Caller;
import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.unit.MeasurementKind;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an agent's arguments into a {@link Proposal}, or refuses them saying which field is wrong and how: the schema
 * (each action an object with {@code asset}, {@code target} a JSON number, {@code validFor} an ISO-8601 duration,
 * {@code kind} {@code ACTIVE_POWER}), the sanity bounds ({@code gridai.gateway.proposals.*}), the grid (the asset is a
 * generator or battery of the case) and the agent's scope. Title and rationale are kept as data, never evaluated.
 */
public final class ProposalForm {

    static final int MAX_TITLE = 200;
    static final int MAX_RATIONALE = 4000;

    private ProposalForm() {
    }

    /** The actions of {@code raw} (the tool's {@code actions} argument), checked. */
    public static List<ProposedAction> actions(Object raw, Caller caller, GridCase.Loaded grid,
            GatewayConfig.Proposals limits) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new Refusal("actions must be a non-empty array of {asset, target, validFor[, kind]} objects, e.g."
                    + " [{\"asset\":\"gen-2-1\",\"target\":120.0,\"validFor\":\"PT15M\"}]");
        }
        if (list.size() > limits.maxActions()) {
            throw new Refusal("a proposal may carry at most " + limits.maxActions() + " actions"
                    + " (gridai.gateway.proposals.max-actions), not " + list.size() + "; split it");
        }
        List<ProposedAction> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "actions[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new Refusal(at + " must be an object {asset, target, validFor[, kind]}");
            }
            String asset = text(m.get("asset"), at + ".asset");
            AssetId id;
            try {
                id = AssetId.of(asset);
            } catch (IllegalArgumentException e) {
                throw new Refusal(at + ".asset: " + e.getMessage());
            }
            if (!grid.controllable(asset)) {
                throw new Refusal(at + ".asset '" + asset + "' is not a generator or battery of case "
                        + grid.source().name() + "; grid_state lists the assets (gen-..., battery ids)");
            }
            if (!caller.mayTouch(asset, grid.zoneOf(asset).map(Object::toString))) {
                throw new Refusal(at + ".asset '" + asset + "' is outside this agent's scope (" + caller.scopeText()
                        + ")");
            }
            if (!seen.add(asset)) {
                throw new Refusal(at + ".asset '" + asset + "' appears twice; give one action per asset");
            }
            MeasurementKind kind = MeasurementKind.ACTIVE_POWER;
            if (m.get("kind") != null) {
                String k = text(m.get("kind"), at + ".kind").toUpperCase(Locale.ROOT);
                if (!k.equals(MeasurementKind.ACTIVE_POWER.name())) {
                    throw new Refusal(at + ".kind '" + k + "': only ACTIVE_POWER setpoints can be proposed");
                }
            }
            double target = number(m.get("target"), at + ".target", limits.maxAbsTarget());
            Duration validFor = duration(m.get("validFor"), at + ".validFor", limits.maxValidFor());
            out.add(new ProposedAction(id, kind, target, validFor));
        }
        return out;
    }

    /** A proposal of {@code caller} with a fresh id. */
    public static Proposal proposal(Caller caller, Object title, Object rationale, Object risk,
            List<ProposedAction> actions, Instant now) {
        String t = bounded(text(title, "title"), "title", MAX_TITLE);
        String r = bounded(text(rationale, "rationale"), "rationale", MAX_RATIONALE);
        RiskLevel level = RiskLevel.MEDIUM;
        if (risk != null) {
            String v = text(risk, "risk").toUpperCase(Locale.ROOT);
            try {
                level = RiskLevel.valueOf(v);
            } catch (IllegalArgumentException e) {
                throw new Refusal("risk '" + v + "' is not one of LOW, MEDIUM, HIGH, CRITICAL (your own estimate;"
                        + " the review sets the risk that counts)");
            }
        }
        return new Proposal(ProposalId.random(), caller.agent(), now, t, r, actions, level);
    }

    private static String text(Object v, String field) {
        if (!(v instanceof String s) || s.isBlank()) {
            throw new Refusal(field + " must be a non-empty string" + (v == null ? "" : ", not " + describe(v)));
        }
        return s.strip();
    }

    private static String bounded(String s, String field, int max) {
        if (s.length() > max) {
            throw new Refusal(field + " is " + s.length() + " characters long; at most " + max);
        }
        return s;
    }

    private static double number(Object v, String field, double maxAbs) {
        if (!(v instanceof Number n)) {
            throw new Refusal(field + " must be a JSON number in MW (generator sign: positive = output), not "
                    + describe(v));
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new Refusal(field + " is " + d + "; it must be a finite number of MW");
        }
        if (Math.abs(d) > maxAbs) {
            throw new Refusal(field + " " + d + " MW is beyond the sanity bound of " + maxAbs + " in absolute value"
                    + " (gridai.gateway.proposals.max-abs-target); no asset of the grid can take it");
        }
        return d;
    }

    private static Duration duration(Object v, String field, Duration max) {
        String s = text(v, field);
        Duration d;
        try {
            d = Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new Refusal(field + " '" + s + "' is not an ISO-8601 duration such as PT15M");
        }
        if (d.isNegative() || d.isZero()) {
            throw new Refusal(field + " " + s + " must be positive");
        }
        if (d.compareTo(max) > 0) {
            throw new Refusal(field + " " + s + " is longer than " + max + " (gridai.gateway.proposals.max-valid-for)");
        }
        return d;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        String s = String.valueOf(v);
        return (v instanceof String ? "the string \"" : "the " + v.getClass().getSimpleName() + " ")
                + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + (v instanceof String ? "\"" : "");
    }

}
