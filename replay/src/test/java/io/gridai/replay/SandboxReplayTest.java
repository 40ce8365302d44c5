package io.gridai.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.SandboxId;
import io.gridai.model.topic.Topics;
import io.gridai.replay.ArchiveReplayer.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A replay end to end against the real broker: four days of archived zone load into a sandbox, the production
 * streaming and forecast jobs on Flink MiniClusters making zone loads and forecasts in the sandbox's topics — and the
 * same window replayed twice gives byte-identical result topics, with nothing written to a real topic.
 */
@WithKafkaBroker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxReplayTest {

    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    static final int DAYS = 4;

    private Path archive;
    private Path models;

    @BeforeAll
    void fixtures() throws Exception {
        archive = ReplayFixtures.archive(START, DAYS);
        models = ReplayFixtures.models();
    }

    private Replay.Result replay(String bootstrap, String sandbox, double speed, ReplayControl control,
            List<Progress> progress) throws Exception {
        ReplayRequest request = new ReplayRequest(archive, SandboxId.of(sandbox), START,
                START.plus(Duration.ofDays(DAYS)), Set.of(), speed);
        return new Replay(bootstrap, jobProperties(), models, work(), Duration.ofSeconds(120)).run(request, control,
                progress::add);
    }

    private static Properties jobProperties() {
        Properties jobs = new Properties();
        jobs.setProperty("checkpoint.interval", "PT0.5S");
        jobs.setProperty("forecast.checkpoint.interval", "PT0.5S");
        return jobs;
    }

    private Path work() throws java.io.IOException {
        return Files.createTempDirectory(archive.getParent(), "replay-work-");
    }

    @Test
    void theSameWindowTwiceGivesByteIdenticalResultTopics(@BootstrapServers String bootstrap) throws Exception {
        Set<String> before = topics(bootstrap);
        List<Progress> progress = new ArrayList<>();
        Replay.Result first = replay(bootstrap, "twice", ReplayRequest.MAX_SPEED, new ReplayControl(), progress);
        Replay.Result second = replay(bootstrap, "twice", ReplayRequest.MAX_SPEED, new ReplayControl(),
                new ArrayList<>());

        long records = (long) DAYS * 24 * 12 * ReplayFixtures.ZONES.size();
        assertThat(first.sent().records()).isEqualTo(records);
        assertThat(first.stopped()).isFalse();
        assertThat(progress).last().satisfies(p -> assertThat(p.done()).isTrue());

        List<Measurement> clean = first.output(Topics.TELEMETRY_CLEAN).values(
                Topics.sandbox("twice").of(Topics.TELEMETRY_CLEAN));
        assertThat(clean).hasSize((int) records);
        List<ZoneLoad> loads = first.output(Topics.GRID_ZONE_LOAD).values(
                Topics.sandbox("twice").of(Topics.GRID_ZONE_LOAD));
        assertThat(loads.stream().filter(z -> z.window().equals(Duration.ofHours(1))))
                .as("an hourly load per zone and hour, the last ones at the end of input")
                .hasSize(DAYS * 24 * ReplayFixtures.ZONES.size());
        List<Forecast> forecasts = first.output(Topics.GRID_FORECASTS).values(
                Topics.sandbox("twice").of(Topics.GRID_FORECASTS));
        assertThat(forecasts.stream().filter(f -> f.step().equals(Duration.ofHours(1))))
                .as("day-ahead forecasts made at 10:00 Paris time on days 2..4 (day 1 has 8 h of history, the"
                        + " minimum is 24 h), per zone").hasSize((DAYS - 1) * ReplayFixtures.ZONES.size());
        assertThat(loads.stream().filter(z -> z.window().equals(Duration.ofMinutes(5))))
                .hasSize(DAYS * 24 * 12 * ReplayFixtures.ZONES.size());
        assertThat(forecasts.stream().filter(f -> f.step().equals(Duration.ofMinutes(5))))
                .as("intraday forecasts every hour once a zone has 24 h of history, to the last hour")
                .hasSize((DAYS * 24 - 24 + 1) * ReplayFixtures.ZONES.size());

        for (String topic : first.outputs().keySet()) {
            assertThat(second.outputs().get(topic).sha256()).as("replayed twice: %s", topic)
                    .isEqualTo(first.outputs().get(topic).sha256());
            assertThat(second.outputs().get(topic).count()).isEqualTo(first.outputs().get(topic).count());
        }
        // The same model run offline on the archive (no Kafka, no Flink) makes exactly the sandbox's forecasts.
        Path reportDir = work().resolve("report");
        ReplayAnalysis.Outcome outcome = ReplayAnalysis.analyse(first, Optional.of(models), reportDir);
        assertThat(outcome.check().zoneLoadsCompared()).isEqualTo(DAYS * 24 * ReplayFixtures.ZONES.size());
        assertThat(outcome.check().maxZoneLoadDifferenceMw()).isZero();
        assertThat(outcome.check().offlineForecasts()).isEqualTo(forecasts.size());
        assertThat(outcome.check().identical()).as("%s", outcome.check()).isTrue();
        assertThat(outcome.production()).isEqualTo(ReplayAnalysis.ProductionSource.OFFLINE_MODEL);
        assertThat(outcome.report().reportHtml()).exists();
        assertThat(outcome.report().plots()).hasSize(ReplayFixtures.ZONES.size());
        assertThat(outcome.report().metrics().forecasts()).isNotEmpty();
        assertThat(Files.readString(outcome.summary())).contains("\"identical\" : true")
                .contains(first.output(Topics.GRID_FORECASTS).sha256());

        Set<String> created = topics(bootstrap);
        created.removeAll(before);
        assertThat(created).as("every topic a replay made is the sandbox's").isNotEmpty()
                .allSatisfy(t -> assertThat(t).startsWith("sandbox.twice."));
    }

    @Test
    void aStoppedReplaySendsNoMoreAndMakesNoResults(@BootstrapServers String bootstrap) throws Exception {
        ReplayControl control = new ReplayControl();
        List<Progress> progress = new ArrayList<>();
        // 5-minute records 0.5 s apart: the stop comes after the first progress report, long before the end.
        Replay.Result result = replay(bootstrap, "stopped", 600, control, new ArrayList<>() {
            @Override
            public boolean add(Progress p) {
                control.stop();
                return progress.add(p);
            }
        });
        assertThat(result.stopped()).isTrue();
        assertThat(result.sent().records()).isPositive().isLessThan((long) DAYS * 24 * 12 * 2);
        assertThat(result.outputs()).isEmpty();
    }

    private static Set<String> topics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            return new java.util.HashSet<>(admin.listTopics().names().get());
        }
    }
}
