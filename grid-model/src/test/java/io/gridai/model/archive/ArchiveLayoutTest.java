package io.gridai.model.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ArchiveLayoutTest {

    @Test
    void partitionsAreHiveStyleWithSafeFeedValues() {
        assertThat(ArchiveLayout.partition(ArchiveDataset.TELEMETRY, LocalDate.of(2020, 7, 1), "RTS-GMLC/APS"))
                .isEqualTo("telemetry/date=2020-07-01/feed=rts-gmlc-aps");
        assertThat(ArchiveLayout.feedValue("  ")).isEqualTo("none");
        assertThat(ArchiveLayout.feedValue(null)).isEqualTo("none");
        assertThat(ArchiveLayout.feedValue("xgb-2026.11 P50")).isEqualTo("xgb-2026.11-p50");
    }

    @Test
    void theDateIsTheUtcDateOfTheRecordsTime() {
        assertThat(ArchiveLayout.dateOf(Instant.parse("2020-07-01T23:59:59Z"))).isEqualTo(LocalDate.of(2020, 7, 1));
        assertThat(ArchiveLayout.dateOf(Instant.parse("2020-07-02T00:00:00Z"))).isEqualTo(LocalDate.of(2020, 7, 2));
    }

    @Test
    void directoriesAndFilesAreRecognised() {
        assertThat(ArchiveLayout.dateDirectory("date=2020-02-29")).contains(LocalDate.of(2020, 2, 29));
        assertThat(ArchiveLayout.dateDirectory("2020-02-29")).isEmpty();
        assertThat(ArchiveLayout.feedDirectory("feed=twin")).contains("twin");
        assertThat(ArchiveLayout.feedDirectory("feed=Twin")).isEmpty();
        assertThat(ArchiveLayout.isArchiveFile("part-0-1.avro")).isTrue();
        assertThat(ArchiveLayout.isArchiveFile(".part-0-1.avro.inprogress.x")).isFalse();
        assertThat(ArchiveLayout.isArchiveFile("_SUCCESS")).isFalse();
    }

    @Test
    void datasetsKnowTheirTopicTypeAndFeed() {
        assertThat(ArchiveDataset.named("forecasts")).isSameAs(ArchiveDataset.FORECASTS);
        assertThat(ArchiveDataset.TELEMETRY.topic().name()).isEqualTo("telemetry.clean");
        assertThat(ArchiveDataset.SETPOINTS.format().currentSchema().getName()).isEqualTo("Setpoint");
        assertThatThrownBy(() -> ArchiveDataset.named("weather")).hasMessageContaining("telemetry");
    }
}
