package io.gridai.cli.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * What `gridai up` runs and where, written atomically to {@code run/platform.json}.
 *
 * @param launcherPid pid of `gridai up`
 * @param startedAt   when `gridai up` started
 * @param dataDir     the data folder
 * @param state       {@link State#STARTING} until every component is ready, then {@link State#RUNNING}
 * @param components  the components started so far
 */
public record RunFile(long launcherPid, Instant startedAt, String dataDir, State state, List<ComponentRecord> components) {

    /** Where `gridai up` is in its life. */
    public enum State { STARTING, RUNNING, STOPPING }

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public RunFile {
        components = List.copyOf(components);
    }

    public RunFile with(ComponentRecord component) {
        var all = new java.util.ArrayList<>(components);
        all.removeIf(c -> c.name().equals(component.name()));
        all.add(component);
        return new RunFile(launcherPid, startedAt, dataDir, state, all);
    }

    public RunFile with(State newState) {
        return new RunFile(launcherPid, startedAt, dataDir, newState, components);
    }

    public void write(Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write run file " + file, e);
        }
    }

    public static Optional<RunFile> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Run file " + file + " is unreadable (" + e.getMessage()
                    + "); stop GridAI and delete it", e);
        }
    }
}
