package io.gridai.operator.live;

import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import java.time.Instant;
import java.util.List;

/** A latest value as the API shows it: kind, unit symbol, value, quality flags (empty when good), event time, source. */
public record ValueView(String kind, String unit, double value, List<String> quality, Instant eventTime, String source) {

    public static ValueView of(Measurement m) {
        return new ValueView(m.kind().name(), m.unit().symbol(), m.value(),
                m.quality().stream().map(QualityFlag::name).toList(), m.eventTime(), m.source().value());
    }
}
