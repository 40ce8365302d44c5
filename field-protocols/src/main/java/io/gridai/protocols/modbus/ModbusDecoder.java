package io.gridai.protocols.modbus;

import java.util.ArrayList;
import java.util.HashMap;
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
 * Decodes Modbus TCP application data units (MBAP header + PDU), requests and responses, for the public function
 * codes (1–8, 11, 12, 15–17, 20–24, 43) and exception responses. A frame going to port 502 is a request, one coming
 * from port 502 a response; otherwise a frame answering a pending request's transaction id on the reverse flow is a
 * response. Responses to reads carry the matched request's {@code address} and {@code quantity}.
 */
public final class ModbusDecoder implements FrameDecoder {

    /** The registered Modbus TCP port. */
    public static final int PORT = 502;
    /** Most unanswered requests remembered per capture. */
    static final int MAX_PENDING = 4096;

    private static final FrameCutter CUTTER = ModbusDecoder::cut;

    private record Pending(int function, int address, int quantity) {
    }

    private record Key(Flow requestFlow, int tid, int unit) {
    }

    private final Map<Key, Pending> pending = new HashMap<>();

    @Override
    public FrameCutter cutter() {
        return CUTTER;
    }

    /** MBAP: protocol id 0 and a length of 2 (unit id + function code) to 254 (RFC-less but the spec's PDU limit). */
    static Cut cut(byte[] b, int from, int to, boolean endOfData) {
        int have = to - from;
        if (have < 7) {
            return endOfData ? new Cut.Skip(have, () -> "Modbus TCP frame cut short: " + have + " bytes, the MBAP header alone"
                    + " is 7") : Cut.NEED_MORE;
        }
        int protocolId = (b[from + 2] & 0xff) << 8 | (b[from + 3] & 0xff);
        int length = (b[from + 4] & 0xff) << 8 | (b[from + 5] & 0xff);
        if (protocolId != 0) {
            return new Cut.Skip(1, () -> "MBAP protocol identifier " + protocolId + " is not 0 (Modbus)");
        }
        if (length < 2 || length > 254) {
            return new Cut.Skip(1, () -> "MBAP length " + length + " outside 2..254");
        }
        if (have < 6 + length) {
            return endOfData ? new Cut.Skip(1, () -> "Modbus TCP frame cut short: MBAP length " + length + " needs "
                    + (6 + length) + " bytes, " + have + " follow") : Cut.NEED_MORE;
        }
        return new Cut.Frame(6 + length);
    }

    @Override
    public Decoding decode(byte[] frame, Flow flow) {
        if (frame.length < 8) {
            return Decoding.failed("Modbus TCP frame of " + frame.length + " bytes: needs the 7-byte MBAP header and a"
                    + " function code");
        }
        int tid = u16(frame, 0);
        int protocolId = u16(frame, 2);
        int length = u16(frame, 4);
        int unit = frame[6] & 0xff;
        if (protocolId != 0) {
            return Decoding.failed("MBAP protocol identifier " + protocolId + " is not 0 (Modbus)");
        }
        if (length != frame.length - 6) {
            return Decoding.failed("MBAP length " + length + " but " + (frame.length - 6) + " bytes follow it");
        }
        int fc = frame[7] & 0xff;
        boolean response = isResponse(flow, tid, unit);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transaction_id", tid);
        m.put("unit_id", unit);
        m.put("direction", response ? "response" : "request");
        m.put("function_code", fc & 0x7f);
        m.put("function", FunctionCode.name(fc & 0x7f));
        Pdu p = new Pdu(frame, 8);
        Key key = flow == null ? null : new Key(response ? flow.reversed() : flow, tid, unit);
        Pending request = response && key != null ? pending.remove(key) : null;
        if (response && request == null && flow != null && !(flow.source().port() == PORT)) {
            // not from port 502 and nothing pending: cannot tell, decoded as a request
            m.put("direction", "request");
            response = false;
        }
        if (fc >= 0x80) {
            if (p.remaining() != 1) {
                return Decoding.failed("exception response with " + p.remaining() + " bytes after the function code,"
                        + " not 1");
            }
            int code = p.u8();
            m.put("exception", true);
            m.put("exception_code", code);
            m.put("exception_name", FunctionCode.exceptionName(code));
            if (request != null && request.address() >= 0) {
                m.put("address", request.address());
                m.put("quantity", request.quantity());
            }
            return new Decoding.Decoded(m);
        }
        m.put("exception", false);
        String problem = response ? response(fc, p, m, request) : request(fc, p, m);
        if (problem != null) {
            return Decoding.failed(FunctionCode.name(fc) + (response ? " response: " : " request: ") + problem);
        }
        if (!response && key != null) {
            if (pending.size() >= MAX_PENDING) {
                pending.clear();
            }
            pending.put(key, new Pending(fc, (int) m.getOrDefault("address", -1),
                    (int) m.getOrDefault("quantity", -1)));
        }
        return new Decoding.Decoded(m);
    }

