package io.gridai.protocols.iec104;

import java.util.Map;

/** Information element parts (IEC 60870-5-101 7.2.6) with their sizes and how they are printed. Little-endian. */
enum Part {
    /** Single-point information with quality: value bit 0, BL, SB, NT, IV. */
    SIQ(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("value", (f[at] & 1) != 0);
            quality(f[at], o, false);
        }
    },
    /** Double-point information with quality: 0 and 3 indeterminate, 1 off, 2 on. */
    DIQ(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            int dpi = f[at] & 3;
            o.put("value", dpi);
            o.put("state", switch (dpi) {
                case 1 -> "off";
                case 2 -> "on";
                default -> "indeterminate";
            });
            quality(f[at], o, false);
        }
    },
    /** Value with transient state: 7-bit signed step position, bit 7 transient. */
    VTI(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("value", (f[at] << 25) >> 25);
            o.put("transient", (f[at] & 0x80) != 0);
        }
    },
    /** Bitstring of 32 bits. */
    BSI(4) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("value", Integer.toUnsignedLong(i32(f, at)));
        }
    },
    /** Normalized value: signed 16-bit / 32768. */
    NVA(2) {
        void put(byte[] f, int at, Map<String, Object> o) {
            int raw = (short) i16(f, at);
            o.put("value", raw / 32768.0);
            o.put("raw", raw);
        }
    },
    /** Scaled value: signed 16-bit. */
    SVA(2) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("value", (short) i16(f, at));
        }
    },
    /** Short floating point (IEEE 754 single). */
    FLOAT(4) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("value", (double) Float.intBitsToFloat(i32(f, at)));
        }
    },
    /** Quality descriptor: OV bit 0, BL, SB, NT, IV. */
    QDS(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            quality(f[at], o, true);
        }
    },
    /** Binary counter reading: 32-bit count, sequence number, CY, CA, IV. */
    BCR(5) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("value", i32(f, at));
            o.put("sequence", f[at + 4] & 0x1f);
            o.put("carry", (f[at + 4] & 0x20) != 0);
            o.put("adjusted", (f[at + 4] & 0x40) != 0);
            o.put("iv", (f[at + 4] & 0x80) != 0);
        }
    },
    /** Status and change detection: 16 status bits, 16 change bits. */
    SCD(4) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("status", i16(f, at));
            o.put("change", i16(f, at + 2));
        }
    },
    /** Single event of protection equipment. */
    SEP(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("event_state", f[at] & 3);
            o.put("elapsed_time_invalid", (f[at] & 0x08) != 0);
            quality(f[at], o, false);
        }
    },
    /** Start events of protection equipment. */
    SPE(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("start_events", f[at] & 0x3f);
        }
    },
    /** Output circuit information. */
    OCI(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("output_circuits", f[at] & 0x0f);
        }
    },
    /** Quality descriptor for protection events: EI, BL, SB, NT, IV. */
    QDP(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("elapsed_time_invalid", (f[at] & 0x08) != 0);
            quality(f[at], o, false);
        }
    },
    /** Single command: state bit 0, qualifier bits 2–6, select/execute bit 7. */
    SCO(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("value", (f[at] & 1) != 0);
            command(f[at], o);
        }
    },
    /** Double command: state bits 0–1 (1 off, 2 on). */
    DCO(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("value", f[at] & 3);
            command(f[at], o);
        }
    },
    /** Regulating step command: 1 lower, 2 higher. */
    RCO(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("value", f[at] & 3);
            command(f[at], o);
        }
    },
    /** Qualifier of set-point command: QL bits 0–6, select/execute bit 7. */
    QOS(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("qualifier", f[at] & 0x7f);
            o.put("select", (f[at] & 0x80) != 0);
        }
    },
    /** Qualifier of interrogation: 20 station, 21–36 groups 1–16. */
    QOI(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("qoi", f[at] & 0xff);
        }
    },
    /** Qualifier of counter interrogation. */
    QCC(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("request", f[at] & 0x3f);
            o.put("freeze", f[at] >> 6 & 3);
        }
    },
    /** Fixed test bit pattern (0x55AA). */
    FBP(2) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("test_pattern", i16(f, at));
        }
    },
    /** Qualifier of reset process command. */
    QRP(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("qrp", f[at] & 0xff);
        }
    },
    /** Test sequence counter. */
    TSC(2) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("test_counter", i16(f, at));
        }
    },
    /** Qualifier of parameter of measured values. */
    QPM(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("kpa", f[at] & 0x3f);
            o.put("lpc", (f[at] & 0x40) != 0);
            o.put("pop", (f[at] & 0x80) != 0);
        }
    },
    /** Qualifier of parameter activation. */
    QPA(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("qpa", f[at] & 0xff);
        }
    },
    /** Cause of initialization. */
    COI(1) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("coi", f[at] & 0x7f);
            o.put("after_parameter_change", (f[at] & 0x80) != 0);
        }
    },
    /** Two-octet binary time in milliseconds (elapsed time or delay). */
    CP16(2) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("elapsed_ms", i16(f, at));
        }
    },
    /** Three-octet binary time: milliseconds and minutes. */
    CP24(3) {
        void put(byte[] f, int at, Map<String, Object> o) {
            o.put("time_ms", i16(f, at));
            o.put("time_minute", f[at + 2] & 0x3f);
            o.put("time_invalid", (f[at + 2] & 0x80) != 0);
        }
    },
    /** Seven-octet binary time (CP56Time2a), printed as local date-time without zone. */
    CP56(7) {
        void put(byte[] f, int at, Map<String, Object> o) {
            Cp56Time2a t = Cp56Time2a.decode(f, at);
            o.put("time", t.text());
            o.put("time_invalid", t.invalid());
            o.put("summer_time", t.summerTime());
        }
    };

    private final int bytes;

    Part(int bytes) {
        this.bytes = bytes;
    }

    int bytes() {
        return bytes;
    }

    abstract void put(byte[] f, int at, Map<String, Object> o);

    static int i16(byte[] f, int at) {
        return (f[at] & 0xff) | (f[at + 1] & 0xff) << 8;
    }

    static int i32(byte[] f, int at) {
        return (f[at] & 0xff) | (f[at + 1] & 0xff) << 8 | (f[at + 2] & 0xff) << 16 | (f[at + 3] & 0xff) << 24;
    }

    private static void quality(byte q, Map<String, Object> o, boolean overflow) {
        if (overflow) {
            o.put("ov", (q & 0x01) != 0);
        }
        o.put("bl", (q & 0x10) != 0);
        o.put("sb", (q & 0x20) != 0);
        o.put("nt", (q & 0x40) != 0);
        o.put("iv", (q & 0x80) != 0);
    }

    private static void command(byte c, Map<String, Object> o) {
        o.put("qualifier", c >> 2 & 0x1f);
        o.put("select", (c & 0x80) != 0);
    }
}
