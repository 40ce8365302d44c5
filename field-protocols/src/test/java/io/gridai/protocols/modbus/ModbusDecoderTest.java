package io.gridai.protocols.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridai.protocols.decode.FieldProtocol;
import io.gridai.protocols.decode.StreamDecoder;

/** Hand-made Modbus TCP frames, well-formed and not. */
class ModbusDecoderTest {

    private static List<Map<String, Object>> decode(String hex) {
        List<Map<String, Object>> out = new ArrayList<>();
        new StreamDecoder(FieldProtocol.MODBUS).decode(HexFormat.of().parseHex(hex), out::add);
        return out;
    }

    @Test
    void writeMultipleRegistersRequest() {
        // tid 6, unit 5, FC 16, address 1, quantity 4, byte count 8, 0x00aa 0x00bb 0x00cc 0x00dd
        assertThat(decode("00060000000f0510000100040800aa00bb00cc00dd")).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("transaction_id", 6).containsEntry("unit_id", 5).containsEntry("function", "WRITE_MULTIPLE_REGISTERS")
                .containsEntry("address", 1).containsEntry("quantity", 4).containsEntry("registers", List.of(170, 187, 204, 221)));
    }

    @Test
    void byteCountThatDoesNotFitIsAnError() {
        // byte count 9 with 8 bytes following
        assertThat(decode("00060000000f0510000100040900aa00bb00cc00dd")).singleElement()
                .satisfies(m -> assertThat((String) m.get("error")).contains("byte count 9 but 8 bytes follow"));
    }

    @Test
    void quantityAndByteCountMustAgree() {
        // quantity 3 but byte count 8
        assertThat(decode("00060000000f0510000100030800aa00bb00cc00dd")).singleElement()
                .satisfies(m -> assertThat((String) m.get("error")).contains("does not fit quantity 3"));
    }

    @Test
    void truncatedFrameAndWrongProtocolIdAreErrors() {
        assertThat(decode("000100000006040100")).singleElement()
                .satisfies(m -> assertThat((String) m.get("error")).contains("cut short"));
        List<Map<String, Object>> out = decode("0001000700060401000100010001000000060401000100 01".replace(" ", ""));
        assertThat((String) out.get(0).get("error")).contains("protocol identifier 7");
    }

    @Test
    void coilValueOtherThanOnOrOffIsAnError() {
        assertThat(decode("000900000006060500011234")).singleElement()
                .satisfies(m -> assertThat((String) m.get("error")).contains("0x1234"));
    }
}
