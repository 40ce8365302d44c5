package io.gridai.protocols.c37118;

import java.util.List;

/**
 * A CFG-1, CFG-2 or CFG-3 frame: TIME_BASE (FRACSEC counts per second), the PMUs, DATA_RATE (frames per second
 * when positive, seconds per frame when negative) and, for CFG-3, CONT_IDX (0 when not fragmented).
 */
public record ConfigFrame(Header header, int continuationIndex, int timeBase, List<PmuConfig> pmus, int dataRate) {

    public ConfigFrame {
        pmus = List.copyOf(pmus);
    }

    /** Bytes of the PMU data in a data frame described by this configuration (FRAMESIZE less 16). */
    public long dataBytes() {
        return pmus.stream().mapToLong(PmuConfig::dataBytes).sum();
    }
}
