package io.gridai.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gridai.archive.ArchiveWriter;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.kafka.quarkus.TopicTail;
import io.gridai.model.AuditEvent;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A replay started and steered through the API: the real replay module's {@code ReplayMain} (from
 * {@code ../replay/target}, which the reactor builds first) as a child process on the test broker, replaying a day of
 * archived load of two assets at 600× real time into sandbox {@code api-week} — running with records sent, paused
 * (no more records), resumed (more records), stopped (exit code 2) — each action in the audit chain; a second start
 * of the same sandbox while it runs is refused with 409.
 */
@QuarkusTest
@TestProfile(ReplaysTest.WithReplayModule.class)
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestTokens.class)
class ReplaysTest {

    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    static final Path MODULE = Path.of("..", "replay").toAbsolutePath().normalize();

    /** The replay module's class path, when it is built. */
    static Optional<String> classPath() {
        Path target = MODULE.resolve("target");
        if (!Files.isDirectory(target.resolve("lib"))) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("replay-.*\\.jar")
                    && !f.getFileName().toString().endsWith("-tests.jar")).findFirst()
                    .map(jar -> jar.toAbsolutePath() + java.io.File.pathSeparator + target.resolve("lib") + "/*");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Replays configured with the built replay module, a one-day archive and an empty model registry. */
    public static class WithReplayModule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "replays")).toAbsolutePath(),
                        "replays-");
                Path archive = archive(root.resolve("archive"));
                Path models = Files.createDirectories(root.resolve("models")); // no model: forecasts are skipped
                return Map.of("gridai.operator.replay.class-path", classPath().orElse("/replay-module-not-built"),
                        "gridai.operator.replay.archive", archive.toString(),
                        "gridai.operator.replay.models", models.toString(),
                        "gridai.operator.replay.dir", root.resolve("replay").toString(),
                        "gridai.operator.replay.run-dir", root.resolve("run").toString(),
                        "gridai.operator.replay.logs-dir", root.resolve("logs").toString(),
                        "gridai.operator.replay.jvm-options", "-Xmx768m",
                        "gridai.operator.replay.timeout", "PT2M");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A day of 5-minute ACTIVE_POWER values of two loads, as the archive import writes them. */
    static Path archive(Path root) throws IOException {
        Files.createDirectories(root);
        try (ArchiveWriter<Measurement> writer = ArchiveWriter.open(root, ArchiveDataset.TELEMETRY)) {
            for (int step = 0; step < 24 * 12; step++) {
                Instant t = START.plus(Duration.ofMinutes(5L * step));
                for (String asset : List.of("load-zone-1", "load-zone-2")) {
                    writer.write(Measurement.of(SourceId.of("rts-gmlc"), AssetId.of(asset),
                            MeasurementKind.ACTIVE_POWER, -(400 + step % 50), Unit.MEGAWATT, t, t));
                }
            }
        }
        return root;
    }

    private static RequestSpecification as(String subject, String role) {
        return given().header("Authorization", "Bearer " + TestTokens.token(subject, role));
    }

    private static JsonPath status(String sandbox) {
        return as("vera", "viewer").get("/api/v1/replays/" + sandbox).then().statusCode(200).extract().jsonPath();
    }

    private static long sent(String sandbox) {
        return status(sandbox).getLong("records_sent");
    }

    @Test
    void aReplayIsStartedPausedResumedAndStoppedThroughTheApi() {
        Assumptions.assumeTrue(classPath().isPresent(), "the replay module is not built (no jar and lib/ in "
                + MODULE.resolve("target") + "); build it first: ./mvnw -pl replay -am package -DskipTests");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        String sandbox = "api-week";
        try (TopicTail<String, AuditEvent> audit = TopicTail.of(Topics.GRID_AUDIT)) {
            as("olga", "operator").contentType("application/json")
                    .body("{\"sandbox\":\"" + sandbox + "\",\"from\":\"2026-06-01\",\"to\":\"2026-06-02T00:00:00Z\","
                            + "\"speed\":600}")
                    .post("/api/v1/replays").then().statusCode(202)
                    .header("Location", containsString("/api/v1/replays/" + sandbox))
                    .body("sandbox", equalTo(sandbox))
                    .body("speed", equalTo("600"));

            as("olga", "operator").contentType("application/json")
                    .body("{\"sandbox\":\"" + sandbox + "\",\"from\":\"2026-06-01\",\"to\":\"2026-06-02\"}")
                    .post("/api/v1/replays").then().statusCode(409)
                    .contentType(containsString("application/problem+json"))
                    .body("type", equalTo("urn:gridai:problem:replay-running"))
                    .body("detail", containsString("a replay of sandbox api-week is running"))
                    .body("sandbox", equalTo(sandbox));

            // the child JVM starts the sandbox's Flink jobs first, then sends a record pair every 0.5 s
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
                JsonPath s = status(sandbox);
                assertThat(s.getString("state")).as("status %s", s.prettify())
                        .isIn("starting", "running");
                return s.getString("state").equals("running") && s.getLong("records_sent") > 0;
            });
            JsonPath running = status(sandbox);
            assertThat(running.getLong("records_total")).isEqualTo(2 * 24 * 12);
            assertThat(running.getString("from")).isEqualTo("2026-06-01T00:00:00Z");
            assertThat(running.getString("event_time")).startsWith("2026-06-01T");
            assertThat(as("vera", "viewer").get("/api/v1/replays").then().statusCode(200).extract().jsonPath()
                    .getList("sandbox", String.class)).contains(sandbox);

            as("olga", "operator").post("/api/v1/replays/" + sandbox + "/pause").then().statusCode(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> status(sandbox).getString("state").equals("paused"));
            long paused = sent(sandbox);
            // paused: nothing more is sent (records would come every 0.5 s otherwise)
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> sent(sandbox) == paused);

            as("olga", "operator").post("/api/v1/replays/" + sandbox + "/resume").then().statusCode(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> status(sandbox).getString("state").equals("running")
                    && sent(sandbox) > paused);

            as("olga", "operator").post("/api/v1/replays/" + sandbox + "/stop").then().statusCode(202);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> status(sandbox).get("exit_code") != null);
            JsonPath stopped = status(sandbox);
            assertThat(stopped.getString("state")).as(stopped.prettify()).isEqualTo("stopped");
            assertThat(stopped.getInt("exit_code")).isEqualTo(2);
            assertThat(stopped.getLong("records_sent")).isGreaterThan(paused).isLessThan(2 * 24 * 12);

            // stopped: steering it is refused, and it may be started again
            as("olga", "operator").post("/api/v1/replays/" + sandbox + "/pause").then().statusCode(404)
                    .body("type", equalTo("urn:gridai:problem:not-found"));

            List<AuditEvent> events = audit.newValues().stream().filter(e -> e.subject().equals(sandbox)).toList();
            assertThat(events).extracting(AuditEvent::action).containsExactly("replay.start", "replay.pause",
                    "replay.resume", "replay.stop");
            assertThat(events).allSatisfy(e -> assertThat(e.actor()).isEqualTo("olga"));
        }
    }
}
