package io.gridai.protocols.c37118;

/**
 * A PMU's STAT word in a data frame (C37.118.2-2011 Table 7): bits 15–14 data error (0 good, 1 PMU error without
 * information about the data, 2 PMU in test mode or absent data tags, 3 PMU error, do not use), 13 PMU sync lost,
 * 12 data sorted by arrival, 11 PMU trigger, 10 configuration change pending, 9 data modified, 8–6 PMU time quality,
 * 5–4 unlocked time, 3–0 trigger reason.
 */
public record Stat(int word) {

    public int dataError() {
        return word >> 14 & 3;
    }

    public boolean syncLost() {
        return (word & 0x2000) != 0;
    }

    public boolean sortedByArrival() {
        return (word & 0x1000) != 0;
    }

    public boolean trigger() {
        return (word & 0x0800) != 0;
    }

    public boolean configChange() {
        return (word & 0x0400) != 0;
    }

    public boolean dataModified() {
        return (word & 0x0200) != 0;
    }

    /** 0 not used, 1 &lt; 100 ns … 7 &gt; 10 ms (Table 8 of the standard). */
    public int timeQuality() {
        return word >> 6 & 7;
    }

    /** 0 locked or unlocked &lt; 10 s, 1 &lt; 100 s, 2 &lt; 1000 s, 3 &gt; 1000 s. */
    public int unlockedTime() {
        return word >> 4 & 3;
    }

    public int triggerReason() {
        return word & 0xf;
    }
}
