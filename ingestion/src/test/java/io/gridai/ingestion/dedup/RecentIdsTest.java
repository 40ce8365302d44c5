package io.gridai.ingestion.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.id.MeasurementId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void forgetsTheOldestBeyondItsCapacity() {
        RecentIds ids = new RecentIds(2);
        ids.remember(List.of(id("a"), id("b")));
        ids.remember(List.of(id("a")));  // a is young again
        ids.remember(List.of(id("c")));  // b goes
        assertThat(ids.contains(id("a"))).isTrue();
        assertThat(ids.contains(id("b"))).isFalse();
        assertThat(ids.contains(id("c"))).isTrue();
        assertThat(ids.size()).isEqualTo(2);
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> new RecentIds(0)).hasMessageContaining("window-size");
    }

    private static MeasurementId id(String value) {
        return MeasurementId.of(value);
    }
}
