package io.gridai.ingestion.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvBatchReaderTest {

    @Test
    void readsColumnsByHeaderNameAndKeepsHeaderPlusRowAsPayload() {
        String body = "\uFEFFTime,Asset,Kind,Value,Unit,Quality\r\n"
                + "2020-07-01T00:00:00Z,gen-1,ACTIVE_POWER,12500,kW,good\r\n"
                + "\r\n"
                + "2020-07-01T00:00:00Z,\"bus,7\",VOLTAGE,\"138\n000\",V,ok\r\n";
        List<RawRecord> records = records(body);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).fields()).containsEntry(RawRecord.ASSET, "gen-1")
                .containsEntry(RawRecord.UNIT, "kW")
                .containsEntry(RawRecord.TIME, "2020-07-01T00:00:00Z")
                .doesNotContainKey("quality");
        assertThat(text(records.get(0))).isEqualTo("Time,Asset,Kind,Value,Unit,Quality\n"
                + "2020-07-01T00:00:00Z,gen-1,ACTIVE_POWER,12500,kW,good");
        assertThat(records.get(1).fields()).containsEntry(RawRecord.ASSET, "bus,7")
                .containsEntry(RawRecord.VALUE, "138\n000");
        assertThat(text(records.get(1))).endsWith("\n2020-07-01T00:00:00Z,\"bus,7\",VOLTAGE,\"138\n000\",V,ok");
        assertThat(records.get(1).index()).isEqualTo(1);
    }

    @Test
    void shortRowsMissFieldsAndLongRowsAreAShapeProblem() {
        List<RawRecord> records = records("asset,kind,value,unit,time\ngen-1,ACTIVE_POWER\ngen-1,A,1,MW,t,extra\n");
        assertThat(records.get(0).field(RawRecord.VALUE)).isEmpty();
        assertThat(records.get(0).shapeProblem()).isEmpty();
        assertThat(records.get(1).shapeProblem()).get().asString().contains("has 6 cells");
    }

    @Test
    void wholeBodyProblemsAreMalformed() {
        assertMalformed("", "body is empty");
        assertMalformed("asset,kind,value\n", "lacks unit, time");
        assertMalformed("asset,kind,value,unit,time,asset\n", "names column 'asset' twice");
        assertMalformed("asset,kind,value,unit,time\ngen-1,\"ACTIVE_POWER,1,MW,t\n", "not valid CSV");
    }

    @Test
    void stopsReadingOneRecordPastTheLimit() {
        String body = "asset,kind,value,unit,time\na,b,c,d,e\na,b,c,d,e\n";
        assertThat(CsvBatchReader.read(bytes(body), 1)).isEqualTo(new ParsedBatch.TooLarge(1));
        assertThat(CsvBatchReader.read(bytes(body), 2)).isInstanceOf(ParsedBatch.Records.class);
    }

    private static void assertMalformed(String body, String detailPart) {
        assertThat(CsvBatchReader.read(bytes(body), 10)).isInstanceOfSatisfying(ParsedBatch.Unreadable.class,
                u -> assertThat(u.detail()).contains(detailPart));
    }

    private static List<RawRecord> records(String body) {
        ParsedBatch parsed = CsvBatchReader.read(bytes(body), 10);
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
