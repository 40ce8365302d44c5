package io.gridai.gateway.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an agent may do, from its token's {@code gridai_tier} claim; each tier includes those below it:
 * {@code observe} (read the grid) &lt; {@code study} (run studies on the live network, nothing published) &lt;
 * {@code propose} (propose interventions, executed only after operators approve) &lt; {@code execute-within-envelope}
 * (low-risk proposals that pass review execute at once).
 */
public enum Tier {
    OBSERVE("observe"),
    STUDY("study"),
    PROPOSE("propose"),
    EXECUTE_WITHIN_ENVELOPE("execute-within-envelope");

    /** The token claim that carries the tier. */
    public static final String CLAIM = "gridai_tier";

    private final String claim;

    Tier(String claim) {
        this.claim = claim;
    }

    /** The claim value, e.g. {@code execute-within-envelope}. */
    public String claim() {
        return claim;
    }

    /** Whether this tier includes {@code needed}. */
    public boolean includes(Tier needed) {
        return ordinal() >= needed.ordinal();
    }

    /** The tier of a claim value; empty for anything else. */
    public static Optional<Tier> ofClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.claim.equals(v)).findFirst();
    }

    /** The claim values, for messages. */
    public static String claims() {
        return Arrays.stream(values()).map(Tier::claim).collect(Collectors.joining(" < "));
    }
}
