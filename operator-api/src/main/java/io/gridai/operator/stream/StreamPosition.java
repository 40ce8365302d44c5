package io.gridai.operator.stream;

import java.util.Arrays;

/**
 * A position in a topic as an SSE event id: for every partition the next offset to read, written
 * {@code <partition>-<offset>} and joined by {@code _}, e.g. {@code 0-17_1-4_2-9}. The id of an event is the position
 * just after its record, so "the events after id X" are exactly the records at or past X's offset in their partition:
 * an id maps straight back to Kafka offsets and survives a restart of the service.
 */
public final class StreamPosition {

    private StreamPosition() {
    }

    /** The id of a position. */
    public static String format(long[] next) {
        StringBuilder b = new StringBuilder(next.length * 8);
        for (int p = 0; p < next.length; p++) {
            if (p > 0) {
                b.append('_');
            }
            b.append(p).append('-').append(next[p]);
        }
        return b.toString();
    }

    /**
     * The position an id names, for a topic of {@code partitions} partitions.
     *
     * @throws IllegalArgumentException when the id is not one of this topic's positions
     */
    public static long[] parse(String id, int partitions) {
        long[] next = new long[partitions];
        Arrays.fill(next, -1);
        String[] parts = id.strip().split("_");
        if (parts.length != partitions) {
            throw new IllegalArgumentException("'" + id + "' names " + parts.length + " partitions; this stream's ids"
                    + " name all " + partitions + " as <partition>-<offset> joined by _");
        }
        for (String part : parts) {
            int dash = part.indexOf('-');
            try {
                int p = Integer.parseInt(part.substring(0, Math.max(dash, 0)));
                long offset = Long.parseLong(part.substring(dash + 1));
                if (p < 0 || p >= partitions || offset < 0 || next[p] != -1) {
                    throw new NumberFormatException();
                }
                next[p] = offset;
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("'" + id + "' is not a stream position: '" + part
                        + "' is not <partition>-<offset> of a partition 0.." + (partitions - 1) + " named once");
            }
        }
        return next;
    }
}
