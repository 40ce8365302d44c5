package io.gridai.model;

import java.util.List;
import java.util.OptionalLong;

/**
 * The outcome of checking an audit chain: intact, or broken at the sequence number of the first event that
 * does not check out, with the reason.
 */
public record AuditChainVerification(boolean intact, OptionalLong firstBrokenSequence, String reason) {

    public AuditChainVerification {
        Require.present(firstBrokenSequence, "AuditChainVerification.firstBrokenSequence");
        Require.present(reason, "AuditChainVerification.reason");
        if (intact == firstBrokenSequence.isPresent()) {
            throw new IllegalArgumentException("an intact chain has no broken sequence and a broken one has one;"
                    + " got intact=" + intact + ", firstBrokenSequence=" + firstBrokenSequence);
        }
    }

    /** An intact chain of {@code events} events. */
    public static AuditChainVerification intactChain(int events) {
        return new AuditChainVerification(true, OptionalLong.empty(), events + " events verified");
    }

    /** A chain broken at {@code sequence}. */
    public static AuditChainVerification brokenAt(long sequence, String reason) {
        return new AuditChainVerification(false, OptionalLong.of(sequence), reason);
    }

    static AuditChainVerification of(AuditEvent trustedOrNull, List<AuditEvent> chain) {
        Require.noNulls(chain, "audit chain");
        AuditEvent previous = trustedOrNull;
        for (AuditEvent event : chain) {
            if (!event.verifies()) {
                return brokenAt(event.sequence(), "hash does not match the event's content (altered event)");
            }
            if (previous == null) {
                if (event.sequence() != 0 || !event.previousHash().equals(AuditEvent.GENESIS_HASH)) {
                    return brokenAt(event.sequence(), "chain does not start with a genesis event (sequence 0,"
                            + " previous hash of zeros); verify a slice with AuditEvent.verifyAfter");
                }
            } else if (event.sequence() != previous.sequence() + 1) {
                return brokenAt(event.sequence(), "expected sequence " + (previous.sequence() + 1)
                        + " after " + previous.sequence() + " (missing or reordered event)");
            } else if (!event.previousHash().equals(previous.hash())) {
                return brokenAt(event.sequence(), "previous hash does not match the hash of event "
                        + previous.sequence() + " (replaced or re-chained event)");
            }
            previous = event;
        }
        return intactChain(chain.size());
    }
}
