package io.gridai.archive.importer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where an import stands.
 *
 * @param file           the file being read
 * @param rowsRead       data rows read so far, all files
 * @param recordsWritten records written so far
 * @param recordsRefused records refused so far
 * @param elapsed        time since the import started
 */
public record ImportProgress(Path file, long rowsRead, long recordsWritten, long recordsRefused, Duration elapsed) {

    /** Records (written and refused) per second so far. */
    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? (recordsWritten + recordsRefused) / seconds : 0;
    }
}
