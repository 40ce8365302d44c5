package io.gridai.protocols.c37118;

/** C37.118.2 frame types (SYNC bits 6–4), with the names printed in {@code frame_type}. */
public enum FrameType {
    DATA(0, "Data"), HEADER(1, "Header"), CFG1(2, "CFG1"), CFG2(3, "CFG2"), COMMAND(4, "Command"), CFG3(5, "CFG3");

    private final int code;
    private final String label;

    FrameType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** As printed: Data, Header, CFG1, CFG2, CFG3, Command (the names Zeek's synchrophasor logs use). */
    public String label() {
        return label;
    }

    /** The type with SYNC code {@code code}, or null for the reserved codes 6 and 7. */
    public static FrameType of(int code) {
        for (FrameType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    public boolean isConfig() {
        return this == CFG1 || this == CFG2 || this == CFG3;
    }
}
