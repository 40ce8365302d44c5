package io.gridai.protocols.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gridai.protocols.SharedCaptures;
import io.gridai.protocols.ZeekLog;
import io.gridai.protocols.decode.FieldProtocol;

/**
 * The Modbus capture decoded and compared with Zeek's modbus logs of it under {@code expected/}: every transaction's
 * function (and exception), transaction and unit ids, addresses, quantities, values written and read, masks and
 * read/write registers. Zeek logs one row per transaction (request and response together), so requests and
 * responses are paired by connection, transaction id and unit id.
 */
class ModbusCaptureTest {

    private static SharedCaptures.Decoded decoded;
    private static Path expected;
    /** Paired transactions: key "conn tid unit" → [request, response]. */
    private static Map<String, List<Map<String, Object>>> transactions;

    @BeforeAll
    static void decode() {
        Path pcap = SharedCaptures.require("modbus/modbus_example.pcap");
        expected = SharedCaptures.require("modbus/expected");
        decoded = SharedCaptures.decode(pcap, FieldProtocol.MODBUS);
        transactions = new LinkedHashMap<>();
        for (Map<String, Object> f : decoded.frames()) {
            String key = ZeekLog.connection((String) f.get("src"), (String) f.get("dst")) + " " + f.get("transaction_id")
                    + " " + f.get("unit_id");
            List<Map<String, Object>> pair = transactions.computeIfAbsent(key, k -> new ArrayList<>(List.of(Map.of(), Map.of())));
            pair.set("request".equals(f.get("direction")) ? 0 : 1, f);
        }
    }

    private static Map<String, Object> request(Map<String, String> row) {
        return transactions.get(key(row)).get(0);
    }

    private static Map<String, Object> response(Map<String, String> row) {
        return transactions.get(key(row)).get(1);
    }

    private static String key(Map<String, String> row) {
        return ZeekLog.connection(row) + " " + row.get("tid") + " " + row.get("unit");
    }

    private static String values(Object list) {
        if (list == null) {
            return null;
        }
        List<String> s = new ArrayList<>();
        for (Object o : (List<?>) list) {
            s.add(String.valueOf(o));
        }
        return String.join(",", s);
    }

