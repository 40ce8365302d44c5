package io.gridai.sim.series;

import io.gridai.model.GridModelException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A data file that cannot be read as a series or a system table: missing, unreadable, or with a malformed
 * row. The message names the file, the line (1-based, the header is line 1) and what to do about it.
 */
public final class SeriesDataException extends GridModelException {

    private static final long serialVersionUID = 1L;

    /** The file at fault; not serialised. */
    private final transient Path file;
    private final long line;

    SeriesDataException(Path file, long line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    SeriesDataException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = 0;
    }

    /** The file that could not be read, when known. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line of the offending row (the header is line 1), or 0 when the fault is not one row's. */
    public long line() {
        return line;
    }
}
