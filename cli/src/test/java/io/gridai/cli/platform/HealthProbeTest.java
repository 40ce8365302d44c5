package io.gridai.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A component that stops beating is DOWN even while its process lives; a failed solve makes it DEGRADED. */
class HealthProbeTest {

    @TempDir
    Path dir;

    @Test
    void aFreshHeartbeatIsUpAStaleOneIsDownAndANonConvergedTickIsDegraded() throws Exception {
        Path file = dir.resolve("grid-sim.heartbeat");
        ComponentRecord twin = new ComponentRecord("grid-sim", HealthProbe.HEARTBEAT, null, List.of(),
                Map.of(HealthProbe.HEARTBEAT, file.toString()));
        HealthProbe probe = new HealthProbe(Duration.ofSeconds(1));

        assertThat(probe.check(twin).health()).isEqualTo(Health.DOWN);

        beat(file, System.currentTimeMillis(), true);
        ComponentStatus fresh = probe.check(twin);
        assertThat(fresh.health()).isEqualTo(Health.UP);
        assertThat(fresh.detail()).contains("grid time 2020-07-01T00:10:00Z").contains("600 ticks");

        beat(file, System.currentTimeMillis(), false);
        assertThat(probe.check(twin).health()).isEqualTo(Health.DEGRADED);

        beat(file, System.currentTimeMillis() - HealthProbe.HEARTBEAT_STALE_AFTER.toMillis() - 5_000, true);
        ComponentStatus stale = probe.check(twin);
        assertThat(stale.health()).isEqualTo(Health.DOWN);
        assertThat(stale.detail()).contains("no tick for");
    }

    private static void beat(Path file, long epochMs, boolean converged) throws Exception {
        Properties p = new Properties();
        p.setProperty("wallEpochMs", String.valueOf(epochMs));
        p.setProperty("gridTime", "2020-07-01T00:10:00Z");
        p.setProperty("ticks", "600");
        p.setProperty("measurements", "610000");
        p.setProperty("nonConverged", "0");
        p.setProperty("setpoints", "0");
        p.setProperty("lastConverged", String.valueOf(converged));
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
    }
}
