package io.gridai.cli;

import io.gridai.cli.platform.FlinkComponent;
import io.gridai.cli.platform.PlatformLayout;
import io.gridai.cli.platform.ReplayModule;
import io.gridai.model.id.SandboxId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridai replay}: archived telemetry into a sandbox, through the production Flink jobs with the model under
 * test, and the report (issue 11). Runs the replay module's {@code ReplayMain} in its own JVM (Flink and the
 * forecast models need their own class path), in the foreground; {@code gridai replay pause|resume|stop} steer it
 * from another terminal through its control file, Ctrl-C stops it.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays archived telemetry of a time window into a sandbox (its own topics"
                + " sandbox.NAME.*, its own streaming and forecast jobs; nothing reaches the real grid) and writes a"
                + " report: the model under test against the production model and what happened.",
                "Exit codes: 0 done, 2 stopped before the end, 1 failed, 3 refused (no platform, bad options)."},
        subcommands = {ReplayCommand.Pause.class, ReplayCommand.Resume.class, ReplayCommand.Stop.class})
public final class ReplayCommand implements Callable<Integer> {

    static final int REFUSED = 3;

    @Mixin
    ArchiveOption archive;

    @Option(names = "--from", paramLabel = "DATE|INSTANT",
            description = "Start of the window (2020-07-06 is UTC midnight, or 2020-07-06T06:00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT", description = "End of the window (exclusive).")
    String to;

    @Option(names = "--assets", split = ",", paramLabel = "ASSET", description = "Only these assets (default: all).")
    List<String> assets;

    @Option(names = "--speed", defaultValue = "100", paramLabel = "FACTOR|max",
            description = "Times real time, or max (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--sandbox", defaultValue = "replay", paramLabel = "NAME",
            description = "The sandbox: its topics are sandbox.NAME.*, made afresh for each replay (default: ${DEFAULT-VALUE}).")
    String sandbox;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Model registry of the model under test (default: the platform's, DATA/models).")
    Path models;

    @Option(names = "--production-models", paramLabel = "DIR",
            description = "Production model registry, run offline for the report when the archive holds no forecasts"
                    + " for the window (default: the platform's, DATA/models).")
    Path productionModels;

    @Option(names = "--report", paramLabel = "DIR", description = "Report folder (default: DATA/replay/NAME/report).")
    Path report;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka (default: the running ./gridai up's, as ./gridai status finds it).")
    String bootstrap;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A flink-jobs or forecast.* setting for the sandbox's jobs, e.g. forecast.day-ahead.issue-time=09:00.")
    List<String> sets;

    @Option(names = "--timeout", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "Longest wait for Kafka and for the sandbox jobs to catch up (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PlatformLayout layout = archive.data.layout();
        if (from == null || to == null) { // not required by picocli: `replay pause` etc. come without them
            return refuse("--from and --to are required, e.g. --from 2020-07-06 --to 2020-07-13");
        }
        SandboxId id;
        try {
            id = SandboxId.of(sandbox);
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        String broker = bootstrap;
        if (broker == null) {
            Optional<String> found = RunningBroker.find(layout, this::refuse);
            if (found.isEmpty()) {
                return REFUSED;
            }
            broker = found.get();
        }
        String classPath;
        try {
            classPath = ReplayModule.classPath(ReplayModule.home());
        } catch (IllegalStateException e) {
            return refuse(e.getMessage());
        }
        Path platformModels = layout.dataDir().toAbsolutePath().resolve("models");
        Path sandboxDir = ReplayModule.dir(layout).resolve(id.value());
        Path tmp = sandboxDir.resolve("tmp");
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Djava.io.tmpdir=" + tmp, "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + FlinkComponent.logConfig(layout),
                "-Dgridai.log.file=" + layout.logsDir().toAbsolutePath().resolve("replay-" + id.value() + ".log"),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "-cp", classPath, "io.gridai.replay.ReplayMain",
                "--bootstrap", broker, "--archive", archive.root().toString(), "--sandbox", id.value(),
                "--from", from, "--to", to, "--speed", speed,
                "--models", (models == null ? platformModels : models.toAbsolutePath()).toString(),
                "--work", sandboxDir.resolve("work").toString(),
                "--report", (report == null ? sandboxDir.resolve("report") : report.toAbsolutePath()).toString(),
                "--control-file", controlFile(layout, id).toString(),
                "--status-file", ReplayModule.statusFile(layout, id).toString(),
                "--timeout", timeout));
        Path production = productionModels == null ? platformModels : productionModels.toAbsolutePath();
        if (Files.isDirectory(production)) {
            command.addAll(List.of("--production-models", production.toString()));
        }
        if (assets != null && !assets.isEmpty()) {
            command.addAll(List.of("--assets", String.join(",", assets)));
        }
        if (sets != null) {
            sets.forEach(s -> command.addAll(List.of("--set", s)));
        }
        Files.createDirectories(layout.logsDir());
        Process process = new ProcessBuilder(command).inheritIO().start();
        int exit = process.waitFor();
        if (exit == 64) {
            return REFUSED;
        }
        if (exit == 0) {
            err.println("replay log: " + layout.logsDir().toAbsolutePath().resolve("replay-" + id.value() + ".log"));
        }
        return exit;
    }

    private int refuse(String why) {
        spec.commandLine().getErr().println("gridai replay: " + why);
        spec.commandLine().getErr().flush();
        return REFUSED;
    }

    /** Where a running replay of sandbox {@code id} watches for pause/resume/stop. */
    static Path controlFile(PlatformLayout layout, SandboxId id) {
        return ReplayModule.controlFile(layout, id);
    }

    /** Writes a command into a running replay's control file. */
    abstract static class Steer implements Callable<Integer> {

        @Mixin
        DataDirOption data;

        @Option(names = "--sandbox", defaultValue = "replay", paramLabel = "NAME",
                description = "The replay's sandbox (default: ${DEFAULT-VALUE}).")
        String sandbox;

        @Spec
        CommandSpec spec;

        abstract String command();

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            SandboxId id;
            try {
                id = SandboxId.of(sandbox);
            } catch (IllegalArgumentException e) {
                err.println("gridai replay " + command() + ": " + e.getMessage());
                return REFUSED;
            }
            Path control = controlFile(data.layout(), id);
            if (!Files.exists(control)) {
                err.println("gridai replay " + command() + ": no replay of sandbox " + id.value() + " is running"
                        + " from " + data.layout().dataDir() + " (no " + control + ")");
                return REFUSED;
            }
            Files.writeString(control, command() + "\n", StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("replay " + id.value() + ": " + command() + " sent");
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pauses a running replay.")
    static final class Pause extends Steer {
        @Override
        String command() {
            return "pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a paused replay.")
    static final class Resume extends Steer {
        @Override
        String command() {
            return "resume";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops a running replay: nothing more is sent, its sandbox jobs are cancelled, no report.")
    static final class Stop extends Steer {
        @Override
        String command() {
            return "stop";
        }
    }
}
