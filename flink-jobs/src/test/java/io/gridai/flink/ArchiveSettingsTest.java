package io.gridai.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.flink.config.ArchiveSettings;
import io.gridai.flink.config.SettingsException;
import io.gridai.model.archive.ArchiveDataset;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ArchiveSettingsTest {

    @Test
    void defaultsArchiveEveryDatasetUnderTheWorkingDirectory() {
        ArchiveSettings defaults = ArchiveSettings.defaults();
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.root()).startsWith("file:/").contains(".gridai/archive");
        assertThat(defaults.datasets()).containsExactlyElementsOf(ArchiveDataset.all());
        assertThat(defaults.groupId()).isEqualTo("gridai-archive");
        assertThat(defaults.startAtEarliest()).isTrue();
        assertThat(defaults.checkpointInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.checkpointDir()).isEmpty();
        assertThat(defaults.codec()).isEqualTo("deflate");
    }

    @Test
    void theShippedPropertiesFileHoldsExactlyTheDefaults() throws Exception {
        Properties shipped = new Properties();
        try (java.io.InputStream in = getClass().getResourceAsStream("/gridai-flink.properties")) {
            shipped.load(in);
        }
        assertThat(ArchiveSettings.from(shipped)).isEqualTo(ArchiveSettings.defaults());
    }

    @Test
    void theCheckpointsGoNextToTheStreamingJobsUnlessToldOtherwise() {
        assertThat(ArchiveSettings.from(props("checkpoint.dir", "file:///data/flink/checkpoints/")).checkpointDir())
                .contains("file:///data/flink/checkpoints-archive");
        Properties both = props("checkpoint.dir", "file:///data/flink/checkpoints");
        both.setProperty("archive.checkpoint.dir", "s3://bucket/archive-checkpoints");
        assertThat(ArchiveSettings.from(both).checkpointDir()).isEqualTo(Optional.of("s3://bucket/archive-checkpoints"));
    }

    @Test
    void readsTheDatasetsAndStart() {
        Properties p = props("archive.datasets", "alerts, telemetry");
        p.setProperty("archive.start", "latest");
        p.setProperty("archive.enabled", "false");
        ArchiveSettings settings = ArchiveSettings.from(p);
        assertThat(settings.datasets()).containsExactly(ArchiveDataset.ALERTS, ArchiveDataset.TELEMETRY);
        assertThat(settings.startAtEarliest()).isFalse();
        assertThat(settings.enabled()).isFalse();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> ArchiveSettings.from(props("archive.datasets", "telemetry,weather")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("archive.datasets").hasMessageContaining("weather");
        assertThatThrownBy(() -> ArchiveSettings.from(props("archive.codec", "lzma")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("archive.codec");
        assertThatThrownBy(() -> ArchiveSettings.from(props("archive.start", "committed")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("archive.start");
        assertThatThrownBy(() -> ArchiveSettings.from(props("archive.enabled", "yes")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("archive.enabled");
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }
}
