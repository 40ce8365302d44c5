package io.gridai.model.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gridai.model.unit.MeasurementKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypedIdTest {

    private static final List<Function<String, TypedId>> PARSERS = List.of(AssetId::of, SubstationId::of, ZoneId::of,
            SourceId::of, AgentId::of, ProposalId::of, MeasurementId::of, SetpointId::of, AlertId::of);

    @ParameterizedTest
    @ValueSource(strings = {"a", "gen-17", "GB:north/bus_12.3", "agent:forecaster", "0"})
    void acceptsValuesMatchingTheRuleAndPrintsThemBare(String value) {
        for (Function<String, TypedId> parser : PARSERS) {
            TypedId id = parser.apply(value);
            assertThat(id.value()).isEqualTo(value);
            assertThat(id).hasToString(value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-leading-dash", ".hidden", "has space", "semi;colon", "pipe|char", "ümlaut"})
    void rejectsValuesBreakingTheRule(String value) {
        for (Function<String, TypedId> parser : PARSERS) {
            assertThatIllegalArgumentException().isThrownBy(() -> parser.apply(value));
        }
    }

    @Test
    void rejectsNullAndOverlongValuesSayingWhatToDo() {
        assertThatIllegalArgumentException().isThrownBy(() -> AssetId.of(null))
                .withMessageContaining("AssetId must not be null or blank");
        assertThat(AssetId.of("x".repeat(128)).value()).hasSize(128);
        assertThatIllegalArgumentException().isThrownBy(() -> ZoneId.of("x".repeat(129)))
                .withMessageContaining("129 characters").withMessageContaining("128");
    }

    @Test
    void equalityIsPerTypeAndValue() {
        assertThat(AssetId.of("n1")).isEqualTo(AssetId.of("n1")).isNotEqualTo(AssetId.of("n2"));
        assertThat((Object) AssetId.of("n1")).isNotEqualTo(ZoneId.of("n1"));
    }

    @Test
    void derivedMeasurementIdsAreDeterministicAndDistinguishEveryInput() {
        SourceId source = SourceId.of("scada");
        AssetId asset = AssetId.of("gen-1");
        Instant time = Instant.parse("2025-01-01T00:00:00.000000001Z");
        MeasurementId id = MeasurementId.derive(source, asset, MeasurementKind.ACTIVE_POWER, time);

        assertThat(MeasurementId.derive(source, asset, MeasurementKind.ACTIVE_POWER, time)).isEqualTo(id);
        assertThat(id.value()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(List.of(
                MeasurementId.derive(SourceId.of("scada2"), asset, MeasurementKind.ACTIVE_POWER, time),
                MeasurementId.derive(source, AssetId.of("gen-2"), MeasurementKind.ACTIVE_POWER, time),
                MeasurementId.derive(source, asset, MeasurementKind.REACTIVE_POWER, time),
                MeasurementId.derive(source, asset, MeasurementKind.ACTIVE_POWER, time.plusNanos(1))))
                .doesNotContain(id).doesNotHaveDuplicates();
    }

    @Test
    void derivationCannotBeFooledByMovingTextBetweenSourceAndAsset() {
        Instant time = Instant.EPOCH;
        assertThat(MeasurementId.derive(SourceId.of("a-b"), AssetId.of("c"), MeasurementKind.VOLTAGE, time))
                .isNotEqualTo(MeasurementId.derive(SourceId.of("a"), AssetId.of("b-c"), MeasurementKind.VOLTAGE, time));
    }

    @Test
    void randomIdsAreFreshValidIds() {
        assertThat(List.of(SetpointId.random().value(), SetpointId.random().value(), AlertId.random().value(),
                ProposalId.random().value())).doesNotHaveDuplicates().allMatch(v -> v.length() == 36);
    }
}
