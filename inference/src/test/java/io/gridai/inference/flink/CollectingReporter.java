package io.gridai.inference.flink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps every metric registered in this JVM, so a test can read an operator's gauges
 * after its job ran. Registered with {@link #configure}; found through {@code META-INF/services}.
 */
public final class CollectingReporter implements MetricReporter {

    /** A registered metric with its name and scope variables (e.g. {@code <zone>} → {@code north-1}). */
    public record Registered(String name, Map<String, String> variables, Metric metric) {
    }

    private static final List<Registered> METRICS = new CopyOnWriteArrayList<>();

    /** Adds this reporter to a cluster configuration. */
    public static Configuration configure(Configuration conf) {
        conf.setString("metrics.reporter.collect.factory.class", Factory.class.getName());
        return conf;
    }

    /** The metric called {@code name} whose scope has every given variable (keys without brackets). */
    public static Optional<Metric> find(String name, Map<String, String> variables) {
        return METRICS.stream()
                .filter(r -> r.name().equals(name))
                .filter(r -> variables.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(r.variables().get("<" + e.getKey() + ">"))))
                .map(Registered::metric)
                .reduce((first, later) -> later);
    }

    public static List<Registered> all() {
        return List.copyOf(METRICS);
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        METRICS.add(new Registered(name, Map.copyOf(group.getAllVariables()), metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // kept: the test reads the last values after the job is over
    }

    /** Flink's factory for {@link CollectingReporter}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CollectingReporter();
        }
    }
}
