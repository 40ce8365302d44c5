package io.gridai.model.wire;

import io.gridai.model.Aggregate;
import io.gridai.model.Alert;
import io.gridai.model.AuditEvent;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.Proposal;
import io.gridai.model.ProposalDecision;
import io.gridai.model.RejectedRecord;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointAck;
import io.gridai.model.ZoneLoad;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry of wire types: each domain type that travels on a topic, its mapper and its
 * {@link SchemaHistory}. Built once, by hand, without classpath scanning.
 */
public final class WireFormats {

    private static final Map<Class<?>, WireFormat<?>> FORMATS = register();

    private WireFormats() {
    }

    /**
     * The wire format of {@code type}.
     *
     * @throws WireFormatException when {@code type} is not a registered wire type
     */
    @SuppressWarnings("unchecked") // register() pairs each class with a WireFormat of that class
    public static <T> WireFormat<T> forType(Class<T> type) {
        WireFormat<?> format = FORMATS.get(type);
        if (format == null) {
            throw new WireFormatException(type + " has no wire format; the registered types are "
                    + FORMATS.keySet().stream().map(Class::getSimpleName).toList()
                    + ". Add a mapper, a schema and a SchemaHistory entry, then register it in WireFormats");
        }
        return (WireFormat<T>) format;
    }

    /** Every registered wire format, in registration order. */
    public static List<WireFormat<?>> all() {
        return List.copyOf(FORMATS.values());
    }

    /** The registered domain types. */
    public static Set<Class<?>> types() {
        return FORMATS.keySet();
    }

    private static Map<Class<?>, WireFormat<?>> register() {
        Map<Class<?>, WireFormat<?>> formats = new LinkedHashMap<>();
        put(formats, Measurement.class, new MeasurementMapper(), SchemaHistory.MEASUREMENT);
        put(formats, Forecast.class, new ForecastMapper(), SchemaHistory.FORECAST);
        put(formats, Setpoint.class, new SetpointMapper(), SchemaHistory.SETPOINT);
        put(formats, SetpointAck.class, new SetpointAckMapper(), SchemaHistory.SETPOINT_ACK);
        put(formats, Proposal.class, new ProposalMapper(), SchemaHistory.PROPOSAL);
        put(formats, AuditEvent.class, new AuditEventMapper(), SchemaHistory.AUDIT_EVENT);
        put(formats, Alert.class, new AlertMapper(), SchemaHistory.ALERT);
        put(formats, RejectedRecord.class, new RejectedRecordMapper(), SchemaHistory.REJECTED_RECORD);
        put(formats, Aggregate.class, new AggregateMapper(), SchemaHistory.AGGREGATE);
        put(formats, ZoneLoad.class, new ZoneLoadMapper(), SchemaHistory.ZONE_LOAD);
        put(formats, ProposalDecision.class, new ProposalDecisionMapper(), SchemaHistory.PROPOSAL_DECISION);
        return Collections.unmodifiableMap(formats);
    }

    private static <T> void put(Map<Class<?>, WireFormat<?>> formats, Class<T> type, AvroMapper<T> mapper,
            SchemaHistory history) {
        formats.put(type, new WireFormat<>(type, mapper, history.schemas()));
    }
}
