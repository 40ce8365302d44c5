package io.gridai.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standard OpenTelemetry variables of the launcher's environment, as the Quarkus services' own keys. */
class TracingTest {

    @Test
    void nothingSetKeepsTracingOff() {
        assertThat(Tracing.quarkusEnvironment(Map.of())).isEmpty();
        assertThat(Tracing.quarkusEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isEmpty();
    }

    @Test
    void aBaseEndpointGetsTheTracesPathForOtlpOverHttp() {
        Map<String, String> env = Tracing.quarkusEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_TRACES_SAMPLER_ARG", "0.01", "OTEL_BSP_SCHEDULE_DELAY", "500"));
        assertThat(env).containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf")
                .containsEntry("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0.01")
                .containsEntry("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "500ms");
        assertThat(Tracing.quarkusEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")))
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces");
    }

    @Test
    void grpcTakesTheEndpointAsItIsAndASignalEndpointWins() {
        assertThat(Tracing.quarkusEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4317")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc");
        assertThat(Tracing.quarkusEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://b:4318/traces")))
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://b:4318/traces");
    }

    @Test
    void theSdkSwitchAndANoneExporterWin() {
        assertThat(Tracing.quarkusEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_SDK_DISABLED", "true"))).isEmpty();
        assertThat(Tracing.quarkusEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_TRACES_EXPORTER", "none"))).isEmpty();
    }
}
