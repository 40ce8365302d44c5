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
    void stopsReadingOneRecordPastTheLimit() {
        assertThat(JsonBatchReader.read(bytes("[{},{},{}]"), 2)).isEqualTo(new ParsedBatch.TooLarge(2));
        assertThat(JsonBatchReader.read(bytes("[{},{}]"), 2)).isInstanceOf(ParsedBatch.Records.class);
    }

    private static void assertUnreadable(String body, RejectionReason reason, String detailPart) {
        assertThat(JsonBatchReader.read(bytes(body), 10)).isInstanceOfSatisfying(ParsedBatch.Unreadable.class, u -> {
            assertThat(u.reason()).isEqualTo(reason);
            assertThat(u.detail()).contains(detailPart);
        });
    }

    private static List<RawRecord> records(String body) {
        ParsedBatch parsed = JsonBatchReader.read(bytes(body), 10);
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
