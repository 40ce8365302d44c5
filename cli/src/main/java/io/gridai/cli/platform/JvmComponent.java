package io.gridai.cli.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A component that runs as its own JVM and says it is ready by writing a ready file (Java properties) once it
 * can serve: start it, wait for the file (or for the process to die, explaining why), stop it with SIGTERM.
 * Subclasses say which main class, options and arguments, and what the ready file means.
 */
abstract class JvmComponent implements PlatformComponent {

    private JvmProcess process;
    private Path readyFile;

    /** Options for the component's JVM, e.g. heap and logging. */
    protected abstract List<String> jvmOptions(PlatformLayout layout);

    protected abstract String mainClass();

    /** Program arguments; {@code --ready-file} and {@code --parent-pid} are appended. */
    protected abstract List<String> arguments(PlatformLayout layout);

    /** What the run file records, from the ready file's properties. */
    protected abstract ComponentRecord record(PlatformLayout layout, long pid, Properties ready);

    /** Human name for messages, e.g. "The Kafka broker". */
    protected abstract String title();

    /** The component's class path: this launcher's own, unless the component ships its own (Flink). */
    protected String classPath(PlatformLayout layout) {
        return System.getProperty("java.class.path");
    }

    @Override
    public final ComponentRecord start(PlatformLayout layout, Duration readyTimeout) {
        readyFile = layout.runDir().resolve(name() + ".ready");
        deleteReadyFile();
        List<String> args = new ArrayList<>(arguments(layout));
        args.addAll(List.of("--ready-file", readyFile.toString(),
                "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
        process = JvmProcess.start(name(), layout, jvmOptions(layout), classPath(layout), mainClass(), args);
        Path log = layout.logsDir().resolve(name() + ".log");
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!Files.exists(readyFile)) {
            if (!process.isAlive()) {
                throw new ComponentStartException(title() + " exited (code " + process.exitCode() + ") before it was ready:"
                        + System.lineSeparator() + process.stderrTail(15) + System.lineSeparator() + "Full log: " + log);
            }
            if (System.nanoTime() > deadline) {
                process.stop(Duration.ofSeconds(10));
                throw new ComponentStartException(title() + " was not ready within " + readyTimeout + "; see " + log);
            }
            process.waitForExit(Duration.ofMillis(100));
        }
        Properties ready = new Properties();
        try (InputStream in = Files.newInputStream(readyFile)) {
            ready.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + readyFile, e);
        }
        return record(layout, process.pid(), ready);
    }

    /** The JVM options every component process shares: its JSON-lines log in the logs folder. */
    protected static List<String> loggingOptions(PlatformLayout layout, String name) {
        return List.of("-Dlog4j2.configurationFile=gridai-process-log4j2.xml",
                "-Dgridai.log.file=" + layout.logsDir().resolve(name + ".log"));
    }

    @Override
    public final void stop(Duration timeout) {
        if (process != null) {
            process.stop(timeout);
        }
        deleteReadyFile();
    }

    @Override
    public final boolean isAlive() {
        return process != null && process.isAlive();
    }

    private void deleteReadyFile() {
        if (readyFile == null) {
            return;
        }
        try {
            Files.deleteIfExists(readyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + readyFile, e);
        }
    }
}
