package io.gridai.protocols.modbus;

/** Modbus function, exception and diagnostic sub-function names (as Zeek's modbus logs print them). */
public final class FunctionCode {

    private FunctionCode() {
    }

    /** The function's name, e.g. {@code READ_HOLDING_REGISTERS}; {@code UNKNOWN_n} for codes without one. */
    public static String name(int code) {
        return switch (code & 0x7f) {
            case 1 -> "READ_COILS";
            case 2 -> "READ_DISCRETE_INPUTS";
            case 3 -> "READ_HOLDING_REGISTERS";
            case 4 -> "READ_INPUT_REGISTERS";
            case 5 -> "WRITE_SINGLE_COIL";
            case 6 -> "WRITE_SINGLE_REGISTER";
            case 7 -> "READ_EXCEPTION_STATUS";
            case 8 -> "DIAGNOSTICS";
            case 11 -> "GET_COMM_EVENT_COUNTER";
            case 12 -> "GET_COMM_EVENT_LOG";
            case 15 -> "WRITE_MULTIPLE_COILS";
            case 16 -> "WRITE_MULTIPLE_REGISTERS";
            case 17 -> "REPORT_SLAVE_ID";
            case 20 -> "READ_FILE_RECORD";
            case 21 -> "WRITE_FILE_RECORD";
            case 22 -> "MASK_WRITE_REGISTER";
            case 23 -> "READ_WRITE_MULTIPLE_REGISTERS";
            case 24 -> "READ_FIFO_QUEUE";
            case 43 -> "ENCAP_INTERFACE_TRANSPORT";
            default -> "UNKNOWN_" + (code & 0x7f);
        };
    }

    /** Exception code names (Modbus Application Protocol 1.1b3, section 7). */
    public static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "ILLEGAL_FUNCTION";
            case 2 -> "ILLEGAL_DATA_ADDRESS";
            case 3 -> "ILLEGAL_DATA_VALUE";
            case 4 -> "SLAVE_DEVICE_FAILURE";
            case 5 -> "ACKNOWLEDGE";
            case 6 -> "SLAVE_DEVICE_BUSY";
            case 8 -> "MEMORY_PARITY_ERROR";
            case 10 -> "GATEWAY_PATH_UNAVAILABLE";
            case 11 -> "GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND";
            default -> "UNKNOWN_EXCEPTION_" + code;
        };
    }

    /** Diagnostics (function 8) sub-function names. */
    public static String diagnosticName(int sub) {
        return switch (sub) {
            case 0 -> "Return Query Data";
            case 1 -> "Restart Communications Option";
            case 2 -> "Return Diagnostic Register";
            case 3 -> "Change ASCII Input Delimiter";
            case 4 -> "Force Listen Only Mode";
            case 10 -> "Clear Counters and Diagnostic Register";
            case 11 -> "Return Bus Message Count";
            case 12 -> "Return Bus Communication Error Count";
            case 13 -> "Return Bus Exception Error Count";
            case 14 -> "Return Slave Message Count";
            case 15 -> "Return Slave No Response Count";
            case 16 -> "Return Slave NAK Count";
            case 17 -> "Return Slave Busy Count";
            case 18 -> "Return Bus Character Overrun Count";
            case 20 -> "Clear Overrun Counter and Flag";
            default -> "reserved";
        };
    }
}
