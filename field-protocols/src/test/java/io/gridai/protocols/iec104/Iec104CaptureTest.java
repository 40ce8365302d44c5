package io.gridai.protocols.iec104;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gridai.protocols.SharedCaptures;
import io.gridai.protocols.decode.FieldProtocol;

/**
 * The IEC 104 capture (no Zeek decode of it is in the shared data): every APDU decodes, and a few values checked by
 * hand against the bytes (the hex in each test's comment, read with IEC 60870-5-101/104).
 */
class Iec104CaptureTest {

    private static SharedCaptures.Decoded decoded;

    @BeforeAll
    static void decode() {
        decoded = SharedCaptures.decode(SharedCaptures.require("iec104/iec104.pcap"), FieldProtocol.IEC104);
    }

    private static Map<String, Object> frame(int packet, String type) {
        return decoded.frames().stream().filter(f -> (int) f.get("packet") == packet && type.equals(f.get("type")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " in packet " + packet));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> frame, int index) {
        return ((List<Map<String, Object>>) frame.get("objects")).get(index);
    }

    @Test
    void everyApduDecodes() {
        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.frames()).extracting(f -> f.get("apci")).contains("I", "S", "U");
        // the capture exercises monitor, command and system types, time-tagged ones included
        assertThat(decoded.frames()).extracting(f -> f.get("type")).contains("M_SP_NA_1", "M_DP_NA_1", "M_ME_NA_1",
                "M_ME_NB_1", "M_ME_NC_1", "M_SP_TB_1", "M_ME_TF_1", "C_IC_NA_1", "C_SC_NA_1", "C_DC_NA_1", "C_SE_NC_1");
    }

    @Test
    void singleCommandByHand() {
        // packet 19: 68 0e 04 00 42 00 | 2d 01 06 00 0a 00 | 02 00 00 | 01
        // I frame N(S) 0x04>>1 = 2, N(R) 0x42>>1 = 33; type 45 C_SC_NA_1, 1 object, COT 6 activation, CA 10, IOA 2,
        // SCO 0x01: ON, execute
        Map<String, Object> f = frame(19, "C_SC_NA_1");
        assertThat(f).containsEntry("apci", "I").containsEntry("send_seq", 2).containsEntry("recv_seq", 33)
                .containsEntry("cot", 6).containsEntry("cause", "activation").containsEntry("common_address", 10)
                .containsEntry("num_objects", 1).containsEntry("negative", false).containsEntry("test", false);
        assertThat(object(f, 0)).containsEntry("ioa", 2).containsEntry("value", true).containsEntry("select", false);
    }

    @Test
    void cp56TimeTagByHand() {
        // packet 13, M_SP_TB_1 (type 0x1e), first object: IOA 0b 00 00, SIQ 00, CP56 31 10 17 08 84 07 0d:
        // 0x1031 = 4145 ms, minute 0x17 = 23, hour 8, day 0x84 & 0x1f = 4, month 7, year 2000 + 13
        Map<String, Object> f = frame(13, "M_SP_TB_1");
        assertThat(f).containsEntry("cause", "interrogated_by_station").containsEntry("num_objects", 4);
        assertThat(object(f, 0)).containsEntry("ioa", 11).containsEntry("value", false).containsEntry("iv", false)
                .containsEntry("time", "2013-07-04T08:23:04.145").containsEntry("time_invalid", false)
                .containsEntry("summer_time", false);
        assertThat(object(f, 3)).containsEntry("ioa", 14);
    }

    @Test
    void interrogationAndQualityByHand() {
        // packet 8: C_IC_NA_1, COT 6, CA 10, IOA 0, QOI 0x14 = 20 (station interrogation)
        assertThat(object(frame(8, "C_IC_NA_1"), 0)).containsEntry("ioa", 0).containsEntry("qoi", 20);
        // packet 13, M_ME_NA_1 (type 0x09): objects 01 00 00 | 00 00 | 00 …: normalized 0, QDS 0 (no OV/BL/SB/NT/IV)
        Map<String, Object> me = frame(13, "M_ME_NA_1");
        assertThat(object(me, 0)).containsEntry("ioa", 1).containsEntry("value", 0.0).containsEntry("ov", false)
                .containsEntry("bl", false).containsEntry("sb", false).containsEntry("nt", false).containsEntry("iv", false);
    }
}