    @Test
    void decodesWithoutErrors() {
        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.frames()).isNotEmpty();
        // every request has its response
        assertThat(transactions.values()).allSatisfy(p -> {
            assertThat(p.get(0)).as("request").isNotEmpty();
            assertThat(p.get(1)).as("response").isNotEmpty();
        });
    }

    @Test
    void functionsAndExceptionsAreZeeks() {
        // this baseline was stored without its header lines: Zeek's standard modbus.log columns
        ZeekLog log = ZeekLog.read(expected.resolve("modbus.log"),
                List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "func", "exception"));
        assertThat(log.rows()).isNotEmpty();
        List<String> zeek = log.rows().stream().map(r -> r.get("func") + " " + r.get("exception")).toList();
        List<String> ours = transactions.values().stream().map(p -> {
            Map<String, Object> resp = p.get(1);
            boolean exception = Boolean.TRUE.equals(resp.get("exception"));
            return resp.get("function") + (exception ? "_EXCEPTION " + resp.get("exception_name") : " null");
        }).toList();
        assertThat(ours).containsExactlyInAnyOrderElementsOf(zeek);
    }

    @Test
    void everyDetailedRowMatches() {
        ZeekLog log = ZeekLog.read(expected.resolve("modbus_detailed.log"));
        int checked = 0;
        for (Map<String, String> r : log.rows()) {
            assertThat(transactions).as("transaction of " + r).containsKey(key(r));
            Map<String, Object> req = request(r);
            Map<String, Object> resp = response(r);
            String func = r.get("func");
            assertThat(req.get("function")).as("function of " + r).isEqualTo(func);
            int fc = (int) req.get("function_code");
            if (fc <= 6 || fc == 15 || fc == 16) {
                assertThat(String.valueOf(req.get("address"))).as("address of " + r).isEqualTo(r.get("address"));
            }
            if (fc <= 4 || fc == 15 || fc == 16) {
                assertThat(String.valueOf(req.get("quantity"))).as("quantity of " + r).isEqualTo(r.get("quantity"));
            }
            if (fc == 5 || fc == 6) {
                assertThat(String.valueOf(req.get("value"))).as("value written " + r).isEqualTo(r.get("request_values"));
                assertThat(String.valueOf(resp.get("value"))).as("value echoed " + r).isEqualTo(r.get("response_values"));
            }
            if (fc == 15) {
                assertThat(values(req.get("values"))).isEqualTo(r.get("request_values"));
            }
            if (fc == 16) {
                assertThat(values(req.get("registers"))).isEqualTo(r.get("request_values"));
            }
            if (r.get("exception_code") == null && (fc == 1 || fc == 2)) {
                assertThat(values(resp.get("values"))).as("bits read " + r).isEqualTo(r.get("response_values"));
            }
            if (r.get("exception_code") == null && (fc == 3 || fc == 4)) {
                assertThat(values(resp.get("registers"))).as("registers read " + r).isEqualTo(r.get("response_values"));
            }
            if (fc == 8) {
                assertThat(req.get("sub_function_name")).isEqualTo(r.get("request_subfunction_code"));
                assertThat(resp.get("sub_function_name")).isEqualTo(r.get("response_subfunction_code"));
            }
            if (fc == 43) {
                assertThat(req.get("mei_name")).isEqualTo(r.get("mei_type"));
            }
            if (r.get("exception_code") != null) {
                assertThat(resp.get("exception")).isEqualTo(true);
                assertThat(resp.get("exception_name")).isEqualTo(r.get("exception_code"));
                assertThat(String.valueOf(resp.get("address"))).isEqualTo(r.get("address"));
                assertThat(String.valueOf(resp.get("quantity"))).isEqualTo(r.get("quantity"));
            } else {
                assertThat(resp.get("exception")).as("exception flag of " + r).isEqualTo(false);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(log.rows().size()).isPositive();
    }

    @Test
    void maskWritesMatch() {
        ZeekLog log = ZeekLog.read(expected.resolve("modbus_mask_write_register.log"));
        assertThat(log.rows()).isNotEmpty();
        for (Map<String, String> r : log.rows()) {
            Map<String, Object> f = "REQUEST".equals(r.get("request_response")) ? request(r) : response(r);
            assertThat(f.get("function")).isEqualTo(r.get("func"));
            assertThat(String.valueOf(f.get("address"))).isEqualTo(r.get("address"));
            assertThat(String.valueOf(f.get("and_mask"))).isEqualTo(r.get("and_mask"));
            assertThat(String.valueOf(f.get("or_mask"))).isEqualTo(r.get("or_mask"));
            assertThat(f.get("src")).isEqualTo(r.get("source_h") + ":" + r.get("source_p"));
        }
    }

    @Test
    void readWriteMultipleRegistersMatch() {
        ZeekLog log = ZeekLog.read(expected.resolve("modbus_read_write_multiple_registers.log"));
        assertThat(log.rows()).isNotEmpty();
        for (Map<String, String> r : log.rows()) {
            if ("REQUEST".equals(r.get("request_response"))) {
                Map<String, Object> f = request(r);
                assertThat(String.valueOf(f.get("write_address"))).isEqualTo(r.get("write_start_address"));
                assertThat(values(f.get("write_registers"))).isEqualTo(r.get("write_registers"));
                assertThat(String.valueOf(f.get("read_address"))).isEqualTo(r.get("read_start_address"));
                assertThat(String.valueOf(f.get("read_quantity"))).isEqualTo(r.get("read_quantity"));
            } else {
                Map<String, Object> f = response(r);
                assertThat(values(f.get("registers"))).isEqualTo(r.get("read_registers"));
                assertThat(Objects.equals(f.get("direction"), "response")).isTrue();
            }
        }
    }
}
