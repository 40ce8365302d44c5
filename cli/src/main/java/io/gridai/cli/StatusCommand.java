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
import io.gridai.cli.platform.ComponentStatus;
import io.gridai.cli.platform.Health;
import io.gridai.cli.platform.HealthProbe;
import io.gridai.cli.platform.PlatformLayout;
import io.gridai.cli.platform.RunFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `gridai status`: each component's health and address; exit 0 only when all are healthy. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print each component's health and address.",
                "Exit code: 0 when every component is UP, 1 otherwise (including when GridAI is not running)."})
public final class StatusCommand implements Callable<Integer> {

    static final int HEALTHY = 0;
    static final int UNHEALTHY = 1;

    @Mixin
    DataDirOption data;

    @Option(names = "--json", description = "Print JSON for scripts: {healthy, components:[{name, health, urls, pid, detail, mcp_url, a2a_url, agent_card_url (agent-gateway)}]}.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT5S",
            description = "How long each component may take to answer, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PlatformLayout layout = data.layout();
        PrintWriter out = spec.commandLine().getOut();
        Optional<RunFile> run = RunFile.read(layout.runFile());
        List<ComponentStatus> statuses = new ArrayList<>();
        String problem = null;
        if (run.isEmpty()) {
            problem = "GridAI is not running from " + layout.dataDir() + " (no " + layout.runFile().getFileName()
                    + "). Start it with: ./gridai up";
        } else {
            RunFile file = run.get();
            boolean launcherAlive = ProcessHandle.of(file.launcherPid()).map(ProcessHandle::isAlive).orElse(false);
            Health launcherHealth;
            String launcherDetail;
            if (!launcherAlive) {
                launcherHealth = Health.DOWN;
                launcherDetail = "gridai up (pid " + file.launcherPid() + ") is gone; the run file is stale. Run ./gridai up again";
            } else if (file.state() != RunFile.State.RUNNING) {
                launcherHealth = Health.DEGRADED;
                launcherDetail = "gridai up is " + file.state().name().toLowerCase(java.util.Locale.ROOT)
                        + " (started " + file.startedAt() + ")";
            } else {
                launcherHealth = Health.UP;
                launcherDetail = "gridai up running since " + file.startedAt();
            }
            statuses.add(new ComponentStatus("launcher", launcherHealth, List.of(), file.launcherPid(), launcherDetail));
            HealthProbe probe = new HealthProbe(timeout);
            for (ComponentRecord component : file.components()) {
                statuses.add(probe.check(component));
            }
        }
        boolean healthy = problem == null && statuses.stream().allMatch(s -> s.health() == Health.UP);

        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("healthy", healthy);
            doc.put("dataDir", layout.dataDir().toString());
            if (problem != null) {
                doc.put("problem", problem);
            }
            doc.put("components", statuses);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else if (problem != null) {
            out.println(problem);
        } else {
            out.printf("%-13s %-9s %-8s %-32s %s%n", "COMPONENT", "HEALTH", "PID", "ADDRESS", "DETAIL");
            for (ComponentStatus s : statuses) {
                out.printf("%-13s %-9s %-8s %-32s %s%n", s.name(), s.health(), s.pid() == null ? "-" : s.pid(),
                        s.urls().isEmpty() ? "-" : String.join(" ", s.urls()), s.detail());
            }
            out.println(healthy ? "GridAI is healthy." : "GridAI is NOT healthy.");
        }
        out.flush();
        return healthy ? HEALTHY : UNHEALTHY;
    }
}
