package io.gridai.model.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The files through which a component process tells {@code gridai up} how it is: its ready file (written once it
 * serves) and its heartbeat (rewritten while it works), both Java properties. Written atomically, so that the
 * launcher, polling them, never reads half a file.
 */
public final class StatusFiles {

    private StatusFiles() {
    }

    /**
     * Writes {@code properties} to {@code file} through a temporary file in the same folder and an atomic move.
     *
     * @param comment the first line of the file, saying what it is
     */
    public static void write(Path file, Properties properties, String comment) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var out = Files.newOutputStream(tmp)) {
                properties.store(out, comment);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
