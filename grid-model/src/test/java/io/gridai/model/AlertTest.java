package io.gridai.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AlertTest {

    @Test
    void dataQualityTypesAreNotLimitViolations() {
        assertThat(Arrays.stream(AlertType.values()).filter(t -> !t.isLimitViolation()))
                .containsExactly(AlertType.STALE_TELEMETRY, AlertType.STUCK_SENSOR, AlertType.DATA_GAP);
    }

    @Test
    void needsFiniteValuesAndAMessage() {
        Alert a = GridModelFixtures.alert();
        assertThatIllegalArgumentException().isThrownBy(() -> new Alert(a.id(), a.asset(), a.type(), a.severity(),
                a.state(), a.kind(), a.value(), Double.NaN, a.time(), a.message()))
                .withMessageContaining("Alert.limit");
        assertThatIllegalArgumentException().isThrownBy(() -> new Alert(a.id(), a.asset(), a.type(), a.severity(),
                a.state(), a.kind(), a.value(), a.limit(), a.time(), "")).withMessageContaining("Alert.message");
    }
}
