package io.gridai.cli;

import io.gridai.cli.platform.ComponentRecord;
import io.gridai.cli.platform.KafkaComponent;
import io.gridai.cli.platform.PlatformLayout;
import io.gridai.cli.platform.RunFile;
import java.util.Optional;
import java.util.function.Consumer;

/** The Kafka broker of the running {@code gridai up}, as {@code gridai status} finds it. */
final class RunningBroker {

    private RunningBroker() {
    }

    /** The broker's bootstrap servers; empty after telling {@code refuse} why there is none. */
    static Optional<String> find(PlatformLayout layout, Consumer<String> refuse) {
        Optional<RunFile> run = RunFile.read(layout.runFile());
        String how = "; start it with ./gridai up, or name a broker with --bootstrap HOST:PORT";
        if (run.isEmpty()) {
            refuse.accept("GridAI is not running from " + layout.dataDir() + " (no " + layout.runFile().getFileName()
                    + ")" + how);
            return Optional.empty();
        }
        if (!ProcessHandle.of(run.get().launcherPid()).map(ProcessHandle::isAlive).orElse(false)) {
            refuse.accept("gridai up (pid " + run.get().launcherPid() + ") is gone; the run file " + layout.runFile()
                    + " is stale" + how);
            return Optional.empty();
        }
        Optional<String> broker = run.get().components().stream().filter(c -> c.name().equals(KafkaComponent.NAME))
                .findFirst().map(ComponentRecord::endpoints).map(e -> e.get("bootstrap.servers"));
        if (broker.isEmpty()) {
            refuse.accept("gridai up from " + layout.dataDir() + " has not started its broker yet ("
                    + run.get().state() + "); wait for ./gridai status, or name a broker with --bootstrap HOST:PORT");
        }
        return broker;
    }
}
