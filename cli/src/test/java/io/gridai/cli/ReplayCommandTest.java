package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.archive.ArchiveWriter;
import io.gridai.cli.platform.PlatformLayout;
import io.gridai.inference.flink.LoadFixtures;
import io.gridai.inference.flink.LoadFixtures.Zone;
import io.gridai.kafka.ScratchKafkaBroker;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gridai replay`: refused without a platform or with a bad sandbox name; a real replay (its own JVM, the replay
 * module's class path) of three archived days into a sandbox on a real broker, writing the report and a summary
 * whose offline check holds; `gridai replay pause` reaches a running replay's control file.
 */
class ReplayCommandTest {

    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    @BeforeAll
    static void home() {
        System.setProperty("gridai.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    @Test
    void refusedWithoutARunningPlatformOrWithABadSandboxName() {
        InProcess none = InProcess.run("replay", "--from", "2026-06-01", "--to", "2026-06-02", "--data-dir",
                dir.toString());
        assertThat(none.exit()).isEqualTo(ReplayCommand.REFUSED);
        assertThat(none.err()).contains("GridAI is not running from").contains("--bootstrap");

        InProcess bad = InProcess.run("replay", "--from", "2026-06-01", "--to", "2026-06-02", "--sandbox", "Not OK",
                "--bootstrap", "127.0.0.1:1", "--data-dir", dir.toString());
        assertThat(bad.exit()).isEqualTo(ReplayCommand.REFUSED);
        assertThat(bad.err()).contains("sandbox name 'Not OK'");

        InProcess pause = InProcess.run("replay", "pause", "--sandbox", "week", "--data-dir", dir.toString());
        assertThat(pause.exit()).isEqualTo(ReplayCommand.REFUSED);
        assertThat(pause.err()).contains("no replay of sandbox week is running");
    }

    @Test
    void pauseWritesTheRunningReplaysControlFile() throws Exception {
        PlatformLayout layout = new PlatformLayout(dir);
        Path control = ReplayCommand.controlFile(layout, SandboxId.of("week"));
        Files.createDirectories(control.getParent());
        Files.writeString(control, "running\n"); // as ReplayMain writes it when it starts
        InProcess pause = InProcess.run("replay", "pause", "--sandbox", "week", "--data-dir", dir.toString());
        assertThat(pause.exit()).as(pause.err()).isZero();
        assertThat(Files.readString(control).strip()).isEqualTo("pause");
        InProcess stop = InProcess.run("replay", "stop", "--sandbox", "week", "--data-dir", dir.toString());
        assertThat(stop.exit()).isZero();
        assertThat(Files.readString(control).strip()).isEqualTo("stop");
    }

    @Test
    void replaysThreeArchivedDaysIntoASandboxAndWritesTheReport() throws Exception {
        Zone zone = Zone.of("zone-1", "Europe/Paris", "FR", 700);
        Path archive = dir.resolve("archive");
        try (ArchiveWriter<Measurement> writer = ArchiveWriter.open(archive, ArchiveDataset.TELEMETRY)) {
            long first = START.getEpochSecond() / 3600;
            for (int h = 0; h < 3 * 24; h++) {
                for (int m = 0; m < 12; m++) {
                    Instant t = Instant.ofEpochSecond((first + h) * 3600 + m * 300L);
                    writer.write(Measurement.of(SourceId.of("rts-gmlc"), AssetId.of("load-zone-1"),
                            MeasurementKind.ACTIVE_POWER, -zone.consumption(first + h), Unit.MEGAWATT, t, t));
                }
            }
        }
        Path models = LoadFixtures.activeRegistry(Files.createDirectories(dir.resolve("models")), List.of(zone));
        Path data = dir.resolve("data");
        try (ScratchKafkaBroker broker = ScratchKafkaBroker.start("gridai-replay-cli")) {
            InProcess run = InProcess.run("replay", "--bootstrap", broker.bootstrapServers(), "--archive",
                    archive.toString(), "--models", models.toString(), "--from", "2026-06-01", "--to", "2026-06-04",
                    "--speed", "max", "--sandbox", "cli-test", "--data-dir", data.toString(),
                    "--set", "checkpoint.interval=PT0.5S", "--set", "forecast.checkpoint.interval=PT0.5S");
            assertThat(run.exit()).as(run.err()).isZero();
        }
        Path report = data.resolve("replay/cli-test/report");
        assertThat(report.resolve("report.html")).exists();
        assertThat(report.resolve("forecast-zone-1.png")).exists();
        String summary = Files.readString(report.resolve("replay.json"));
        assertThat(summary).contains("\"identical\" : true").contains("\"records\" : " + 3 * 24 * 12)
                .contains("sandbox.cli-test.grid.forecasts");
        assertThat(data.resolve("logs/replay-cli-test.log")).exists();
        // the status file the operator API reads (GET /api/v1/replays), in the run folder next to the control file,
        // which is gone once the replay has ended
        String status = Files.readString(data.resolve("run/replay-cli-test.status.json"));
        assertThat(status).contains("\"state\" : \"done\"").contains("\"records_sent\" : " + 3 * 24 * 12)
                .contains("\"records_total\" : " + 3 * 24 * 12)
                .contains("\"report\" : \"" + report.resolve("report.html").toAbsolutePath() + "\"");
        assertThat(ReplayCommand.controlFile(new PlatformLayout(data), SandboxId.of("cli-test"))).doesNotExist();
    }
}
