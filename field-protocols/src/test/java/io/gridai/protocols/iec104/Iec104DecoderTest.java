package io.gridai.protocols.iec104;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridai.protocols.decode.FieldProtocol;
import io.gridai.protocols.decode.StreamDecoder;

/** Hand-made IEC 104 APDUs, well-formed and not. */
class Iec104DecoderTest {

    private static List<Map<String, Object>> decode(String hex) {
        List<Map<String, Object>> out = new ArrayList<>();
        new StreamDecoder(FieldProtocol.IEC104).decode(HexFormat.of().parseHex(hex), out::add);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Map<String, Object> frame) {
        return (List<Map<String, Object>>) frame.get("objects");
    }

    @Test
    void sequenceOfMeasuredValuesWithQuality() {
        // M_ME_NA_1, SQ=1, 2 objects from IOA 1: 0x7fff (0.99997) with QDS 0x00, 0x8000 (-1.0) with QDS 0x81 (IV, OV);
        // COT 0x43 = spontaneous with the P/N bit; CA 0x0a
        Map<String, Object> f = decode("68130400040009824300 0a00010000ff7f00008081".replace(" ", "")).get(0);
        assertThat(f).containsEntry("type", "M_ME_NA_1").containsEntry("sq", true).containsEntry("num_objects", 2)
                .containsEntry("cause", "spontaneous").containsEntry("negative", true);
        assertThat(objects(f).get(0)).containsEntry("ioa", 1).containsEntry("value", 32767 / 32768.0)
                .containsEntry("iv", false);
        assertThat(objects(f).get(1)).containsEntry("ioa", 2).containsEntry("value", -1.0).containsEntry("iv", true)
                .containsEntry("ov", true);
    }

    @Test
    void shortFloatWithBlockedAndSubstituted() {
        // M_ME_NC_1, 1 object, IOA 0x000102, 10.0f (00002041), QDS 0x30 (BL, SB)
        Map<String, Object> o = objects(decode("681204000400 0d01 0300 0a00 020100 00002041 30".replace(" ", "")).get(0)).get(0);
        assertThat(o).containsEntry("ioa", 0x0102).containsEntry("value", 10.0).containsEntry("bl", true)
                .containsEntry("sb", true).containsEntry("nt", false);
    }

    @Test
    void objectsThatDoNotFillTheAsduAreAnError() {
        // M_SP_NA_1 claiming 3 objects, carrying 2
        assertThat(decode("681204000400 0103 1400 0a00 01000001 02000000".replace(" ", ""))).singleElement()
                .satisfies(m -> assertThat((String) m.get("error")).contains("M_SP_NA_1").contains("needs 12"));
    }

    @Test
    void badApciIsAnError() {
        assertThat(decode("680417000000")).singleElement()
                .satisfies(m -> assertThat((String) m.get("error")).contains("U frame control byte 0x17"));
        assertThat(decode("68060100060000ff")).singleElement()
                .satisfies(m -> assertThat((String) m.get("error")).contains("S frame with 2 bytes"));
    }

    @Test
    void unknownTypeIdIsReportedAsHexNotAsAnError() {
        Map<String, Object> f = decode("680e04000400 7801 0d00 0a00 010000 ab".replace(" ", "")).get(0);
        assertThat(f).containsEntry("type_id", 120).containsEntry("type", "unknown").containsEntry("objects_hex", "010000ab");
    }
}
