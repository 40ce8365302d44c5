package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * `gridai archive import` and `gridai archive ls` in-process on real files: the exit statuses (0 all written, 3 some
 * refused, 2 usage), the summary, the refusals report, the default archive folder under --data-dir, `ls --json`.
 */
class ArchiveCommandTest {

    @TempDir
    Path dir;

    private Path csv(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void aCleanImportExitsZeroAndLsListsItInTheDataDirsArchive() throws Exception {
        Path file = csv("good.csv", "timestamp,asset,kind,value,unit",
                "2020-03-01T00:05:00Z,load-101,ACTIVE_POWER,-1500,kW",
                "2020-03-02T00:05:00Z,load-101,ACTIVE_POWER,-1.6,MW");
        Path data = dir.resolve("data");

        InProcess imported = InProcess.run("archive", "import", "--data-dir", data.toString(), "--format", "long-csv",
                "--feed", "History-A", file.toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported long-csv into " + data.resolve("archive").toAbsolutePath())
                .contains("(feed History-A): 2 rows read, 2 records written, 0 refused");
        InProcess ls = InProcess.run("archive", "ls", "--data-dir", data.toString(), "--json");
        assertThat(ls.exit()).isZero();
        JsonNode doc = new ObjectMapper().readTree(ls.out());
        assertThat(doc.get("root").asText()).isEqualTo(data.resolve("archive").toAbsolutePath().toString());
        JsonNode telemetry = doc.get("datasets").get(0);
        assertThat(telemetry.get("dataset").asText()).isEqualTo("telemetry");
        assertThat(telemetry.get("firstDate").asText()).isEqualTo("2020-03-01");
        assertThat(telemetry.get("dates").asInt()).isEqualTo(2);
        assertThat(telemetry.get("feeds").toString()).isEqualTo("[\"history-a\"]");
        assertThat(telemetry.get("files").asInt()).isEqualTo(2);
        assertThat(telemetry.get("records").asLong()).isEqualTo(2);

        InProcess text = InProcess.run("archive", "ls", "--data-dir", data.toString());
        assertThat(text.out()).contains("telemetry  2020-03-01..2020-03-02").contains("history-a");
    }

    @Test
    void refusedRowsExitThreeListedOnStderrAndInTheReportWhileTheOthersAreWritten() throws Exception {
        Path file = csv("mixed.csv", "timestamp,asset,kind,value,unit",
                "2020-03-01T00:05:00Z,load-101,ACTIVE_POWER,-1.5,MW",
                "2020-03-01T00:10:00Z,load-101,ACTIVE_POWER,-1.5,kV",
                "yesterday,load-101,ACTIVE_POWER,-1.5,MW");
        Path archive = dir.resolve("arch");

        InProcess imported = InProcess.run("archive", "import", "--archive", archive.toString(), "--format", "long-csv",
                file.toString());

        assertThat(imported.exit()).isEqualTo(ArchiveImportCommand.SOME_REFUSED);
        assertThat(imported.out()).contains("3 rows read, 1 records written, 2 refused (2 rows, 0 files)")
                .contains("refusals (2): " + archive.resolve("_imports"));
        assertThat(imported.err()).contains("refused " + file + ":3 column unit: ")
                .contains("refused " + file + ":4 column timestamp: 'yesterday' is not an ISO-8601 instant");
        Path report;
        try (Stream<Path> reports = Files.list(archive.resolve("_imports"))) {
            report = reports.filter(p -> p.toString().endsWith("-long-csv.refused.csv")).findFirst().orElseThrow();
        }
        assertThat(Files.readAllLines(report)).hasSize(3).first().isEqualTo("file,line,column,records,reason");
        InProcess ls = InProcess.run("archive", "ls", "--archive", archive.toString(), "--json");
        assertThat(new ObjectMapper().readTree(ls.out()).get("datasets").get(0).get("records").asLong())
                .as("the report is not archive data").isEqualTo(1);
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Path file = csv("good.csv", "timestamp,asset,kind,value,unit");
        Path archive = dir.resolve("arch");

        InProcess format = InProcess.run("archive", "import", "--archive", archive.toString(), "--format", "parquet",
                file.toString());
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("unknown import format 'parquet'; use one of [long-csv, opsd, rts-gmlc]");

        InProcess missing = InProcess.run("archive", "import", "--archive", archive.toString(), "--format", "long-csv",
                dir.resolve("absent.csv").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no readable file");

        InProcess feed = InProcess.run("archive", "import", "--archive", archive.toString(), "--format", "long-csv",
                "--feed", "bad feed", file.toString());
        assertThat(feed.exit()).isEqualTo(2);
        assertThat(feed.err()).contains("SourceId 'bad feed'");

        assertThat(InProcess.run("archive", "import", file.toString()).exit()).as("--format is required").isEqualTo(2);
        assertThat(Files.exists(archive)).isFalse();
    }

    @Test
    void lsOfAnEmptyArchiveSaysSo() {
        InProcess ls = InProcess.run("archive", "ls", "--archive", dir.resolve("none").toString());
        assertThat(ls.exit()).isZero();
        assertThat(ls.out()).contains("empty (import history with ./gridai archive import)");
    }
}
