package io.gridai.ingestion.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBatchReaderTest {

    @Test
    void eachRecordKeepsItsExactBytes() {
        String first = "{\"asset\":\"gen-1\",\"kind\":\"ACTIVE_POWER\",\"value\":12.5,\"unit\":\"kW\",\"time\":\"t\"}";
        String second = "{ \"asset\" : \"bus-7\", \"value\" : NaN, \"extra\": true }";
        List<RawRecord> records = records("[\n  " + first + " ,\n" + second + "]");
        assertThat(records).hasSize(2);
        assertThat(text(records.get(0))).isEqualTo(first);
        assertThat(text(records.get(1))).isEqualTo(second);
        assertThat(records.get(0).field(RawRecord.VALUE)).contains("12.5");
        assertThat(records.get(1).field(RawRecord.VALUE)).contains("NaN");
        assertThat(records.get(1).field(RawRecord.UNIT)).isEmpty();
        assertThat(records.get(1).index()).isEqualTo(1);
    }

    @Test
    void aNonObjectElementOrANestedFieldIsAShapeProblemOfThatRecordOnly() {
        List<RawRecord> records = records("[42, {\"asset\":{\"id\":\"gen-1\"}}, {\"asset\":\"gen-1\"}]");
        assertThat(records.get(0).shapeProblem()).get().asString().contains("is a JSON number");
        assertThat(text(records.get(0))).isEqualTo("42");
        assertThat(records.get(1).shapeProblem()).get().asString().contains("field 'asset'");
        assertThat(records.get(2).shapeProblem()).isEmpty();
    }

    @Test
    void anEmptyArrayIsAnEmptyBatch() {
        assertThat(records("[]")).isEmpty();
    }

    @Test
    void wholeBodyProblemsSayWhatIsWrong() {
        assertUnreadable("", RejectionReason.MALFORMED, "body is empty");
        assertUnreadable("[{\"asset\":", RejectionReason.MALFORMED, "not valid JSON");
        assertUnreadable("[{}", RejectionReason.MALFORMED, "ends before every array and object is closed");
        assertUnreadable("[] []", RejectionReason.MALFORMED, "more after the closing ]");
        assertUnreadable("{\"asset\":\"gen-1\"}", RejectionReason.SCHEMA_MISMATCH, "JSON object, not an array");
    }

    @Test
    void aMessageMayBeOneObjectOrAnArrayButNothingMore() {
        String object = " {\"asset\":\"gen-1\",\"kind\":\"ACTIVE_POWER\",\"value\":1,\"unit\":\"MW\",\"time\":\"t\"}\n";
        ParsedBatch one = JsonBatchReader.read(bytes(object), 10, true);
        assertThat(one).isInstanceOfSatisfying(ParsedBatch.Records.class, r -> {
            assertThat(r.records()).hasSize(1);
            assertThat(text(r.records().get(0))).isEqualTo(object);
            assertThat(r.records().get(0).field(RawRecord.ASSET)).contains("gen-1");
        });
        assertThat(JsonBatchReader.read(bytes("[" + object + "," + object + "]"), 10, true))
                .isInstanceOfSatisfying(ParsedBatch.Records.class, r -> assertThat(r.records()).hasSize(2));
        assertThat(JsonBatchReader.read(bytes(object + object), 10, true))
                .isInstanceOfSatisfying(ParsedBatch.Unreadable.class, u -> assertThat(u.detail())
                        .contains("more after the record object"));
        assertThat(JsonBatchReader.read(bytes("42"), 10, true))
                .isInstanceOfSatisfying(ParsedBatch.Unreadable.class, u -> assertThat(u.reason())
                        .isEqualTo(RejectionReason.SCHEMA_MISMATCH));
        assertThat(BatchFormat.sniffMessage(bytes(object))).isEqualTo(BatchFormat.JSON_MESSAGE);
        assertThat(BatchFormat.sniffMessage(bytes("asset,kind\n"))).isEqualTo(BatchFormat.CSV);
    }

    @Test
    void stopsReadingOneRecordPastTheLimit() {
        assertThat(JsonBatchReader.read(bytes("[{},{},{}]"), 2, false)).isEqualTo(new ParsedBatch.TooLarge(2));
        assertThat(JsonBatchReader.read(bytes("[{},{}]"), 2, false)).isInstanceOf(ParsedBatch.Records.class);
    }

    private static void assertUnreadable(String body, RejectionReason reason, String detailPart) {
        assertThat(JsonBatchReader.read(bytes(body), 10, false)).isInstanceOfSatisfying(ParsedBatch.Unreadable.class, u -> {
            assertThat(u.reason()).isEqualTo(reason);
            assertThat(u.detail()).contains(detailPart);
        });
    }

    private static List<RawRecord> records(String body) {
        ParsedBatch parsed = JsonBatchReader.read(bytes(body), 10, false);
        assertThat(parsed).isInstanceOf(ParsedBatch.Records.class);
        return ((ParsedBatch.Records) parsed).records();
    }

    private static String text(RawRecord record) {
        return new String(record.payload(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
