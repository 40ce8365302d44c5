package io.gridai.protocols.iec104;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridai.protocols.decode.Cut;
import io.gridai.protocols.decode.Decoding;
import io.gridai.protocols.decode.FrameCutter;
import io.gridai.protocols.decode.FrameDecoder;
import io.gridai.protocols.decode.Hex;
import io.gridai.protocols.pcap.Flow;

/**
 * Decodes IEC 60870-5-104 APDUs: the APCI (I, S and U formats with sequence numbers and U functions) and, for I
 * frames, the ASDU with the standard's default field sizes (2-byte cause of transmission with originator address,
 * 2-byte common address, 3-byte information object address): type id, SQ and count, cause with its test and
 * negative bits, and each information object's address, value and quality descriptor (IV, NT, SB, BL, OV) for the
 * types in {@link AsduType}. An ASDU of a type not listed there is reported with its objects as hex.
 */
public final class Iec104Decoder implements FrameDecoder {

    /** The registered IEC 104 port. */
    public static final int PORT = 2404;

    private static final FrameCutter CUTTER = Iec104Decoder::cut;

    @Override
    public FrameCutter cutter() {
        return CUTTER;
    }

    static Cut cut(byte[] b, int from, int to, boolean endOfData) {
        if ((b[from] & 0xff) != 0x68) {
            int next = from + 1;
            while (next < to && (b[next] & 0xff) != 0x68) {
                next++;
            }
            return new Cut.Skip(next - from, () -> "no IEC 104 start byte (0x68) here");
        }
        if (to - from < 2) {
            return endOfData ? new Cut.Skip(1, () -> "APDU cut short after its start byte") : Cut.NEED_MORE;
        }
        int length = b[from + 1] & 0xff;
        if (length < 4 || length > 253) {
            return new Cut.Skip(1, () -> "APDU length " + length + " outside 4..253");
        }
        if (to - from < length + 2) {
            return endOfData ? new Cut.Skip(1, () -> "APDU cut short: length " + length + " needs " + (length + 2)
                    + " bytes, " + (to - from) + " follow") : Cut.NEED_MORE;
        }
        return new Cut.Frame(length + 2);
    }

    @Override
    public Decoding decode(byte[] frame, Flow flow) {
        if (frame.length < 6 || (frame[0] & 0xff) != 0x68) {
            return Decoding.failed("not an IEC 104 APDU: needs 0x68, a length and 4 control bytes");
        }
        int length = frame[1] & 0xff;
        if (length != frame.length - 2) {
            return Decoding.failed("APDU length " + length + " but " + (frame.length - 2) + " bytes follow it");
        }
        int c1 = frame[2] & 0xff;
        int c2 = frame[3] & 0xff;
        int c3 = frame[4] & 0xff;
        int c4 = frame[5] & 0xff;
        Map<String, Object> m = new LinkedHashMap<>();
        if ((c1 & 1) == 0) {
            m.put("apci", "I");
            m.put("send_seq", (c1 >> 1) | (c2 << 7));
            m.put("recv_seq", (c3 >> 1) | (c4 << 7));
            if (frame.length < 12) {
                return Decoding.failed("I frame with " + (frame.length - 6) + " ASDU bytes; the ASDU header alone is 6");
            }
            String problem = asdu(frame, 6, m);
            return problem == null ? new Decoding.Decoded(m) : Decoding.failed(problem);
        }
        if ((c1 & 3) == 1) {
            m.put("apci", "S");
            m.put("recv_seq", (c3 >> 1) | (c4 << 7));
            if (frame.length != 6) {
                return Decoding.failed("S frame with " + (frame.length - 6) + " bytes after its control field");
            }
            return new Decoding.Decoded(m);
        }
        m.put("apci", "U");
        String function = switch (c1) {
            case 0x07 -> "STARTDT act";
            case 0x0b -> "STARTDT con";
            case 0x13 -> "STOPDT act";
            case 0x23 -> "STOPDT con";
            case 0x43 -> "TESTFR act";
            case 0x83 -> "TESTFR con";
            default -> null;
        };
        if (function == null) {
            return Decoding.failed(String.format("U frame control byte 0x%02x names no single U function", c1));
        }
        if (frame.length != 6) {
            return Decoding.failed("U frame with " + (frame.length - 6) + " bytes after its control field");
        }
        m.put("u_function", function);
        return new Decoding.Decoded(m);
    }

    private static String asdu(byte[] f, int at, Map<String, Object> m) {
        int typeId = f[at] & 0xff;
        int vsq = f[at + 1] & 0xff;
        boolean sequence = (vsq & 0x80) != 0;
        int count = vsq & 0x7f;
        int cot = f[at + 2] & 0xff;
        int originator = f[at + 3] & 0xff;
        int commonAddress = (f[at + 4] & 0xff) | (f[at + 5] & 0xff) << 8;
        AsduType type = AsduType.of(typeId);
        m.put("type_id", typeId);
        m.put("type", type == null ? "unknown" : type.name());
        m.put("sq", sequence);
        m.put("num_objects", count);
        m.put("cot", cot & 0x3f);
        m.put("cause", CauseOfTransmission.name(cot & 0x3f));
        m.put("negative", (cot & 0x40) != 0);
        m.put("test", (cot & 0x80) != 0);
        m.put("originator_address", originator);
        m.put("common_address", commonAddress);
        int pos = at + 6;
        int left = f.length - pos;
        if (type == null) {
            m.put("objects_hex", Hex.of(f, pos, f.length));
            return null;
        }
        int element = type.elementBytes();
        long expected = sequence ? (count == 0 ? 0 : 3L + (long) count * element) : (long) count * (3 + element);
        if (expected != left) {
            return type.name() + " ASDU with " + count + (sequence ? " sequential" : "") + " objects of " + element
                    + " bytes needs " + expected + " bytes of objects, has " + left;
        }
        List<Map<String, Object>> objects = new ArrayList<>(count);
        int ioa = 0;
        for (int i = 0; i < count; i++) {
            if (!sequence || i == 0) {
                ioa = (f[pos] & 0xff) | (f[pos + 1] & 0xff) << 8 | (f[pos + 2] & 0xff) << 16;
                pos += 3;
            } else {
                ioa++;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("ioa", ioa);
            type.decode(f, pos, o);
            pos += element;
            objects.add(o);
        }
        m.put("objects", objects);
        return null;
    }
}
