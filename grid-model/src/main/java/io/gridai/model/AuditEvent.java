package io.gridai.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry of a hash-chained audit log: who ({@code actorType}, {@code actor}) did what ({@code action})
 * to what ({@code subject}), with free-form {@code details}.
 *
 * <p>{@code hash} is the lowercase hex SHA-256 of the event's canonical bytes, which include
 * {@code previousHash}, the hash of the event before it. The first event of a chain has sequence 0 and
 * {@link #GENESIS_HASH} as previous hash; each later one has the next sequence number. Changing, removing
 * or reordering any event therefore breaks every hash after it, which {@link #verify(List)} finds.
 *
 * <p>Build events with {@link #first}, {@link #next} or {@link #append}; the canonical constructor only
 * checks the format, so that events read back from storage can be verified rather than rejected.
 */
public record AuditEvent(
        long sequence,
        Instant time,
        ActorType actorType,
        String actor,
        String action,
        String subject,
        Map<String, String> details,
        String previousHash,
        String hash) {

    /** The previous hash of a chain's first event: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public AuditEvent {
        if (sequence < 0) {
            throw new IllegalArgumentException("AuditEvent.sequence must be >= 0 but was " + sequence
                    + "; a chain starts at 0");
        }
        Require.present(time, "AuditEvent.time");
        Require.present(actorType, "AuditEvent.actorType");
        Require.text(actor, "AuditEvent.actor");
        Require.text(action, "AuditEvent.action");
        Require.present(subject, "AuditEvent.subject");
        details = Map.copyOf(Require.noNulls(details, "AuditEvent.details"));
        requireHash(previousHash, "AuditEvent.previousHash");
        requireHash(hash, "AuditEvent.hash");
    }

    /** The first event of a new chain: sequence 0, previous hash {@link #GENESIS_HASH}. */
    public static AuditEvent first(Instant time, ActorType actorType, String actor, String action, String subject,
            Map<String, String> details) {
        return sealed(0, time, actorType, actor, action, subject, details, GENESIS_HASH);
    }

    /** The event that follows this one: next sequence number, previous hash = this event's hash. */
    public AuditEvent next(Instant time, ActorType actorType, String actor, String action, String subject,
            Map<String, String> details) {
        return sealed(Math.addExact(sequence, 1), time, actorType, actor, action, subject, details, hash);
    }

    /** {@link #first} when {@code previousOrNull} is null, else {@code previousOrNull.next(...)}. */
    public static AuditEvent append(AuditEvent previousOrNull, Instant time, ActorType actorType, String actor,
            String action, String subject, Map<String, String> details) {
        return previousOrNull == null
                ? first(time, actorType, actor, action, subject, details)
                : previousOrNull.next(time, actorType, actor, action, subject, details);
    }

    /** True when {@code hash} is the SHA-256 of this event's canonical bytes (its content is unchanged). */
    public boolean verifies() {
        return hash.equals(AuditHashing.hash(sequence, time, actorType, actor, action, subject, details,
                previousHash));
    }

    /**
     * Checks a whole chain from its first event: every event's hash matches its content, the first is a
     * genesis event (sequence 0, {@link #GENESIS_HASH}) and each later one continues its predecessor.
     * An empty list is intact.
     */
    public static AuditChainVerification verify(List<AuditEvent> chain) {
        return AuditChainVerification.of(null, chain);
    }

    /**
     * Checks a slice of a chain that continues {@code trusted}, an event already verified earlier
     * (e.g. the last one a verifier checked before new events arrived).
     */
    public static AuditChainVerification verifyAfter(AuditEvent trusted, List<AuditEvent> continuation) {
        return AuditChainVerification.of(Require.present(trusted, "trusted audit event"), continuation);
    }

    /**
     * The first event of {@code chain}, in the order given (e.g. as stored), that does not check out, with its
     * position and what is wrong with it (altered, removed, reordered, duplicated, relinked); empty when the chain is
     * intact. {@link #verify} gives the same verdict without the position.
     */
    public static java.util.Optional<AuditChainBreak> firstBreak(List<AuditEvent> chain) {
        return AuditChainBreak.find(null, chain);
    }

    private static AuditEvent sealed(long sequence, Instant time, ActorType actorType, String actor, String action,
            String subject, Map<String, String> details, String previousHash) {
        Map<String, String> copied = Map.copyOf(Require.noNulls(details, "AuditEvent.details"));
        Require.present(time, "AuditEvent.time");
        Require.present(actorType, "AuditEvent.actorType");
        Require.text(actor, "AuditEvent.actor");
        Require.text(action, "AuditEvent.action");
        Require.present(subject, "AuditEvent.subject");
        String hash = AuditHashing.hash(sequence, time, actorType, actor, action, subject, copied, previousHash);
        return new AuditEvent(sequence, time, actorType, actor, action, subject, copied, previousHash, hash);
    }

    private static void requireHash(String hash, String field) {
        Require.present(hash, field);
        if (!SHA256_HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException(field + " must be 64 lowercase hex digits (a SHA-256) but was '"
                    + hash + "'");
        }
    }
}
