package io.gridai.cli.platform;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tracing of the platform's processes, from the standard OpenTelemetry variables in the launcher's environment.
 *
 * <p>Every process inherits the launcher's environment: the Flink jobs' JVM reads {@code OTEL_*} itself (its SDK's
 * autoconfiguration). The Quarkus services read their own {@code quarkus.otel.*} keys, so for them this translates:
 * tracing is on when {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set (and
 * {@code OTEL_SDK_DISABLED} is not {@code true}, {@code OTEL_TRACES_EXPORTER} not {@code none}); the protocol is
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL}, by default {@code http/protobuf} (what the Flink jobs' JDK sender speaks). With
 * nothing set, every service keeps its SDK off: no span is made and no trace header written.
 */
public final class Tracing {

    /** The protocol when none is given: OTLP over HTTP with protobuf bodies, the OpenTelemetry specification's default. */
    public static final String DEFAULT_PROTOCOL = "http/protobuf";

    private Tracing() {
    }

    /** The traces endpoint the environment asks for (a full URL), or empty when tracing is off. */
    public static Optional<String> tracesEndpoint(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").trim())
                || "none".equalsIgnoreCase(env.getOrDefault("OTEL_TRACES_EXPORTER", "").trim())) {
            return Optional.empty();
        }
        String signal = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (signal != null && !signal.isBlank()) {
            return Optional.of(signal.trim());
        }
        String base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (base == null || base.isBlank()) {
            return Optional.empty();
        }
        String trimmed = base.trim();
        // The specification: for OTLP/HTTP the base endpoint gets the signal's path; gRPC takes it as it is.
        return Optional.of(protocol(env).equals("grpc") ? trimmed
                : (trimmed.endsWith("/") ? trimmed : trimmed + "/") + "v1/traces");
    }

    /** {@code OTEL_EXPORTER_OTLP_TRACES_PROTOCOL}, else {@code OTEL_EXPORTER_OTLP_PROTOCOL}, else {@value #DEFAULT_PROTOCOL}. */
    public static String protocol(Map<String, String> env) {
        return Optional.ofNullable(env.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")).filter(p -> !p.isBlank())
                .or(() -> Optional.ofNullable(env.get("OTEL_EXPORTER_OTLP_PROTOCOL")).filter(p -> !p.isBlank()))
                .map(p -> p.trim().toLowerCase(Locale.ROOT)).orElse(DEFAULT_PROTOCOL);
    }

    /**
     * The environment a Quarkus service needs to trace as {@code env} asks: its SDK on, the traces endpoint and
     * protocol, the ratio of new traces sampled ({@code OTEL_TRACES_SAMPLER_ARG}; the services sample parent-based by
     * trace-id ratio, 1.0 by default) and the batch delay when {@code OTEL_BSP_SCHEDULE_DELAY} (milliseconds) is
     * given. Empty when off.
     */
    public static Map<String, String> quarkusEnvironment(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        tracesEndpoint(env).ifPresent(endpoint -> {
            out.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            out.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", endpoint);
            out.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", protocol(env));
            Optional.ofNullable(env.get("OTEL_TRACES_SAMPLER_ARG")).filter(a -> !a.isBlank())
                    .ifPresent(ratio -> out.put("QUARKUS_OTEL_TRACES_SAMPLER_ARG", ratio.trim()));
            Optional.ofNullable(env.get("OTEL_BSP_SCHEDULE_DELAY")).filter(d -> d.trim().matches("\\d+"))
                    .ifPresent(ms -> out.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", ms.trim() + "ms"));
        });
        return out;
    }
}
