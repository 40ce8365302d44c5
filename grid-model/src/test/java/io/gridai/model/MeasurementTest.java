package io.gridai.model;

import static io.gridai.model.GridModelFixtures.SCADA_NORTH;
import static io.gridai.model.GridModelFixtures.T0;
import static io.gridai.model.GridModelFixtures.WIND_FARM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.id.MeasurementId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void ofConvertsToTheCanonicalUnitAndDerivesTheId() {
        Measurement m = Measurement.of(SCADA_NORTH, WIND_FARM, MeasurementKind.ACTIVE_POWER, -1500, Unit.KILOWATT,
                T0, T0.plusSeconds(1));

        assertThat(m.value()).isEqualTo(-1.5);
        assertThat(m.unit()).isEqualTo(Unit.MEGAWATT);
        assertThat(m.id()).isEqualTo(MeasurementId.derive(SCADA_NORTH, WIND_FARM, MeasurementKind.ACTIVE_POWER, T0));
        assertThat(m.isGood()).isTrue();
    }

    @Test
    void theSameReadingSentTwiceHasTheSameIdEvenWhenIngestedLater() {
        Measurement first = Measurement.of(SCADA_NORTH, WIND_FARM, MeasurementKind.FREQUENCY, 50.01, Unit.HERTZ,
                T0, T0.plusMillis(10));
        Measurement resent = Measurement.of(SCADA_NORTH, WIND_FARM, MeasurementKind.FREQUENCY, 50010, Unit.MILLIHERTZ,
                T0, T0.plusSeconds(30));
        assertThat(resent.id()).isEqualTo(first.id());
    }

    @Test
    void refusesAUnitOfAnotherDimension() {
        assertThatIllegalArgumentException().isThrownBy(() -> Measurement.of(SCADA_NORTH, WIND_FARM,
                        MeasurementKind.ACTIVE_POWER, 5, Unit.MEGAVAR, T0, T0))
                .withMessageContaining("ACTIVE_POWER value cannot be given in Mvar")
                .withMessageContaining("send it in MW");
    }

    @Test
    void refusesNonFiniteValues() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatIllegalArgumentException().isThrownBy(() -> Measurement.of(SCADA_NORTH, WIND_FARM,
                    MeasurementKind.VOLTAGE, bad, Unit.KILOVOLT, T0, T0)).withMessageContaining("finite");
        }
    }

    @Test
    void refusesMissingFields() {
        Measurement m = GridModelFixtures.measurement();
        assertThatNullPointerException().isThrownBy(() -> new Measurement(m.id(), null, m.asset(), m.kind(),
                m.value(), m.quality(), m.eventTime(), m.ingestTime())).withMessageContaining("Measurement.source");
        assertThatIllegalArgumentException().isThrownBy(() -> m.withQuality(new HashSet<>(java.util.Arrays.asList(
                QualityFlag.LATE, null)))).withMessageContaining("null");
    }

    @Test
    void qualityIsCopiedAndCannotBeChangedAfterwards() {
        Set<QualityFlag> flags = EnumSet.of(QualityFlag.STALE);
        Measurement m = GridModelFixtures.measurement(MeasurementKind.VOLTAGE, 132.4).withQuality(flags);
        flags.add(QualityFlag.MANUAL);

        assertThat(m.quality()).containsExactly(QualityFlag.STALE);
        assertThatThrownBy(() -> m.quality().add(QualityFlag.GAP)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withFlagAddsToExistingFlagsAndKeepsEverythingElse() {
        Measurement good = GridModelFixtures.measurement(MeasurementKind.VOLTAGE, 132.4);
        Measurement flagged = good.withFlag(QualityFlag.SUSPECT).withFlag(QualityFlag.ESTIMATED);

        assertThat(flagged.quality()).containsExactly(QualityFlag.ESTIMATED, QualityFlag.SUSPECT);
        assertThat(flagged.isGood()).isFalse();
        assertThat(flagged.withQuality(Set.of())).isEqualTo(good);
    }
}
