package io.gridai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.Severity;
import io.gridai.model.id.AlertId;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.operator.alerts.Acknowledgement;
import io.gridai.operator.alerts.AlertBook;
import io.gridai.operator.alerts.AlertView;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertBookTest {

    private static final Instant T0 = Instant.parse("2020-07-01T12:00:00Z");

    private static Alert alert(String id, int second) {
        return new Alert(AlertId.of(id), AssetId.of("bus-1"), AlertType.VOLTAGE_LOW, Severity.WARNING,
                AlertState.RAISED, MeasurementKind.VOLTAGE, 120, 125, T0.plusSeconds(second), "low");
    }

    @Test
    void keepsTheNewestAlertsOncePerIdNewestFirst() {
        AlertBook book = new AlertBook(3);
        assertThat(book.add(alert("a", 1))).isTrue();
        assertThat(book.add(alert("c", 3))).isTrue();
        assertThat(book.add(alert("b", 2))).isTrue();
        assertThat(book.add(alert("b", 2))).isFalse();
        assertThat(book.list(Optional.empty(), Optional.empty())).extracting(AlertView::id).containsExactly("c", "b", "a");

        book.acknowledge(AlertId.of("a"), new Acknowledgement("olga", T0, "", 0));
        book.add(alert("d", 4));
        assertThat(book.list(Optional.empty(), Optional.empty())).extracting(AlertView::id).containsExactly("d", "c", "b");
        assertThat(book.acknowledgement(AlertId.of("a"))).isEmpty();
    }

    @Test
    void theFirstAcknowledgementHoldsEvenWhenItCameBeforeItsAlert() {
        AlertBook book = new AlertBook(10);
        Acknowledgement first = new Acknowledgement("olga", T0, "restored", 4);
        assertThat(book.acknowledge(AlertId.of("x"), first)).isEqualTo(first);
        assertThat(book.acknowledge(AlertId.of("x"), new Acknowledgement("sam", T0, "", 5))).isEqualTo(first);
        book.add(alert("x", 1));
        assertThat(book.get(AlertId.of("x")).orElseThrow().acknowledgement()).isEqualTo(first);
    }
}
