package io.gridai.protocols.iec104;

import java.util.List;
import java.util.Map;

import static io.gridai.protocols.iec104.Part.*;

/** ASDU type identifications this decoder understands, with their information element layout. */
public enum AsduType {
    M_SP_NA_1(1, SIQ), M_SP_TA_1(2, SIQ, CP24), M_DP_NA_1(3, DIQ), M_DP_TA_1(4, DIQ, CP24), M_ST_NA_1(5, VTI, QDS),
    M_ST_TA_1(6, VTI, QDS, CP24), M_BO_NA_1(7, BSI, QDS), M_BO_TA_1(8, BSI, QDS, CP24), M_ME_NA_1(9, NVA, QDS),
    M_ME_TA_1(10, NVA, QDS, CP24), M_ME_NB_1(11, SVA, QDS), M_ME_TB_1(12, SVA, QDS, CP24), M_ME_NC_1(13, FLOAT, QDS),
    M_ME_TC_1(14, FLOAT, QDS, CP24), M_IT_NA_1(15, BCR), M_IT_TA_1(16, BCR, CP24), M_EP_TA_1(17, SEP, CP16, CP24),
    M_EP_TB_1(18, SPE, QDP, CP16, CP24), M_EP_TC_1(19, OCI, QDP, CP16, CP24), M_PS_NA_1(20, SCD, QDS),
    M_ME_ND_1(21, NVA), M_SP_TB_1(30, SIQ, CP56), M_DP_TB_1(31, DIQ, CP56), M_ST_TB_1(32, VTI, QDS, CP56),
    M_BO_TB_1(33, BSI, QDS, CP56), M_ME_TD_1(34, NVA, QDS, CP56), M_ME_TE_1(35, SVA, QDS, CP56),
    M_ME_TF_1(36, FLOAT, QDS, CP56), M_IT_TB_1(37, BCR, CP56), M_EP_TD_1(38, SEP, CP16, CP56),
    M_EP_TE_1(39, SPE, QDP, CP16, CP56), M_EP_TF_1(40, OCI, QDP, CP16, CP56), C_SC_NA_1(45, SCO), C_DC_NA_1(46, DCO),
    C_RC_NA_1(47, RCO), C_SE_NA_1(48, NVA, QOS), C_SE_NB_1(49, SVA, QOS), C_SE_NC_1(50, FLOAT, QOS),
    C_BO_NA_1(51, BSI), C_SC_TA_1(58, SCO, CP56), C_DC_TA_1(59, DCO, CP56), C_RC_TA_1(60, RCO, CP56),
    C_SE_TA_1(61, NVA, QOS, CP56), C_SE_TB_1(62, SVA, QOS, CP56), C_SE_TC_1(63, FLOAT, QOS, CP56),
    C_BO_TA_1(64, BSI, CP56), M_EI_NA_1(70, COI), C_IC_NA_1(100, QOI), C_CI_NA_1(101, QCC), C_RD_NA_1(102),
    C_CS_NA_1(103, CP56), C_TS_NA_1(104, FBP), C_RP_NA_1(105, QRP), C_CD_NA_1(106, CP16), C_TS_TA_1(107, TSC, CP56),
    P_ME_NA_1(110, NVA, QPM), P_ME_NB_1(111, SVA, QPM), P_ME_NC_1(112, FLOAT, QPM), P_AC_NA_1(113, QPA);

    private final int id;
    private final List<Part> parts;
    private final int elementBytes;

    AsduType(int id, Part... parts) {
        this.id = id;
        this.parts = List.of(parts);
        this.elementBytes = this.parts.stream().mapToInt(Part::bytes).sum();
    }

    public int id() {
        return id;
    }

    /** Bytes of one information element (without its address). */
    public int elementBytes() {
        return elementBytes;
    }

    void decode(byte[] f, int at, Map<String, Object> o) {
        int pos = at;
        for (Part p : parts) {
            p.put(f, pos, o);
            pos += p.bytes();
        }
    }

    /** The type with id {@code id}, or null when this decoder does not know its layout. */
    public static AsduType of(int id) {
        for (AsduType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