    private boolean isResponse(Flow flow, int tid, int unit) {
        if (flow == null) {
            return false;
        }
        if (flow.destination().port() == PORT && flow.source().port() != PORT) {
            return false;
        }
        if (flow.source().port() == PORT && flow.destination().port() != PORT) {
            return true;
        }
        return pending.containsKey(new Key(flow.reversed(), tid, unit));
    }

    /** Null when decoded into {@code m}; else what is wrong. */
    private static String request(int fc, Pdu p, Map<String, Object> m) {
        switch (fc) {
            case 1, 2, 3, 4 -> {
                if (p.remaining() != 4) {
                    return "needs address and quantity (4 bytes), has " + p.remaining();
                }
                m.put("address", p.u16());
                m.put("quantity", p.u16());
            }
            case 5, 6 -> {
                if (p.remaining() != 4) {
                    return "needs address and value (4 bytes), has " + p.remaining();
                }
                m.put("address", p.u16());
                int v = p.u16();
                m.put("value", fc == 5 ? coil(v) : v);
                if (fc == 5 && v != 0xff00 && v != 0) {
                    return String.format("coil value 0x%04x is neither 0xFF00 (on) nor 0x0000 (off)", v);
                }
            }
            case 15, 16 -> {
                if (p.remaining() < 5) {
                    return "needs address, quantity and byte count (5 bytes), has " + p.remaining();
                }
                int address = p.u16();
                int quantity = p.u16();
                int count = p.u8();
                if (count != p.remaining()) {
                    return "byte count " + count + " but " + p.remaining() + " bytes follow";
                }
                int needed = fc == 15 ? (quantity + 7) / 8 : quantity * 2;
                if (count != needed) {
                    return "byte count " + count + " does not fit quantity " + quantity + " (needs " + needed + ")";
                }
                m.put("address", address);
                m.put("quantity", quantity);
                m.put("byte_count", count);
                m.put(fc == 15 ? "values" : "registers", fc == 15 ? p.bits(quantity) : p.registers(quantity));
            }
            case 22 -> {
                if (p.remaining() != 6) {
                    return "needs address, AND mask and OR mask (6 bytes), has " + p.remaining();
                }
                m.put("address", p.u16());
                m.put("and_mask", p.u16());
                m.put("or_mask", p.u16());
            }
            case 23 -> {
                if (p.remaining() < 9) {
                    return "needs read and write address/quantity and byte count (9 bytes), has " + p.remaining();
                }
                int readAddress = p.u16();
                int readQuantity = p.u16();
                int writeAddress = p.u16();
                int writeQuantity = p.u16();
                int count = p.u8();
                if (count != p.remaining() || count != writeQuantity * 2) {
                    return "byte count " + count + " with write quantity " + writeQuantity + " and " + p.remaining()
                            + " bytes following";
                }
                m.put("address", readAddress);
                m.put("quantity", readQuantity);
                m.put("read_address", readAddress);
                m.put("read_quantity", readQuantity);
                m.put("write_address", writeAddress);
                m.put("write_quantity", writeQuantity);
                m.put("byte_count", count);
                m.put("write_registers", p.registers(writeQuantity));
            }
            case 24 -> {
                if (p.remaining() != 2) {
                    return "needs the FIFO pointer address (2 bytes), has " + p.remaining();
                }
                m.put("address", p.u16());
            }
            case 8 -> {
                return diagnostics(p, m);
            }
            case 43 -> {
                return encapsulated(p, m);
            }
            default -> {
                if (p.remaining() > 0) {
                    m.put("data", p.hexRest());
                }
            }
        }
        return null;
    }

