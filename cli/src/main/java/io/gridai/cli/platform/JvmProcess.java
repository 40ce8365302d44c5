package io.gridai.cli.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A component's own JVM, started with this JVM's java binary and class path. Its stdout and stderr go to
 * files in the logs folder; {@link #stop} sends SIGTERM (the component's shutdown hooks run) and only
 * kills it if it has not ended in time.
 */
public final class JvmProcess {

    private final String name;
    private final Process process;
    private final Path stderr;

    private JvmProcess(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
    }

    /**
     * @param jvmOptions options before the main class, e.g. {@code -Xmx512m}
     * @param mainClass  fully qualified main class on this JVM's class path
     * @param args       program arguments
     */
    public static JvmProcess start(String name, PlatformLayout layout, List<String> jvmOptions, String mainClass, List<String> args) {
        return start(name, layout, jvmOptions, System.getProperty("java.class.path"), mainClass, args);
    }

    /** As {@link #start(String, PlatformLayout, List, String, List)}, with the component's own class path. */
    public static JvmProcess start(String name, PlatformLayout layout, List<String> jvmOptions, String classPath,
            String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return start(name, layout, command, Map.of());
    }

    /**
     * A packaged application ({@code java -jar}), e.g. a Quarkus service, with extra environment variables.
     *
     * @param jvmOptions options before {@code -jar}
     */
    public static JvmProcess startJar(String name, PlatformLayout layout, List<String> jvmOptions, Path jar,
            Map<String, String> environment) {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return start(name, layout, command, environment);
    }

    private static JvmProcess start(String name, PlatformLayout layout, List<String> javaArguments,
            Map<String, String> environment) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(javaArguments);
        Path stdout = layout.logsDir().resolve(name + ".out");
        Path stderr = layout.logsDir().resolve(name + ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return new JvmProcess(name, process, stderr);
        } catch (IOException e) {
            throw new ComponentStartException("Cannot start the " + name + " process (" + java + "): " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code if it has ended. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** The last lines the process wrote to stderr, to explain a failed start. */
    public String stderrTail(int lines) {
        try {
            List<String> all = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + stderr, e);
        }
    }

    /** Waits up to {@code timeout} for the process to end; returns whether it has. */
    public boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    public void stop(Duration timeout) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: shutdown hooks run
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.printf("%s did not stop within %s; killing pid %d%n", name, timeout, process.pid());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
