package io.gridai.flink.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the jobs' JVM traces: only when the standard settings ask for an exporter, never when the SDK is disabled. */
class JobTracingTest {

    private static boolean requested(Map<String, String> settings) {
        return JobTracing.requested(name -> Optional.ofNullable(settings.get(name)));
    }

    @Test
    void offUnlessAnExporterIsAskedFor() {
        assertThat(requested(Map.of())).isFalse();
        assertThat(requested(Map.of("otel.exporter.otlp.endpoint", " "))).isFalse();
        assertThat(requested(Map.of("otel.traces.exporter", "none", "otel.exporter.otlp.endpoint", "http://c:4318")))
                .isFalse();
        assertThat(requested(Map.of("otel.sdk.disabled", "true", "otel.exporter.otlp.endpoint", "http://c:4318")))
                .isFalse();
    }

    @Test
    void onWithAnEndpointOrAnExporter() {
        assertThat(requested(Map.of("otel.exporter.otlp.endpoint", "http://c:4318"))).isTrue();
        assertThat(requested(Map.of("otel.exporter.otlp.traces.endpoint", "http://c:4318/v1/traces"))).isTrue();
        assertThat(requested(Map.of("otel.traces.exporter", "otlp"))).isTrue();
        assertThat(requested(Map.of("otel.traces.exporter", "console"))).isTrue();
    }
}
