package io.gridai.cli.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Files `gridai up` writes for its components: generated once and kept, readable by the user only. */
final class PlatformFiles {

    private PlatformFiles() {
    }

    /**
     * Writes {@code lines} to {@code file} unless it exists (the user may have edited it), atomically and
     * readable by the owner only, as it may hold secrets.
     *
     * @param what what the file is, for the error message
     */
    static Path writeOnce(Path file, List<String> lines, String what) {
        if (!Files.exists(file)) {
            writeOwnerOnly(file, lines, what);
        }
        return file;
    }

    /** Writes (or replaces) {@code file}, atomically and readable by the owner only. */
    static void writeOwnerOnly(Path file, List<String> lines, String what) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, lines);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + what + " to " + file, e);
        }
    }
}