    private static String response(int fc, Pdu p, Map<String, Object> m, Pending request) {
        switch (fc) {
            case 1, 2, 3, 4, 23 -> {
                if (p.remaining() < 1) {
                    return "needs a byte count";
                }
                int count = p.u8();
                if (count != p.remaining()) {
                    return "byte count " + count + " but " + p.remaining() + " bytes follow";
                }
                if (request != null) {
                    m.put("address", request.address());
                    m.put("quantity", request.quantity());
                }
                m.put("byte_count", count);
                if (fc == 1 || fc == 2) {
                    int bits = request != null && request.quantity() > 0 && request.quantity() <= count * 8
                            ? request.quantity() : count * 8;
                    m.put("values", p.bits(bits));
                } else {
                    if (count % 2 != 0) {
                        return "odd byte count " + count + " for 16-bit registers";
                    }
                    m.put("registers", p.registers(count / 2));
                }
            }
            case 5, 6, 15, 16 -> {
                if (p.remaining() != 4) {
                    return "needs address and value/quantity (4 bytes), has " + p.remaining();
                }
                m.put("address", p.u16());
                int v = p.u16();
                if (fc == 5) {
                    m.put("value", coil(v));
                } else if (fc == 6) {
                    m.put("value", v);
                } else {
                    m.put("quantity", v);
                }
            }
            case 22 -> {
                if (p.remaining() != 6) {
                    return "needs address, AND mask and OR mask (6 bytes), has " + p.remaining();
                }
                m.put("address", p.u16());
                m.put("and_mask", p.u16());
                m.put("or_mask", p.u16());
            }
            case 24 -> {
                if (p.remaining() < 4) {
                    return "needs byte count and FIFO count (4 bytes), has " + p.remaining();
                }
                int count = p.u16();
                int fifo = p.u16();
                if (count != p.remaining() + 2 || fifo * 2 != p.remaining()) {
                    return "byte count " + count + " / FIFO count " + fifo + " do not fit the " + p.remaining()
                            + " bytes that follow";
                }
                if (request != null) {
                    m.put("address", request.address());
                }
                m.put("fifo_count", fifo);
                m.put("registers", p.registers(fifo));
            }
            case 7 -> {
                if (p.remaining() != 1) {
                    return "needs the exception status byte, has " + p.remaining() + " bytes";
                }
                m.put("status", p.u8());
            }
            case 8 -> {
                return diagnostics(p, m);
            }
            case 43 -> {
                return encapsulated(p, m);
            }
            default -> {
                if (p.remaining() > 0) {
                    m.put("data", p.hexRest());
                }
            }
        }
        return null;
    }

    private static int coil(int v) {
        return v == 0xff00 ? 1 : 0;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    /** A PDU's bytes after the function code; callers check {@link #remaining()} before reading. */
    private static final class Pdu {
        private final byte[] b;
        private int pos;

        Pdu(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        int remaining() {
            return b.length - pos;
        }

        int u8() {
            return b[pos++] & 0xff;
        }

        int u16() {
            int v = ModbusDecoder.u16(b, pos);
            pos += 2;
            return v;
        }

        List<Integer> registers(int n) {
            int count = Math.min(n, remaining() / 2);
            List<Integer> r = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                r.add(u16());
            }
            return r;
        }

        List<Integer> bits(int n) {
            int count = Math.min(n, remaining() * 8);
            List<Integer> r = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                r.add(b[pos + i / 8] >> (i % 8) & 1);
            }
            pos += (count + 7) / 8;
            return r;
        }

        String hexRest() {
            String s = Hex.of(b, pos, b.length);
            pos = b.length;
            return s;
        }
    }

    /** Diagnostics (function 8), the same layout asked and echoed: a sub-function and its data. */
    private static String diagnostics(Pdu p, Map<String, Object> m) {
        if (p.remaining() < 2) {
            return "needs a sub-function (2 bytes), has " + p.remaining();
        }
        int sub = p.u16();
        m.put("sub_function", sub);
        m.put("sub_function_name", FunctionCode.diagnosticName(sub));
        m.put("data", p.hexRest());
        return null;
    }

    /** Encapsulated interface transport (function 43), asked and answered: an MEI type and its data. */
    private static String encapsulated(Pdu p, Map<String, Object> m) {
        if (p.remaining() < 1) {
            return "needs an MEI type";
        }
        int mei = p.u8();
        m.put("mei_type", mei);
        m.put("mei_name", mei == 14 ? "Read Device Identification" : mei == 13 ? "CANopen General Reference"
                : "reserved");
        m.put("data", p.hexRest());
        return null;
    }
}
