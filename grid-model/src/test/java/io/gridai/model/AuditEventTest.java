package io.gridai.model;

import static io.gridai.model.GridModelFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    /**
     * Pins the canonical form (cross-checked with an independent implementation of it); stored chains stop
     * verifying if it ever changes.
     */
    private static final String GOLDEN_FIRST_HASH =
            "2440ce786febea9b21774a5221bff5a2b1b9053c1093c8070711b0ab8ee44554";

    @Test
    void aChainStartsAtGenesisAndLinksEachEventToTheOneBefore() {
        List<AuditEvent> chain = chain(4);

        assertThat(chain.get(0).sequence()).isZero();
        assertThat(chain.get(0).previousHash()).isEqualTo(AuditEvent.GENESIS_HASH).isEqualTo("0".repeat(64));
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).sequence()).isEqualTo(i);
            assertThat(chain.get(i).previousHash()).isEqualTo(chain.get(i - 1).hash());
        }
        assertThat(chain).allMatch(AuditEvent::verifies);
        assertThat(AuditEvent.verify(chain)).isEqualTo(AuditChainVerification.intactChain(4));
        assertThat(AuditEvent.verify(List.of()).intact()).isTrue();
    }

    @Test
    void appendStartsOrContinuesAChain() {
        AuditEvent first = AuditEvent.append(null, T0, ActorType.SYSTEM, "gridai", "start", "", Map.of());
        AuditEvent second = AuditEvent.append(first, T0, ActorType.OPERATOR, "anna", "approve", "p1", Map.of());

        assertThat(first).isEqualTo(AuditEvent.first(T0, ActorType.SYSTEM, "gridai", "start", "", Map.of()));
        assertThat(second.sequence()).isEqualTo(1);
        assertThat(AuditEvent.verify(List.of(first, second)).intact()).isTrue();
    }

    @Test
    void theHashOfAKnownEventNeverChanges() {
        AuditEvent event = AuditEvent.first(T0, ActorType.OPERATOR, "anna", "setpoint.approve", "sp-1",
                Map.of("reason", "evening peak", "limit", "1.05"));
        assertThat(event.hash()).isEqualTo(GOLDEN_FIRST_HASH);
    }

    @Test
    void findsAnAlteredEvent() {
        List<AuditEvent> chain = chain(5);
        AuditEvent original = chain.get(2);
        chain.set(2, new AuditEvent(original.sequence(), original.time(), original.actorType(), original.actor(),
                original.action(), original.subject(), Map.of("target", "-99"), original.previousHash(),
                original.hash()));

        AuditChainVerification result = AuditEvent.verify(chain);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(OptionalLong.of(2));
        assertThat(result.reason()).contains("altered");
    }

    @Test
    void findsARemovedEvent() {
        List<AuditEvent> chain = chain(5);
        chain.remove(3);

        AuditChainVerification result = AuditEvent.verify(chain);
        assertThat(result.firstBrokenSequence()).isEqualTo(OptionalLong.of(4));
        assertThat(result.reason()).contains("expected sequence 3");
    }

    @Test
    void findsAResealedForgeryAtTheEventAfterIt() {
        List<AuditEvent> chain = chain(5);
        AuditEvent forged = chain.get(1).next(T0, ActorType.OPERATOR, "mallory", "setpoint.approve", "sp-9", Map.of());
        chain.set(2, forged);

        assertThat(forged.verifies()).isTrue();
        AuditChainVerification result = AuditEvent.verify(chain);
        assertThat(result.firstBrokenSequence()).isEqualTo(OptionalLong.of(3));
        assertThat(result.reason()).contains("previous hash does not match");
    }

    @Test
    void aChainMustStartWithAGenesisEvent() {
        List<AuditEvent> chain = chain(3);

        AuditChainVerification result = AuditEvent.verify(chain.subList(1, 3));
        assertThat(result.firstBrokenSequence()).isEqualTo(OptionalLong.of(1));
        assertThat(result.reason()).contains("genesis");
    }

    @Test
    void verifiesASliceAfterATrustedEvent() {
        List<AuditEvent> chain = chain(6);

        assertThat(AuditEvent.verifyAfter(chain.get(2), chain.subList(3, 6)).intact()).isTrue();
        assertThat(AuditEvent.verifyAfter(chain.get(1), chain.subList(3, 6)).firstBrokenSequence())
                .isEqualTo(OptionalLong.of(3));
    }

    @Test
    void canonicalFormCannotBeFooledByShiftingTextBetweenFields() {
        AuditEvent a = AuditEvent.first(T0, ActorType.AGENT, "ab", "c", "", Map.of());
        AuditEvent b = AuditEvent.first(T0, ActorType.AGENT, "a", "bc", "", Map.of());
        AuditEvent c = AuditEvent.first(T0, ActorType.AGENT, "a", "b", "", Map.of("k", "v"));
        AuditEvent d = AuditEvent.first(T0, ActorType.AGENT, "a", "b", "", Map.of("kv", ""));

        assertThat(List.of(a.hash(), b.hash(), c.hash(), d.hash())).doesNotHaveDuplicates();
    }

    @Test
    void detailOrderDoesNotMatterButTimeToTheNanosecondDoes() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> backward = new HashMap<>();
        backward.put("b", "2");
        backward.put("a", "1");

        AuditEvent one = AuditEvent.first(T0, ActorType.SERVICE, "svc", "act", "s", forward);
        assertThat(AuditEvent.first(T0, ActorType.SERVICE, "svc", "act", "s", backward).hash()).isEqualTo(one.hash());
        assertThat(AuditEvent.first(T0.plusNanos(1), ActorType.SERVICE, "svc", "act", "s", forward).hash())
                .isNotEqualTo(one.hash());
    }

    @Test
    void refusesMalformedHashes() {
        AuditEvent e = GridModelFixtures.auditEvent();
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditEvent(e.sequence(), e.time(), e.actorType(),
                e.actor(), e.action(), e.subject(), e.details(), e.previousHash(), e.hash().toUpperCase()))
                .withMessageContaining("64 lowercase hex digits");
    }

    @Test
    void firstBreakNamesThePositionAndKindOfTheFirstBadEventInStoredOrder() {
        assertThat(AuditEvent.firstBreak(chain(4))).isEmpty();
        assertThat(AuditEvent.firstBreak(List.of())).isEmpty();

        List<AuditEvent> altered = chain(5);
        AuditEvent original = altered.get(3);
        altered.set(3, new AuditEvent(original.sequence(), original.time(), original.actorType(), original.actor(),
                original.action(), original.subject(), Map.of("target", "-99"), original.previousHash(),
                original.hash()));
        assertThat(AuditEvent.firstBreak(altered)).hasValueSatisfying(b -> {
            assertThat(b.index()).isEqualTo(3);
            assertThat(b.sequence()).isEqualTo(3);
            assertThat(b.kind()).isEqualTo(AuditChainBreak.Kind.ALTERED);
        });

        List<AuditEvent> removed = chain(6);
        removed.remove(2);
        removed.remove(2); // sequences 0, 1, 4, 5
        assertThat(AuditEvent.firstBreak(removed)).hasValueSatisfying(b -> {
            assertThat(b.index()).isEqualTo(2);
            assertThat(b.sequence()).isEqualTo(4);
            assertThat(b.kind()).isEqualTo(AuditChainBreak.Kind.REMOVED);
            assertThat(b.reason()).contains("expected sequence 2 after 1 but found 4").contains("events 2..3 are missing");
        });

        List<AuditEvent> swapped = chain(5);
        swapped.set(2, chain(5).get(3));
        swapped.set(3, chain(5).get(2)); // sequences 0, 1, 3, 2, 4
        assertThat(AuditEvent.firstBreak(swapped)).hasValueSatisfying(b -> {
            assertThat(b.index()).as("the first event out of place").isEqualTo(2);
            assertThat(b.sequence()).isEqualTo(3);
            assertThat(b.kind()).isEqualTo(AuditChainBreak.Kind.REORDERED);
            assertThat(b.reason()).contains("sequence 2 comes later, at position 3");
        });

        List<AuditEvent> movedBack = chain(4);
        movedBack.add(movedBack.remove(1)); // sequences 0, 2, 3, 1: the gap at 2 is closed later, so not a removal
        assertThat(AuditEvent.firstBreak(movedBack).map(AuditChainBreak::kind)).contains(AuditChainBreak.Kind.REORDERED);

        List<AuditEvent> replayed = chain(3);
        replayed.add(replayed.get(1)); // sequences 0, 1, 2, 1 (the same event again)
        assertThat(AuditEvent.firstBreak(replayed)).hasValueSatisfying(b -> {
            assertThat(b.index()).isEqualTo(3);
            assertThat(b.kind()).isEqualTo(AuditChainBreak.Kind.DUPLICATED);
            assertThat(b.reason()).contains("position 1");
        });

        List<AuditEvent> headless = chain(3).subList(1, 3);
        assertThat(AuditEvent.firstBreak(headless)).hasValueSatisfying(b -> {
            assertThat(b.index()).isZero();
            assertThat(b.kind()).isEqualTo(AuditChainBreak.Kind.REMOVED);
            assertThat(b.reason()).contains("genesis").contains("event 0 is missing");
        });

        List<AuditEvent> forged = chain(5);
        forged.set(2, forged.get(1).next(T0, ActorType.OPERATOR, "mallory", "setpoint.approve", "sp-9", Map.of()));
        assertThat(AuditEvent.firstBreak(forged)).hasValueSatisfying(b -> {
            assertThat(b.index()).isEqualTo(3);
            assertThat(b.kind()).isEqualTo(AuditChainBreak.Kind.RELINKED);
        });
        // verify gives the same verdict at the same sequence
        for (List<AuditEvent> broken : List.of(altered, removed, swapped, movedBack, replayed, headless, forged)) {
            AuditChainBreak b = AuditEvent.firstBreak(broken).orElseThrow();
            assertThat(AuditEvent.verify(broken)).isEqualTo(AuditChainVerification.brokenAt(b.sequence(), b.reason()));
        }
    }

    private static List<AuditEvent> chain(int length) {
        List<AuditEvent> chain = new ArrayList<>();
        AuditEvent last = null;
        for (int i = 0; i < length; i++) {
            last = AuditEvent.append(last, T0.plusSeconds(i), ActorType.SERVICE, "dispatch-optimizer",
                    "setpoint.issue", "sp-" + i, Map.of("target", Integer.toString(i)));
            chain.add(last);
        }
        return chain;
    }
}
