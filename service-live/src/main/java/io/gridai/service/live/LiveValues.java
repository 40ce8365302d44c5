package io.gridai.service.live;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.map.IMap;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.wire.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The live state: the latest clean {@link Measurement} per asset and kind, as the Flink job keeps it in a Hazelcast
 * IMap (key {@code <asset>|<KIND>}, value the measurement's wire format; flink-jobs' {@code LiveStateKeys}). A
 * Hazelcast <em>client</em> of that cluster, started asynchronously: the service starts and answers whether or not a
 * member is reachable, and the client keeps reconnecting in the background (back-off from 0.5 s up to
 * {@link Settings#reconnectMaxBackoff()}). While it is not connected every read throws
 * {@link LiveStateUnavailableException}. {@link #close()} shuts the client down.
 */
public class LiveValues implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LiveValues.class);
    private static final WireFormat<Measurement> FORMAT = WireFormat.of(Measurement.class);
    /** Assets in key order, then kinds in declaration order. */
    private static final Comparator<Measurement> ORDER = Comparator.comparing((Measurement m) -> m.asset().value())
            .thenComparing(Measurement::kind);

    /**
     * Where the live state is.
     *
     * @param addresses           member addresses, {@code host:port}
     * @param clusterName         the cluster name (the Flink job's {@code --hazelcast-cluster})
     * @param map                 the IMap of latest values (the Flink job's {@code live-state.map})
     * @param timeout             how long one read of the map may take before it counts as unavailable
     * @param reconnectMaxBackoff the longest wait between two attempts to reach the cluster while it is unreachable
     * @param clientName          the start of the client's instance name (e.g. {@code gridai-operator-api})
     * @param keyPrefix           the service's configuration prefix of these settings (e.g.
     *                            {@code gridai.operator.live-state}), named when the live state is unavailable
     */
    public record Settings(List<String> addresses, String clusterName, String map, Duration timeout,
            Duration reconnectMaxBackoff, String clientName, String keyPrefix) {

        public Settings {
            addresses = List.copyOf(addresses);
        }
    }

    private final Settings settings;
    private final HazelcastInstance client;
    private volatile boolean connected;

    public LiveValues(Settings settings) {
        this.settings = settings;
        ClientConfig c = new ClientConfig();
        c.setClusterName(settings.clusterName());
        c.setInstanceName(settings.clientName() + "-" + UUID.randomUUID());
        c.getNetworkConfig().setAddresses(new ArrayList<>(settings.addresses()));
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.client.invocation.timeout.seconds",
                Long.toString(Math.max(1, settings.timeout().toSeconds())));
        ClientConnectionStrategyConfig strategy = c.getConnectionStrategyConfig();
        strategy.setAsyncStart(true);
        strategy.setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC);
        strategy.getConnectionRetryConfig().setClusterConnectTimeoutMillis(-1) // keep trying for ever
                .setInitialBackoffMillis(500)
                .setMaxBackoffMillis((int) Math.min(Integer.MAX_VALUE, settings.reconnectMaxBackoff().toMillis()));
        c.addListenerConfig(new ListenerConfig((LifecycleListener) this::lifecycle));
        this.client = HazelcastClient.newHazelcastClient(c);
        LOG.infof("live state client started cluster=%s addresses=%s map=%s (connecting in the background)",
                settings.clusterName(), settings.addresses(), settings.map());
    }

    private void lifecycle(LifecycleEvent event) {
        switch (event.getState()) {
            case CLIENT_CONNECTED -> {
                connected = true;
                LOG.infof("live state connected cluster=%s map=%s", settings.clusterName(), settings.map());
            }
            case CLIENT_DISCONNECTED -> {
                connected = false;
                LOG.warnf("live state disconnected cluster=%s addresses=%s; reconnecting", settings.clusterName(),
                        settings.addresses());
            }
            default -> {
            }
        }
    }

    /** Whether the client is connected to a member now. */
    public boolean connected() {
        return connected && client.getLifecycleService().isRunning();
    }

    public Settings settings() {
        return settings;
    }

    /** The IMap key of an asset's latest value of a kind (flink-jobs' {@code LiveStateKeys}). */
    public static String key(AssetId asset, MeasurementKind kind) {
        return asset.value() + '|' + kind.name();
    }

    /** The latest clean value of {@code kind} of {@code asset}, if the live state holds one. */
    public Optional<Measurement> latest(AssetId asset, MeasurementKind kind) {
        byte[] bytes = read(() -> map().get(key(asset, kind)));
        return Optional.ofNullable(bytes).flatMap(b -> decode(key(asset, kind), b));
    }

    /** The latest values of every kind of {@code asset} (kinds in declaration order); empty when none. */
    public List<Measurement> of(AssetId asset) {
        Set<String> keys = new LinkedHashSet<>();
        Arrays.stream(MeasurementKind.values()).forEach(k -> keys.add(key(asset, k)));
        return decodeAll(read(() -> map().getAll(keys)));
    }

    /** The latest values of the given asset and kind pairs that the live state holds, in one read. */
    public Map<String, Measurement> latest(Collection<String> keys) {
        Map<String, Measurement> out = new TreeMap<>();
        read(() -> map().getAll(new LinkedHashSet<>(keys))).forEach((k, v) -> decode(k, v).ifPresent(m -> out.put(k, m)));
        return out;
    }

    /** Every asset's latest values (of {@code kind} only, when given), by asset id; the kinds of each in declaration order. */
    public Map<AssetId, List<Measurement>> all(Optional<MeasurementKind> kind) {
        Map<String, byte[]> entries = read(() -> {
            IMap<String, byte[]> map = map();
            if (kind.isEmpty()) {
                return Map.copyOf(map.getAll(map.keySet()));
            }
            String suffix = "|" + kind.get().name();
            Set<String> keys = new LinkedHashSet<>();
            map.keySet().stream().filter(k -> k.endsWith(suffix)).forEach(keys::add);
            return map.getAll(keys);
        });
        Map<AssetId, List<Measurement>> out = new TreeMap<>(Comparator.comparing(AssetId::value));
        decodeAll(entries).forEach(m -> out.computeIfAbsent(m.asset(), a -> new ArrayList<>()).add(m));
        return out;
    }

    private List<Measurement> decodeAll(Map<String, byte[]> entries) {
        List<Measurement> out = new ArrayList<>();
        entries.forEach((k, v) -> decode(k, v).ifPresent(out::add));
        out.sort(ORDER);
        return out;
    }

    private IMap<String, byte[]> map() {
        return client.getMap(settings.map());
    }

    private <T> T read(Supplier<T> read) {
        if (!connected()) {
            throw unavailable(why("no member of Hazelcast cluster " + settings.clusterName() + " at "
                    + settings.addresses() + " is reachable"));
        }
        try {
            return read.get();
        } catch (RuntimeException e) {
            LOG.warnf("live state read failed cluster=%s map=%s: %s", settings.clusterName(), settings.map(),
                    e.toString());
            throw unavailable(why("reading map " + settings.map() + " of Hazelcast cluster " + settings.clusterName()
                    + " failed (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private String why(String what) {
        return "the live state is unavailable: " + what + "; it is the Flink job's (FlinkJobsMain --hazelcast"
                + " embedded, or " + settings.keyPrefix() + ".addresses and .cluster-name pointing at its cluster);"
                + " try again once it runs";
    }

    /**
     * The exception a read throws while the live state is unavailable, with {@code message} saying why and what to
     * do; a service whose callers catch an exception of its own overrides this to throw a subclass.
     */
    protected LiveStateUnavailableException unavailable(String message) {
        return new LiveStateUnavailableException(message);
    }

    private static Optional<Measurement> decode(String key, byte[] bytes) {
        try {
            return Optional.of(FORMAT.decode(bytes));
        } catch (RuntimeException e) {
            LOG.warnf("undecodable live value skipped key=%s: %s", key, e.getMessage());
            return Optional.empty();
        }
    }

    /** Shuts the client down. */
    @Override
    public void close() {
        client.shutdown();
        LOG.info("live state client stopped");
    }
}
