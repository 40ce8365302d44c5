package io.gridai.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status file a replay keeps for the operator API: its state follows the control (starting until the first
 * record, paused, stopping) and the end; progress, total, report and error appear when known; each write replaces
 * the file whole and leaves no temporary file behind.
 */
class ReplayStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-29T20:00:00Z");

    @TempDir
    Path dir;

    private JsonNode read(Path file) throws Exception {
        return JSON.readTree(file.toFile());
    }

    @Test
    void theStateFollowsTheControlAndTheEndAndProgressIsWritten() throws Exception {
        Path file = dir.resolve("run/replay-s1.status.json");
        ReplayControl control = new ReplayControl();
        ReplayStatus status = new ReplayStatus(file, "s1", "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z", "600",
                control::state, Clock.fixed(NOW, ZoneOffset.UTC));

        status.write();
        JsonNode starting = read(file);
        assertThat(starting.get("sandbox").asText()).isEqualTo("s1");
        assertThat(starting.get("state").asText()).isEqualTo("starting");
        assertThat(starting.get("from").asText()).isEqualTo("2026-06-01T00:00:00Z");
        assertThat(starting.get("to").asText()).isEqualTo("2026-06-02T00:00:00Z");
        assertThat(starting.get("speed").asText()).isEqualTo("600");
        assertThat(starting.get("records_sent").asLong()).isZero();
        assertThat(starting.has("records_total")).as("not known yet").isFalse();
        assertThat(starting.has("event_time")).isFalse();
        assertThat(starting.get("updated_at").asText()).isEqualTo(NOW.toString());

        status.total(576).write();
        assertThat(read(file).get("records_total").asLong()).isEqualTo(576);
        assertThat(read(file).get("state").asText()).as("nothing sent yet").isEqualTo("starting");

        status.progress(new ArchiveReplayer.Progress(42, Instant.parse("2026-06-01T01:45:00Z"), 3.96, false)).write();
        JsonNode running = read(file);
        assertThat(running.get("state").asText()).isEqualTo("running");
        assertThat(running.get("records_sent").asLong()).isEqualTo(42);
        assertThat(running.get("event_time").asText()).isEqualTo("2026-06-01T01:45:00Z");
        assertThat(running.get("records_per_second").asDouble()).isEqualTo(4.0);

        control.pause();
        status.write();
        assertThat(read(file).get("state").asText()).isEqualTo("paused");
        control.resume();
        status.write();
        assertThat(read(file).get("state").asText()).isEqualTo("running");
        control.stop();
        status.write();
        assertThat(read(file).get("state").asText()).isEqualTo("stopping");
        status.end(ReplayStatus.State.STOPPED, null).write();
        JsonNode stopped = read(file);
        assertThat(stopped.get("state").asText()).isEqualTo("stopped");
        assertThat(stopped.get("records_sent").asLong()).isEqualTo(42);
        assertThat(stopped.has("report")).isFalse();
        assertThat(stopped.has("error")).isFalse();

        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).as("no temporary file left")
                    .isEqualTo(List.of("replay-s1.status.json"));
        }
    }

    @Test
    void doneNamesTheReportAndFailedTheError() throws Exception {
        Path file = dir.resolve("status.json");
        ReplayStatus done = new ReplayStatus(file, "s2", "a", "b", "max", null, Clock.systemUTC());
        done.end(ReplayStatus.State.DONE, "/data/replay/s2/report/report.html").write();
        assertThat(read(file).get("state").asText()).isEqualTo("done");
        assertThat(read(file).get("report").asText()).isEqualTo("/data/replay/s2/report/report.html");

        ReplayStatus failed = new ReplayStatus(file, "s2", "a", "b", "max", null, Clock.systemUTC());
        failed.end(ReplayStatus.State.FAILED, "the archive holds no telemetry").write();
        assertThat(read(file).get("state").asText()).isEqualTo("failed");
        assertThat(read(file).get("error").asText()).isEqualTo("the archive holds no telemetry");
        assertThat(read(file).has("report")).isFalse();

        assertThatThrownBy(() -> failed.end(ReplayStatus.State.RUNNING, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadCommandLineLeavesAFailedStatusWhenAStatusFileIsNamed() throws Exception {
        Path file = dir.resolve("refused.json");
        int exit = ReplayMain.run(new String[] {"--bootstrap", "localhost:1", "--archive", dir.toString(),
            "--sandbox", "Not A Sandbox!", "--from", "2026-06-01", "--to", "2026-06-02", "--models", dir.toString(),
            "--status-file", file.toString()}, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        assertThat(exit).isEqualTo(ReplayMain.USAGE);
        JsonNode refused = read(file);
        assertThat(refused.get("state").asText()).isEqualTo("failed");
        assertThat(refused.get("error").asText()).startsWith("refused: ");
        assertThat(refused.get("sandbox").asText()).isEqualTo("Not A Sandbox!");
    }
}
