package io.gridai.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.gridai.cli.platform.ComponentRecord;
import io.gridai.cli.platform.KafkaComponent;
import io.gridai.cli.platform.PlatformLayout;
import io.gridai.cli.platform.RunFile;
import io.gridai.model.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `gridai audit verify`: reads {@code grid.audit} from the platform's broker as stored ({@link StoredAuditLog}) and
 * checks every chain (or one) from its genesis event: each event's hash against its content, each sequence number
 * and previous hash against the event before it. Names the first bad event of each broken chain, where it is stored,
 * and what is wrong with it.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the audit log's hash chains on grid.audit: every event unchanged, none removed, none out of"
                + " order. The broker is the running ./gridai up's (as ./gridai status finds it), or --bootstrap.",
                "Prints each chain's events, first and last time and head hash; for a broken chain, its first bad event"
                        + " (sequence, partition/offset) and what is wrong: altered (hash does not match the content),"
                        + " removed (a sequence gap), reordered (a sequence out of order), duplicated, relinked (previous"
                        + " hash not the event before's), unreadable.",
                "Exit code: 0 when every chain is intact, 1 when one is broken, 2 when the log cannot be read."})
public final class AuditVerifyCommand implements Callable<Integer> {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int REFUSED = 2;

    @Mixin
    DataDirOption data;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "The Kafka broker to read (default: the one the running ./gridai up started).")
    String bootstrap;

    @Option(names = "--chain", paramLabel = "NAME",
            description = "Check only this chain (the record key, e.g. operator-api); default: every chain on the topic.")
    String chain;

    @Option(names = "--json", description = "Print JSON for scripts: {topic, bootstrap, intact, events, chains:[{chain,"
            + " intact, events, firstTime, lastTime, headSequence, headHash, firstBadEvent:{sequence, partition, offset,"
            + " problem, reason}}]}.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "How long reading the topic to its end may take, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        if (timeout.isNegative() || timeout.isZero()) {
            return refuse("--timeout must be positive, not " + timeout);
        }
        String broker;
        if (bootstrap != null) {
            if (bootstrap.isBlank()) {
                return refuse("--bootstrap needs HOST:PORT");
            }
            broker = bootstrap.strip();
        } else {
            Optional<String> found = RunningBroker.find(data.layout(), this::refuse);
            if (found.isEmpty()) {
                return REFUSED; // refused with the reason
            }
            broker = found.get();
        }
        StoredAuditLog log;
        try {
            log = StoredAuditLog.read(broker, timeout);
        } catch (StoredAuditLog.ReadException e) {
            return refuse(e.getMessage());
        }
        if (chain != null && !log.chainNames().contains(chain)) {
            return refuse("no chain '" + chain + "' on " + Topics.GRID_AUDIT.name() + " at " + broker + " ("
                    + (log.chainNames().isEmpty() ? "the topic has no events" : "chains found: "
                            + String.join(", ", log.chainNames())) + ")");
        }
        List<StoredAuditLog.Chain> chains = log.verify(Optional.ofNullable(chain));
        boolean intact = chains.stream().allMatch(StoredAuditLog.Chain::intact);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(document(broker, chains, intact)));
        } else {
            print(out, broker, chains, intact);
        }
        out.flush();
        return intact ? INTACT : BROKEN;
    }

    private static Map<String, Object> document(String broker, List<StoredAuditLog.Chain> chains, boolean intact) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("topic", Topics.GRID_AUDIT.name());
        doc.put("bootstrap", broker);
        doc.put("intact", intact);
        doc.put("events", chains.stream().mapToInt(StoredAuditLog.Chain::events).sum());
        List<Map<String, Object>> list = new ArrayList<>();
        for (StoredAuditLog.Chain c : chains) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("chain", c.chain());
            entry.put("intact", c.intact());
            entry.put("events", c.events());
            entry.put("firstTime", c.firstTime() == null ? null : c.firstTime().toString());
            entry.put("lastTime", c.lastTime() == null ? null : c.lastTime().toString());
            entry.put("headSequence", c.headSequence());
            entry.put("headHash", c.headHash());
            c.firstBad().ifPresent(bad -> {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("sequence", bad.sequence());
                b.put("partition", bad.partition());
                b.put("offset", bad.offset());
                b.put("problem", bad.problem());
                b.put("reason", bad.reason());
                entry.put("firstBadEvent", b);
            });
            list.add(entry);
        }
        doc.put("chains", list);
        return doc;
    }

    private static void print(PrintWriter out, String broker, List<StoredAuditLog.Chain> chains, boolean intact) {
        int events = chains.stream().mapToInt(StoredAuditLog.Chain::events).sum();
        out.printf("%s at %s: %d chain(s), %d event(s)%n", Topics.GRID_AUDIT.name(), broker, chains.size(), events);
        for (StoredAuditLog.Chain c : chains) {
            out.printf("  %s: %s, %d event(s), %s .. %s, head sequence %s hash %s%n", c.chain(),
                    c.intact() ? "intact" : "BROKEN", c.events(), c.firstTime(), c.lastTime(), c.headSequence(),
                    c.headHash());
            c.firstBad().ifPresent(bad -> out.printf("    first bad event: %s (partition %d, offset %d): %s: %s%n",
                    bad.sequence() == null ? "an unreadable record" : "sequence " + bad.sequence(), bad.partition(),
                    bad.offset(), bad.problem(), bad.reason()));
        }
        long broken = chains.stream().filter(c -> !c.intact()).count();
        if (chains.isEmpty()) {
            out.println("No audit events yet.");
        } else if (intact) {
            out.printf("All %d chain(s) intact.%n", chains.size());
        } else {
            out.printf("%d of %d chain(s) BROKEN.%n", broken, chains.size());
        }
    }

    private int refuse(String why) {
        spec.commandLine().getErr().println("gridai audit verify: " + why);
        spec.commandLine().getErr().flush();
        return REFUSED;
    }
}
