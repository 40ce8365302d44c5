package io.gridai.flink.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry of the jobs' operators in this JVM (a TaskManager, or the MiniCluster of {@code FlinkJobsMain}).
 *
 * <p>Configured the standard way, by {@code OTEL_*} environment variables or {@code otel.*} system properties, read by
 * the SDK's autoconfiguration. Tracing is on when an exporter is asked for: {@code OTEL_TRACES_EXPORTER} other than
 * {@code none}, or an OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT} / {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT});
 * and never when {@code OTEL_SDK_DISABLED=true}. Otherwise the operators get the no-op API, and the Kafka sources do not
 * even read the {@code traceparent} headers. The protocol is {@code http/protobuf} unless
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL} says otherwise (the JDK's HTTP client is the only sender here). Metrics and logs are not exported from here (Flink has its own reporters);
 * the service name defaults to {@value #SERVICE_NAME}.
 */
public final class JobTracing {

    /** {@code service.name} of the spans, unless {@code OTEL_SERVICE_NAME} says otherwise. */
    public static final String SERVICE_NAME = "gridai-flink-jobs";
    /** The instrumentation scope of the jobs' spans. */
    public static final String SCOPE = "io.gridai.flink";

    private static final Logger LOG = LoggerFactory.getLogger(JobTracing.class);
    private static volatile OpenTelemetry installed;
    private static volatile OpenTelemetry configured;

    private JobTracing() {
    }

    /** Whether the operators in this JVM trace: an SDK was installed, or the environment asks for an exporter. */
    public static boolean enabled() {
        return installed != null || requested(JobTracing::setting);
    }

    /** This JVM's OpenTelemetry: the installed one, else the autoconfigured SDK when {@link #enabled()}, else no-op. */
    public static OpenTelemetry openTelemetry() {
        OpenTelemetry given = installed;
        if (given != null) {
            return given;
        }
        if (!requested(JobTracing::setting)) {
            return OpenTelemetry.noop();
        }
        OpenTelemetry sdk = configured;
        if (sdk == null) {
            synchronized (JobTracing.class) {
                sdk = configured;
                if (sdk == null) {
                    sdk = configured = autoconfigure();
                }
            }
        }
        return sdk;
    }

    /** The jobs' tracer. */
    public static Tracer tracer() {
        return openTelemetry().getTracer(SCOPE);
    }

    /**
     * Uses {@code openTelemetry} in this JVM instead of the environment's (tests with an in-memory exporter, an
     * embedding application); {@code null} goes back to the environment.
     */
    public static void install(OpenTelemetry openTelemetry) {
        installed = openTelemetry;
    }

    /** Whether the settings ({@code otel.*} names) ask for traces to be exported. */
    static boolean requested(Function<String, Optional<String>> settings) {
        if (settings.apply("otel.sdk.disabled").map(v -> v.trim().equalsIgnoreCase("true")).orElse(false)) {
            return false;
        }
        Optional<String> exporter = settings.apply("otel.traces.exporter").map(v -> v.trim().toLowerCase(Locale.ROOT));
        if (exporter.isPresent()) {
            return !exporter.get().isEmpty() && !exporter.get().equals("none");
        }
        return settings.apply("otel.exporter.otlp.endpoint").filter(v -> !v.isBlank()).isPresent()
                || settings.apply("otel.exporter.otlp.traces.endpoint").filter(v -> !v.isBlank()).isPresent();
    }

    /** A system property, else the environment variable of the same name ({@code otel.a.b} → {@code OTEL_A_B}). */
    private static Optional<String> setting(String name) {
        String property = System.getProperty(name);
        if (property != null) {
            return Optional.of(property);
        }
        return Optional.ofNullable(System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_')));
    }

    private static OpenTelemetry autoconfigure() {
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of(
                        "otel.service.name", SERVICE_NAME,
                        // The JDK HTTP sender is the only one on the class path: OTLP over HTTP unless told otherwise.
                        "otel.exporter.otlp.protocol", "http/protobuf",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        Runtime.getRuntime().addShutdownHook(new Thread(sdk::close, "gridai-otel-shutdown"));
        LOG.info("tracing=on service={} exporter={} endpoint={}", setting("otel.service.name").orElse(SERVICE_NAME),
                setting("otel.traces.exporter").orElse("otlp"),
                setting("otel.exporter.otlp.traces.endpoint").or(() -> setting("otel.exporter.otlp.endpoint"))
                        .orElse("(default)"));
        return sdk;
    }
}
