package io.gridai.model.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the historic archive keeps its files, Hive-style so that other tools can read it too:
 * <pre>
 *   ROOT/DATASET/date=YYYY-MM-DD/feed=FEED/FILE.avro
 * </pre>
 * {@code DATASET} is an {@link ArchiveDataset} name, the date the UTC date of the records' time, {@code FEED} the
 * records' feed ({@link #feedValue}). A file is an Avro object container file of the dataset's wire schema
 * (writer schema in its header), records in any order inside. Files whose name starts with {@code .} or {@code _} are
 * not the archive's (files still being written, markers) and are never read. Both the Flink archive sink and the
 * importer write this layout; the replay reads it.
 */
public final class ArchiveLayout {

    /** The suffix of archive files. */
    public static final String SUFFIX = ".avro";

    private static final Pattern FEED_ALLOWED = Pattern.compile("[a-z0-9._-]+");
    private static final Pattern DATE_DIR = Pattern.compile("date=(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern FEED_DIR = Pattern.compile("feed=([a-z0-9._-]+)");

    private ArchiveLayout() {
    }

    /**
     * A feed as a partition value: lower case, every character outside {@code [a-z0-9._-]} replaced by {@code -};
     * a blank feed is {@code none}.
     */
    public static String feedValue(String feed) {
        if (feed == null || feed.isBlank()) {
            return "none";
        }
        String v = feed.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return FEED_ALLOWED.matcher(v).matches() ? v : "none";
    }

    /** The UTC date of an instant: the {@code date=} partition of a record of that time. */
    public static LocalDate dateOf(Instant time) {
        return time.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The partition directory of a dataset, date and feed, relative to the archive root ({@code /} separated). */
    public static String partition(ArchiveDataset<?> dataset, LocalDate date, String feed) {
        return dataset.name() + "/date=" + date + "/feed=" + feedValue(feed);
    }

    /** Whether a file name is an archive file (not hidden, not a marker, {@link #SUFFIX}). */
    public static boolean isArchiveFile(String fileName) {
        return !fileName.startsWith(".") && !fileName.startsWith("_") && fileName.endsWith(SUFFIX);
    }

    /** The date of a {@code date=YYYY-MM-DD} directory name. */
    public static Optional<LocalDate> dateDirectory(String directoryName) {
        Matcher m = DATE_DIR.matcher(directoryName);
        return m.matches() ? Optional.of(LocalDate.parse(m.group(1))) : Optional.empty();
    }

    /** The feed of a {@code feed=FEED} directory name. */
    public static Optional<String> feedDirectory(String directoryName) {
        Matcher m = FEED_DIR.matcher(directoryName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
