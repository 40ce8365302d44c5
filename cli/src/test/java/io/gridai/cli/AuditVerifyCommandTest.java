package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridai.cli.platform.ComponentRecord;
import io.gridai.cli.platform.PlatformLayout;
import io.gridai.cli.platform.RunFile;
import io.gridai.kafka.ScratchKafkaBroker;
import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import io.gridai.model.topic.Topics;

/**
 * `gridai audit verify` on a real broker (kafka-embedded's scratch broker, over a socket), the topic written as services
 * write it (key = chain name, the registry's serdes): untouched chains pass with their summary, found through the
 * running platform's run file as `gridai status` finds it; an altered event (a changed detail under its old hash), a
 * dropped one and two swapped ones each fail, naming the chain, the first bad event's sequence, partition and offset,
 * and what is wrong; intact chains next to them still pass. Each test has its own broker, so that what one test writes
 * is not in another's log.
 */
class AuditVerifyCommandTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path data;

    @Test
    void untouchedChainsPassWithTheirSummaryOnTheRunningPlatformsBroker() throws Exception {
        try (ScratchKafkaBroker broker = ScratchKafkaBroker.start("gridai-audit-verify")) {
            List<AuditEvent> gateway = chain(4, "agent-gateway");
            List<AuditEvent> operator = chain(2, "operator-api");
            try (KafkaProducer<String, AuditEvent> producer = producer(broker)) {
                // interleaved, as services running side by side write them
                send(producer, "agent-gateway", gateway.get(0));
                send(producer, "operator-api", operator.get(0));
                send(producer, "agent-gateway", gateway.get(1));
                send(producer, "agent-gateway", gateway.get(2));
                send(producer, "operator-api", operator.get(1));
                send(producer, "agent-gateway", gateway.get(3));
            }
            // as `gridai up` records its broker (the launcher: this JVM, alive)
            PlatformLayout layout = new PlatformLayout(data);
            layout.create();
            new RunFile(ProcessHandle.current().pid(), Instant.now(), data.toString(), RunFile.State.RUNNING,
                    List.of(new ComponentRecord("kafka", "kafka", null, List.of("kafka://" + broker.bootstrapServers()),
                            Map.of("bootstrap.servers", broker.bootstrapServers())))).write(layout.runFile());

            InProcess text = InProcess.run("audit", "verify", "--data-dir", data.toString());
            assertThat(text.exit()).as(text.out() + text.err()).isZero();
            assertThat(text.err()).isEmpty();
            assertThat(text.out()).contains("grid.audit at " + broker.bootstrapServers() + ": 2 chain(s), 6 event(s)")
                    .contains("agent-gateway: intact, 4 event(s), 2026-03-01T12:00:00Z .. 2026-03-01T12:00:03Z, head sequence 3"
                            + " hash " + gateway.get(3).hash())
                    .contains("operator-api: intact, 2 event(s)")
                    .contains("All 2 chain(s) intact.")
                    .doesNotContain("BROKEN");

            InProcess json = InProcess.run("audit", "verify", "--json", "--chain", "agent-gateway", "--data-dir",
                    data.toString());
            assertThat(json.exit()).as(json.err()).isZero();
            JsonNode doc = new ObjectMapper().readTree(json.out());
            assertThat(doc.get("intact").asBoolean()).isTrue();
            assertThat(doc.get("topic").asText()).isEqualTo(Topics.GRID_AUDIT.name());
            assertThat(doc.get("chains")).hasSize(1);
            JsonNode c = doc.get("chains").get(0);
            assertThat(c.get("chain").asText()).isEqualTo("agent-gateway");
            assertThat(c.get("events").asInt()).isEqualTo(4);
            assertThat(c.get("firstTime").asText()).isEqualTo("2026-03-01T12:00:00Z");
            assertThat(c.get("lastTime").asText()).isEqualTo("2026-03-01T12:00:03Z");
            assertThat(c.get("headSequence").asLong()).isEqualTo(3);
            assertThat(c.get("headHash").asText()).isEqualTo(gateway.get(3).hash());
            assertThat(c.has("firstBadEvent")).isFalse();

            // --bootstrap names a broker without a running platform
            InProcess direct = InProcess.run("audit", "verify", "--bootstrap", broker.bootstrapServers(), "--data-dir",
                    data.resolve("elsewhere").toString());
            assertThat(direct.exit()).as(direct.err()).isZero();

            InProcess unknown = InProcess.run("audit", "verify", "--chain", "storage", "--data-dir", data.toString());
            assertThat(unknown.exit()).isEqualTo(AuditVerifyCommand.REFUSED);
            assertThat(unknown.err()).contains("no chain 'storage'").contains("chains found: agent-gateway, operator-api");
        }
    }

    @Test
    void anAlteredADroppedAndTwoSwappedEventsEachFailNamingTheFirstBadEvent() throws Exception {
        try (ScratchKafkaBroker broker = ScratchKafkaBroker.start("gridai-audit-verify")) {
            List<RecordMetadata> altered = new ArrayList<>();
            List<RecordMetadata> dropped = new ArrayList<>();
            List<RecordMetadata> swapped = new ArrayList<>();
            try (KafkaProducer<String, AuditEvent> producer = producer(broker)) {
                for (AuditEvent e : chain(3, "intact")) {
                    send(producer, "intact", e);
                }
                // altered: event 2 stored with a changed detail under the hash it was sealed with
                List<AuditEvent> a = chain(5, "altered");
                AuditEvent original = a.get(2);
                a.set(2, new AuditEvent(original.sequence(), original.time(), original.actorType(), original.actor(),
                        original.action(), original.subject(), Map.of("target", "999"), original.previousHash(),
                        original.hash()));
                for (AuditEvent e : a) {
                    altered.add(send(producer, "altered", e));
                }
                // dropped: event 2 never written
                List<AuditEvent> d = chain(5, "dropped");
                d.remove(2);
                for (AuditEvent e : d) {
                    dropped.add(send(producer, "dropped", e));
                }
                // swapped: events 2 and 3 written in each other's place
                List<AuditEvent> s = chain(5, "swapped");
                s.add(2, s.remove(3));
                for (AuditEvent e : s) {
                    swapped.add(send(producer, "swapped", e));
                }
            }
            String bootstrap = broker.bootstrapServers();

            InProcess all = InProcess.run("audit", "verify", "--bootstrap", bootstrap, "--data-dir", data.toString());
            assertThat(all.exit()).as(all.out() + all.err()).isEqualTo(AuditVerifyCommand.BROKEN);
            assertThat(all.out()).contains("intact: intact, 3 event(s)")
                    .contains("altered: BROKEN, 5 event(s)")
                    .contains("    first bad event: sequence 2 (partition 0, offset " + altered.get(2).offset()
                            + "): altered: hash does not match the event's content")
                    .contains("dropped: BROKEN, 4 event(s)")
                    .contains("    first bad event: sequence 3 (partition 0, offset " + dropped.get(2).offset()
                            + "): removed: expected sequence 2 after 1 but found 3; event 2 is missing")
                    .contains("swapped: BROKEN, 5 event(s)")
                    .contains("    first bad event: sequence 3 (partition 0, offset " + swapped.get(2).offset()
                            + "): reordered: expected sequence 2 after 1 but found 3, and sequence 2 comes later")
                    .contains("3 of 4 chain(s) BROKEN.");

            // each on its own, in JSON: the first bad event where it is stored
            assertFirstBad(bootstrap, "altered", 2, altered.get(2), "altered");
            assertFirstBad(bootstrap, "dropped", 3, dropped.get(2), "removed");
            assertFirstBad(bootstrap, "swapped", 3, swapped.get(2), "reordered");
            InProcess intact = InProcess.run("audit", "verify", "--bootstrap", bootstrap, "--chain", "intact");
            assertThat(intact.exit()).as("an intact chain beside broken ones").isZero();
        }
    }

    @Test
    void withoutARunningPlatformOrBrokerItSaysWhatToDo() throws Exception {
        InProcess none = InProcess.run("audit", "verify", "--data-dir", data.toString());
        assertThat(none.exit()).isEqualTo(AuditVerifyCommand.REFUSED);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("GridAI is not running from").contains("./gridai up")
                .contains("--bootstrap HOST:PORT");

        // a run file left by a launcher that is gone
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        PlatformLayout layout = new PlatformLayout(data);
        layout.create();
        new RunFile(gone.pid(), Instant.now(), data.toString(), RunFile.State.RUNNING, List.of(new ComponentRecord(
                "kafka", "kafka", null, List.of(), Map.of("bootstrap.servers", "127.0.0.1:1")))).write(layout.runFile());
        InProcess stale = InProcess.run("audit", "verify", "--data-dir", data.toString());
        assertThat(stale.exit()).isEqualTo(AuditVerifyCommand.REFUSED);
        assertThat(stale.err()).contains("is stale");

        // a broker that does not answer: refused within the timeout, with the address
        InProcess unreachable = InProcess.run("audit", "verify", "--bootstrap", "127.0.0.1:1", "--timeout", "PT2S");
        assertThat(unreachable.exit()).isEqualTo(AuditVerifyCommand.REFUSED);
        assertThat(unreachable.err()).contains("could not read grid.audit at 127.0.0.1:1");
    }

    private static void assertFirstBad(String bootstrap, String chain, long sequence, RecordMetadata stored,
            String problem) throws Exception {
        InProcess result = InProcess.run("audit", "verify", "--bootstrap", bootstrap, "--chain", chain, "--json");
        assertThat(result.exit()).as(result.err()).isEqualTo(AuditVerifyCommand.BROKEN);
        JsonNode doc = new ObjectMapper().readTree(result.out());
        assertThat(doc.get("intact").asBoolean()).isFalse();
        assertThat(doc.get("chains")).hasSize(1);
        JsonNode bad = doc.get("chains").get(0).get("firstBadEvent");
        assertThat(bad.get("sequence").asLong()).isEqualTo(sequence);
        assertThat(bad.get("partition").asInt()).isEqualTo(stored.partition());
        assertThat(bad.get("offset").asLong()).isEqualTo(stored.offset());
        assertThat(bad.get("problem").asText()).isEqualTo(problem);
        assertThat(bad.get("reason").asText()).isNotBlank();
    }

    /** A chain as a service writes it: one event a second from {@link #T0}. */
    private static List<AuditEvent> chain(int length, String actor) {
        List<AuditEvent> chain = new ArrayList<>();
        AuditEvent last = null;
        for (int i = 0; i < length; i++) {
            last = AuditEvent.append(last, T0.plusSeconds(i), ActorType.SERVICE, actor, "setpoint.issue", "sp-" + i,
                    Map.of("target", Integer.toString(i)));
            chain.add(last);
        }
        return chain;
    }

    private static KafkaProducer<String, AuditEvent> producer(ScratchKafkaBroker broker) {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                Topics.GRID_AUDIT.keySerde().serializer(), Topics.GRID_AUDIT.valueSerde().serializer());
    }

    private static RecordMetadata send(KafkaProducer<String, AuditEvent> producer, String chain, AuditEvent event)
            throws Exception {
        return producer.send(new ProducerRecord<>(Topics.GRID_AUDIT.name(), chain, event)).get();
    }
}
