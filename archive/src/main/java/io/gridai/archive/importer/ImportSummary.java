package io.gridai.archive.importer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an import did. Every record a row held is either written or refused: {@code recordsWritten + recordsRefused}
 * is the number of values in the input (a file refused as a whole counts its rows as read but holds no records).
 *
 * @param inputs         the input files
 * @param writerId       the id in the names of the archive files written ({@code part-<writerId>-<n>.avro})
 * @param rowsRead       data rows read (all files)
 * @param rowsRefused    rows with at least one refused value
 * @param recordsWritten records written to the archive
 * @param recordsRefused records refused (each one is in a {@link Refusal})
 * @param refusals       how many refusals there were (all of them went to the listener)
 * @param filesRefused   input files refused as a whole (wrong header, unknown file name)
 * @param archiveFiles   the archive files written
 * @param elapsed        how long the import took
 */
public record ImportSummary(List<Path> inputs, String writerId, long rowsRead, long rowsRefused, long recordsWritten,
        long recordsRefused, long refusals, int filesRefused, List<Path> archiveFiles, Duration elapsed) {

    /** True when every value was written and no file refused. */
    public boolean complete() {
        return refusals == 0;
    }

    /** Records per second, written and refused. */
    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? (recordsWritten + recordsRefused) / seconds : 0;
    }
}
