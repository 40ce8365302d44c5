package io.gridai.protocols.c37118;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridai.protocols.SharedCaptures;
import io.gridai.protocols.decode.FieldProtocol;

/**
 * {@code c37_pmu_clean.pcap} has no Zeek decode. Checked by hand: its TCP stream from port 4712 has one segment
 * (packet 12) whose sequence number is one byte past its retransmission's (packet 14), and a 1035-byte hole before
 * packet 3890; those are its only two errors, everything else decodes with its configuration.
 */
class CleanCaptureTest {

    @Test
    void onlyTheTwoDamagedPlacesAreErrors() {
        SharedCaptures.Decoded d = SharedCaptures.decode(SharedCaptures.require("c37118/c37_pmu_clean.pcap"),
                FieldProtocol.C37118);
        List<Map<String, Object>> errors = d.errors();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).containsEntry("packet", 12);
        assertThat((String) errors.get(1).get("error")).contains("1035 bytes of the TCP stream are missing");
        assertThat(d.frames()).filteredOn(f -> "Data".equals(f.get("frame_type"))).isNotEmpty()
                .allSatisfy(f -> assertThat((List<?>) f.get("pmus")).isNotEmpty());
        assertThat(d.frames()).filteredOn(f -> "CFG2".equals(f.get("frame_type"))).isNotEmpty();
    }
}
