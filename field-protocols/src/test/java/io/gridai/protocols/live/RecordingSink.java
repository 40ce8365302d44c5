package io.gridai.protocols.live;

import io.gridai.model.id.SourceId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a client delivered, for the tests to look at. */
public final class RecordingSink implements FieldSink {

    public final List<FieldReading> readings = new CopyOnWriteArrayList<>();
    public final List<FieldEvent> events = new CopyOnWriteArrayList<>();
    public final List<String> details = new CopyOnWriteArrayList<>();

    @Override
    public void readings(SourceId source, String protocol, List<FieldReading> batch, Instant receivedAt) {
        readings.addAll(batch);
    }

    @Override
    public void event(SourceId source, String protocol, FieldEvent event, String detail) {
        events.add(event);
        details.add(event + " " + detail);
    }

    public long count(FieldEvent event) {
        return events.stream().filter(e -> e == event).count();
    }
}
