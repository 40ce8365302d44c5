package io.gridai.ingestion.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceLevelTest {

    private static final String ROOT = "gridai/telemetry";

    @Test
    void theLevelAfterTheRootNamesTheSender() {
        assertThat(SourceLevel.of("gridai/telemetry/north-grid/substation-7", ROOT)).contains("north-grid");
        assertThat(SourceLevel.of("gridai/telemetry/north-grid/a/b/c", ROOT)).contains("north-grid");
        assertThat(SourceLevel.of("gridai/telemetry/north-grid", ROOT)).contains("north-grid");
    }

    @Test
    void topicsOutsideTheRootOrWithoutASenderLevelNameNoOne() {
        assertThat(SourceLevel.of("gridai/telemetry", ROOT)).isEmpty();
        assertThat(SourceLevel.of("gridai/telemetry/", ROOT)).isEmpty();
        assertThat(SourceLevel.of("gridai/telemetry//x", ROOT)).isEmpty();
        assertThat(SourceLevel.of("gridai/telemetryx/north-grid/x", ROOT)).isEmpty();
        assertThat(SourceLevel.of("other/north-grid/x", ROOT)).isEmpty();
    }
}
