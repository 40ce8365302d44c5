package io.gridai.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.id.AssetId;
import org.junit.jupiter.api.Test;

class AssetPatternTest {

    @Test
    void exactPrefixAndEverything() {
        assertThat(AssetPattern.of("gen-1").matches(AssetId.of("gen-1"))).isTrue();
        assertThat(AssetPattern.of("gen-1").matches(AssetId.of("gen-10"))).isFalse();
        assertThat(AssetPattern.of("gen-*").matches(AssetId.of("gen-10"))).isTrue();
        assertThat(AssetPattern.of("gen-*").matches(AssetId.of("bus-1"))).isFalse();
        assertThat(AssetPattern.of("*").matches(AssetId.of("anything"))).isTrue();
        assertThat(AssetPattern.of("gen-*")).hasToString("gen-*");
    }

    @Test
    void refusesPatternsThatAreNotAPrefixOrAnId() {
        assertThatThrownBy(() -> AssetPattern.of("gen*-1")).hasMessageContaining("only at the end");
        assertThatThrownBy(() -> AssetPattern.of("")).hasMessageContaining("empty asset pattern");
        assertThatThrownBy(() -> AssetPattern.of("gen 1")).hasMessageContaining("not a valid asset id");
    }
}
