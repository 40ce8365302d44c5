package io.gridai.cli;

import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The archive's root folder: {@code --archive DIR}, else the environment variable {@value #ENVIRONMENT}, else
 * {@code DATA/archive} under the platform's data folder ({@code --data-dir}).
 */
public final class ArchiveOption {

    /** The environment variable naming the archive folder. */
    public static final String ENVIRONMENT = "GRIDAI_ARCHIVE_DIR";

    @Mixin
    DataDirOption data;

    @Option(names = "--archive", paramLabel = "DIR",
            description = "The archive folder (env " + ENVIRONMENT + "; default: DATA/archive under --data-dir).")
    Path archive;

    /** The archive folder this command works on. */
    public Path root() {
        if (archive != null) {
            return archive.toAbsolutePath().normalize();
        }
        String env = System.getenv(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return Path.of(env.strip()).toAbsolutePath().normalize();
        }
        return data.layout().archiveDir();
    }
}
