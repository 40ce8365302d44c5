package io.gridai.ingestion.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2020-07-01T00:00:00Z", "2020-02-29T23:59:59Z", "1999-12-31T12:34:56.7Z",
        "2026-11-29T04:05:06.123456789Z", "2026-11-29T04:05:06.120Z", "2020-07-01T02:00:00+02:00",
        "2020-07-01T00:00:00.5-05:30", "1969-12-31T23:59:59.999Z"})
    void readsWhatTheGeneralParserReads(String text) {
        assertThat(IsoTimes.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-02-30T00:00:00Z", "2020-07-01T24:00:00Z", "2020-07-01T00:60:00Z",
        "2020-07-01 00:00:00Z", "2020-07-01T00:00:00", "2020-07-01T00:00:00.1234567890Z",
        "20x0-07-01T00:00:00Z", "2020-07-01"})
    void refusesWhatTheGeneralParserRefuses(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoTimes.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
