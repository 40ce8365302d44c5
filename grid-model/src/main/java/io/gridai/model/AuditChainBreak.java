package io.gridai.model;

import java.util.List;
import java.util.Optional;

/**
 * Where and how an audit chain, read in the order it was stored, first stops checking out: the position of the first
 * bad event in the list given, its sequence number, what is wrong with it ({@link Kind}) and the reason in words.
 * Found by {@link AuditEvent#firstBreak(List)}; a verifier that knows where each event is stored (e.g. a Kafka
 * partition and offset) maps {@link #index()} back to it.
 *
 * @param index    position of the first bad event in the list checked, 0-based
 * @param sequence that event's sequence number
 * @param kind     what is wrong with it
 * @param reason   what was expected and what was found
 */
public record AuditChainBreak(int index, long sequence, Kind kind, String reason) {

    /** What is wrong with the first bad event. */
    public enum Kind {
        /** Its hash does not match its content: the event was changed after it was sealed. */
        ALTERED,
        /** A higher sequence than the next one expected, and the missing ones do not come later: events were removed. */
        REMOVED,
        /** Out of order: a sequence already passed, or one that skips ahead of events stored later (swapped). */
        REORDERED,
        /** The same event (same hash) a second time: replayed or duplicated. */
        DUPLICATED,
        /**
         * The expected sequence, but its previous hash is not the hash of the event before it (or of zeros for the
         * first): the event before it was replaced by a re-sealed one, or this one was sealed onto another chain.
         */
        RELINKED
    }

    public AuditChainBreak {
        if (index < 0) {
            throw new IllegalArgumentException("AuditChainBreak.index must be >= 0 but was " + index);
        }
        Require.present(kind, "AuditChainBreak.kind");
        Require.text(reason, "AuditChainBreak.reason");
    }

    /** The first bad event of {@code chain} after {@code trustedOrNull} (null: the chain starts at genesis). */
    static Optional<AuditChainBreak> find(AuditEvent trustedOrNull, List<AuditEvent> chain) {
        Require.noNulls(chain, "audit chain");
        AuditEvent previous = trustedOrNull;
        for (int i = 0; i < chain.size(); i++) {
            AuditEvent event = chain.get(i);
            long expected = previous == null ? 0 : previous.sequence() + 1;
            String after = previous == null ? "at the start of the chain" : "after " + previous.sequence();
            if (!event.verifies()) {
                return Optional.of(new AuditChainBreak(i, event.sequence(), Kind.ALTERED,
                        "hash does not match the event's content (altered event)"));
            }
            if (event.sequence() > expected) {
                int later = indexOfSequenceBelow(chain, i + 1, expected, event.sequence());
                String genesis = previous == null ? "chain does not start with a genesis event (sequence 0, previous hash"
                        + " of zeros); " : "";
                if (later >= 0) {
                    return Optional.of(new AuditChainBreak(i, event.sequence(), Kind.REORDERED, genesis
                            + "expected sequence " + expected + " " + after + " but found " + event.sequence()
                            + ", and sequence " + chain.get(later).sequence() + " comes later, at position " + later
                            + " (reordered or swapped events)"));
                }
                String missing = event.sequence() - expected == 1 ? "event " + expected + " is"
                        : "events " + expected + ".." + (event.sequence() - 1) + " are";
                return Optional.of(new AuditChainBreak(i, event.sequence(), Kind.REMOVED, genesis + "expected sequence "
                        + expected + " " + after + " but found " + event.sequence() + "; " + missing
                        + " missing (removed event)"
                        + (previous == null ? "; to check a slice of a chain, use AuditEvent.verifyAfter" : "")));
            }
            if (event.sequence() < expected) {
                int copyOf = indexOfHash(chain, i, event.hash());
                if (copyOf >= 0 || (trustedOrNull != null && trustedOrNull.hash().equals(event.hash()))) {
                    return Optional.of(new AuditChainBreak(i, event.sequence(), Kind.DUPLICATED, "sequence "
                            + event.sequence() + " " + after + " is a copy of an earlier event"
                            + (copyOf >= 0 ? " (position " + copyOf + ")" : "") + " (replayed or duplicated event)"));
                }
                return Optional.of(new AuditChainBreak(i, event.sequence(), Kind.REORDERED, "expected sequence "
                        + expected + " " + after + " but found " + event.sequence()
                        + ", which belongs earlier (reordered or swapped events)"));
            }
            String expectedPrevious = previous == null ? AuditEvent.GENESIS_HASH : previous.hash();
            if (!event.previousHash().equals(expectedPrevious)) {
                return Optional.of(new AuditChainBreak(i, event.sequence(), Kind.RELINKED, previous == null
                        ? "chain does not start with a genesis event: sequence 0 but its previous hash is not of zeros"
                        : "previous hash does not match the hash of event " + previous.sequence()
                                + " (replaced or re-chained event)"));
            }
            previous = event;
        }
        return Optional.empty();
    }

    /** Position from {@code from} of an event whose sequence is in [{@code low}, {@code high}), or -1. */
    private static int indexOfSequenceBelow(List<AuditEvent> chain, int from, long low, long high) {
        for (int j = from; j < chain.size(); j++) {
            long s = chain.get(j).sequence();
            if (s >= low && s < high) {
                return j;
            }
        }
        return -1;
    }

    /** Position before {@code before} of an event with {@code hash}, or -1. */
    private static int indexOfHash(List<AuditEvent> chain, int before, String hash) {
        for (int j = 0; j < before; j++) {
            if (chain.get(j).hash().equals(hash)) {
                return j;
            }
        }
        return -1;
    }
}
