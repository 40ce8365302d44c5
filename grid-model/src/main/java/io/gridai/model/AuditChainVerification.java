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
        return AuditChainBreak.find(trustedOrNull, chain)
                .map(broken -> brokenAt(broken.sequence(), broken.reason()))
                .orElseGet(() -> intactChain(chain.size()));
    }
}
