package io.gridai.protocols.c37118;

import java.util.List;

/** A 16-bit digital status word: its 16 channel names (bit 15 first... as sent) and DIGUNIT's two masks. */
public record DigitalWord(List<String> names, int normalStatusMask, int validInputsMask) {

    public DigitalWord {
        names = List.copyOf(names);
    }
}
