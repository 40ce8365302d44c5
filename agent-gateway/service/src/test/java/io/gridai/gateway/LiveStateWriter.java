package io.gridai.gateway;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.wire.WireFormat;
import java.time.Instant;

/** Writes the live state as flink-jobs' {@code LiveStateSink} does: key {@code asset|KIND}, value the wire format. */
final class LiveStateWriter {

    private static HazelcastInstance client;

    private LiveStateWriter() {
    }

    /** A measurement from the twin's source, good, measured at {@code time}. */
    static Measurement measurement(String asset, MeasurementKind kind, double value, Instant time) {
        return Measurement.of(SourceId.of("grid-twin"), AssetId.of(asset), kind, value, kind.unit(), time, time);
    }

    static Measurement put(Measurement m) {
        map().put(m.asset().value() + '|' + m.kind().name(), WireFormat.of(Measurement.class).encode(m));
        return m;
    }

    static Measurement put(String asset, MeasurementKind kind, double value, Instant time) {
        return put(measurement(asset, kind, value, time));
    }

    static void remove(String asset, MeasurementKind kind) {
        map().remove(asset + '|' + kind.name());
    }

    private static synchronized IMap<String, byte[]> map() {
        if (client == null) {
            String address = System.getProperty(LiveStateMember.ADDRESS_PROPERTY);
            if (address == null) {
                throw new IllegalStateException("no test member; annotate the test with @WithTestResource(LiveStateMember.class)");
            }
            ClientConfig c = new ClientConfig();
            c.setClusterName(System.getProperty(LiveStateMember.CLUSTER_PROPERTY));
            c.getNetworkConfig().addAddress(address);
            c.setProperty("hazelcast.phone.home.enabled", "false");
            c.setProperty("hazelcast.logging.type", "jdk");
            client = HazelcastClient.newHazelcastClient(c);
        }
        return client.getMap(LiveStateMember.MAP);
    }

    static synchronized void close() {
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }
}
