package io.gridai.cli.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the embedded platform keeps everything, under one folder ({@code --data-dir}, default
 * {@code .gridai/} in the repository):
 *
 * <pre>
 * DATA/kafka/       broker metadata and log segments (kept across restarts)
 * DATA/logs/        one JSON-lines log per component, plus its stderr
 * DATA/run/         platform.json (what runs where) and up.lock while `gridai up` runs
 * DATA/archive/     the historic archive (`gridai archive`), unless --archive or GRIDAI_ARCHIVE_DIR names another
 * </pre>
 */
public record PlatformLayout(Path dataDir) {

    public PlatformLayout {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    public Path componentData(String component) {
        return dataDir.resolve(component);
    }

    /** The historic archive's default root (`gridai archive`). */
    public Path archiveDir() {
        return dataDir.resolve("archive");
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    /** The run file `gridai status` reads. */
    public Path runFile() {
        return runDir().resolve("platform.json");
    }

    public Path lockFile() {
        return runDir().resolve("up.lock");
    }

    public void create() {
        try {
            Files.createDirectories(logsDir());
            Files.createDirectories(runDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create GridAI data directory " + dataDir
                    + "; choose a writable one with --data-dir or GRIDAI_DATA_DIR", e);
        }
    }
}
