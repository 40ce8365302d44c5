package io.gridai.protocols.c37118;

import java.time.Instant;
import java.util.List;

/** A data frame decoded with its configuration; {@code time} is SOC + FRACSEC / TIME_BASE. */
public record DataFrame(Header header, Instant time, ConfigFrame config, List<PmuData> pmus) {

    public DataFrame {
        pmus = List.copyOf(pmus);
    }
}
