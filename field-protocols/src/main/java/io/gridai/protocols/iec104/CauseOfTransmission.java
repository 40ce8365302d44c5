package io.gridai.protocols.iec104;

/** IEC 60870-5-101/104 cause of transmission names (6 bits). */
public final class CauseOfTransmission {

    private CauseOfTransmission() {
    }

    public static String name(int cause) {
        return switch (cause) {
            case 1 -> "periodic";
            case 2 -> "background";
            case 3 -> "spontaneous";
            case 4 -> "initialized";
            case 5 -> "request";
            case 6 -> "activation";
            case 7 -> "activation_con";
            case 8 -> "deactivation";
            case 9 -> "deactivation_con";
            case 10 -> "activation_termination";
            case 11 -> "return_remote";
            case 12 -> "return_local";
            case 13 -> "file_transfer";
            case 20 -> "interrogated_by_station";
            case 37 -> "requested_by_general_counter";
            case 44 -> "unknown_type_id";
            case 45 -> "unknown_cause";
            case 46 -> "unknown_common_address";
            case 47 -> "unknown_ioa";
            default -> {
                if (cause >= 21 && cause <= 36) {
                    yield "interrogated_by_group_" + (cause - 20);
                }
                if (cause >= 38 && cause <= 41) {
                    yield "requested_by_group_" + (cause - 37) + "_counter";
                }
                yield "reserved_" + cause;
            }
        };
    }
}
