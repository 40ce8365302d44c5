package io.gridai.inference.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.inference.flink.LoadFixtures;
import io.gridai.inference.flink.LoadFixtures.Zone;
import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.model.id.ZoneId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry on a real folder with real ONNX models from the trainer, and a hand-moved clock for refreshes. */
class ModelRegistryTest {

    private static final Zone NORTH = Zone.of("north-1", "Europe/Paris", "FR", 800);
    private static final ZoneId SOUTH = ZoneId.of("south-2");
    private static final LocalDate UNTIL = LocalDate.of(2026, 3, 1);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private static byte[] v1;
    private static byte[] v2;
    private static byte[] intraday;

    private final AtomicLong nanos = new AtomicLong();
    private Path root;
    private ModelRegistry registry;

    @BeforeAll
    static void trainModels() {
        LoadFixtures.tmp();
        v1 = LoadFixtures.dayAhead(NORTH, "north-da-v1", UNTIL, 30, 8, 1);
        v2 = LoadFixtures.dayAhead(NORTH, "north-da-v2", UNTIL, 30, 12, 2);
        intraday = LoadFixtures.intraday(NORTH, "north-id-v1", UNTIL, 10, 6, 8, 1);
    }

    @BeforeEach
    void open() throws Exception {
        root = Files.createTempDirectory(LoadFixtures.tmp(), "registry-");
        registry = new ModelRegistry(root, InferenceSettings.defaults(), INTERVAL, nanos::get);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void publishStoresTheFileUnderItsVersionAndHorizonAndRefusesTheSameVersionTwice() throws Exception {
        assertThat(registry.publish(NORTH.id(), v1).version()).isEqualTo("north-da-v1");
        registry.publish(NORTH.id(), v2);
        registry.publish(NORTH.id(), intraday);

        assertThat(root.resolve("north-1/day_ahead/north-da-v1.onnx")).hasBinaryContent(v1);
        assertThat(registry.versions(NORTH.id(), Horizon.DAY_AHEAD)).containsExactly("north-da-v1", "north-da-v2");
        assertThat(registry.versions(NORTH.id(), Horizon.INTRADAY)).containsExactly("north-id-v1");
        assertThat(registry.versions(SOUTH, Horizon.DAY_AHEAD)).isEmpty();
        assertThatThrownBy(() -> registry.publish(NORTH.id(), v1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has")
                .hasMessageContaining("north-da-v1");
        assertThat(root.resolve("north-1/day_ahead/north-da-v1.onnx")).hasBinaryContent(v1);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void refusesBytesThatAreNotAGridAiModel() {
        assertThatThrownBy(() -> registry.publish(NORTH.id(), "not onnx".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("north-1");
        assertThat(registry.versions(NORTH.id(), Horizon.DAY_AHEAD)).isEmpty();
    }

    @Test
    void activateWritesThePointerAndOnlyForAPublishedVersion() {
        registry.publish(NORTH.id(), v1);
        assertThatThrownBy(() -> registry.activate(NORTH.id(), Horizon.DAY_AHEAD, "north-da-v9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("north-da-v1");
        assertThatThrownBy(() -> registry.activate(NORTH.id(), Horizon.DAY_AHEAD, "../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot name a file");

        registry.activate(NORTH.id(), Horizon.DAY_AHEAD, "north-da-v1");

        assertThat(root.resolve("north-1/day_ahead/ACTIVE")).hasContent("north-da-v1");
        assertThat(registry.activeVersion(NORTH.id(), Horizon.DAY_AHEAD)).contains("north-da-v1");
        assertThat(registry.active(NORTH.id(), Horizon.DAY_AHEAD)).get()
                .satisfies(m -> assertThat(m.metadata().version()).isEqualTo("north-da-v1"))
                .satisfies(m -> assertThat(m.executionProvider()).isEqualTo("CPU"));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aZoneWithoutModelHasNone() {
        assertThat(registry.active(SOUTH, Horizon.DAY_AHEAD)).isEmpty();
        assertThat(registry.shadow(SOUTH, Horizon.DAY_AHEAD)).isEmpty();
        registry.publish(NORTH.id(), v1); // published but not active
        assertThat(registry.active(NORTH.id(), Horizon.DAY_AHEAD)).isEmpty();
        assertThat(registry.loadedModels()).isZero();
    }

    @Test
    void refreshPicksUpANewActiveVersionOnlyAfterTheIntervalAndClosesTheOldModel() {
        registry.publish(NORTH.id(), v1);
        registry.publish(NORTH.id(), v2);
        registry.activate(NORTH.id(), Horizon.DAY_AHEAD, "north-da-v1");
        ForecastModel first = registry.active(NORTH.id(), Horizon.DAY_AHEAD).orElseThrow();
        assertThat(registry.refresh()).as("the first refresh checks: nothing changed").isFalse();
        assertThat(registry.active(NORTH.id(), Horizon.DAY_AHEAD)).containsSame(first);

        registry.activate(NORTH.id(), Horizon.DAY_AHEAD, "north-da-v2");
        nanos.addAndGet(INTERVAL.toNanos() - 1);
        assertThat(registry.refresh()).as("before the interval").isFalse();
        assertThat(registry.active(NORTH.id(), Horizon.DAY_AHEAD)).containsSame(first);
        float[] row = new float[first.metadata().features().size()];
        first.predict(row, 1, new float[3]);

        nanos.addAndGet(1);
        assertThat(registry.refresh()).isTrue();
        ForecastModel second = registry.active(NORTH.id(), Horizon.DAY_AHEAD).orElseThrow();
        assertThat(second.metadata().version()).isEqualTo("north-da-v2");
        assertThat(registry.loadedModels()).isEqualTo(1);
        assertThatThrownBy(() -> first.predict(row, 1, new float[3]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");

        nanos.addAndGet(INTERVAL.toNanos());
        assertThat(registry.refresh()).as("nothing changed").isFalse();
        assertThat(registry.active(NORTH.id(), Horizon.DAY_AHEAD)).containsSame(second);
    }

    @Test
    void aZoneThatGetsAModelLaterIsServedAfterTheNextRefresh() {
        assertThat(registry.active(NORTH.id(), Horizon.DAY_AHEAD)).isEmpty();
        registry.publish(NORTH.id(), v1);
        registry.activate(NORTH.id(), Horizon.DAY_AHEAD, "north-da-v1");
        assertThat(registry.active(NORTH.id(), Horizon.DAY_AHEAD)).as("cached until a refresh").isEmpty();
        registry.refreshNow();
        assertThat(registry.active(NORTH.id(), Horizon.DAY_AHEAD)).isPresent();
    }

    @Test
    void shadowIsSetAndClearedBesideTheActiveModel() {
        registry.publish(NORTH.id(), v1);
        registry.publish(NORTH.id(), v2);
        registry.activate(NORTH.id(), Horizon.DAY_AHEAD, "north-da-v1");
        registry.setShadow(NORTH.id(), Horizon.DAY_AHEAD, "north-da-v2");

        assertThat(registry.shadow(NORTH.id(), Horizon.DAY_AHEAD)).get()
                .satisfies(m -> assertThat(m.metadata().version()).isEqualTo("north-da-v2"));
        assertThat(registry.shadowVersion(NORTH.id(), Horizon.DAY_AHEAD)).contains("north-da-v2");
        assertThat(registry.loadedModels()).isEqualTo(2);

        registry.clearShadow(NORTH.id(), Horizon.DAY_AHEAD);
        registry.refreshNow();
        assertThat(registry.shadow(NORTH.id(), Horizon.DAY_AHEAD)).isEmpty();
        assertThat(registry.active(NORTH.id(), Horizon.DAY_AHEAD)).isPresent();
        assertThat(registry.loadedModels()).isEqualTo(1);
        assertThat(root.resolve("north-1/day_ahead/SHADOW")).doesNotExist();
    }

    @Test
    void identicalFilesOfSeveralZonesAreLoadedOnce() throws Exception {
        ZoneId odd = ZoneId.of("grid:zone/3");
        registry.publish(NORTH.id(), v1);
        registry.publish(odd, v1);
        registry.activate(NORTH.id(), Horizon.DAY_AHEAD, "north-da-v1");
        registry.activate(odd, Horizon.DAY_AHEAD, "north-da-v1");

        assertThat(registry.active(odd, Horizon.DAY_AHEAD).orElseThrow())
                .isSameAs(registry.active(NORTH.id(), Horizon.DAY_AHEAD).orElseThrow());
        assertThat(registry.loadedModels()).isEqualTo(1);
        assertThat(Files.isSameFile(root.resolve("grid%3Azone%2F3/day_ahead/north-da-v1.onnx"),
                root.resolve("north-1/day_ahead/north-da-v1.onnx"))).as("both links to one blob").isTrue();
    }

    @Test
    void aVersionThatDoesNotLoadLeavesThePreviousOneServing() throws Exception {
        registry.publish(NORTH.id(), v1);
        registry.activate(NORTH.id(), Horizon.DAY_AHEAD, "north-da-v1");
        ForecastModel serving = registry.active(NORTH.id(), Horizon.DAY_AHEAD).orElseThrow();
        // A damaged file, as a careless copy by hand would leave it (publish refuses such bytes).
        Files.write(root.resolve("north-1/day_ahead/broken.onnx"), new byte[] {1, 2, 3});
        Files.writeString(root.resolve("north-1/day_ahead/ACTIVE"), "broken\n");

        assertThat(registry.refreshNow()).isTrue();
        assertThat(registry.active(NORTH.id(), Horizon.DAY_AHEAD)).containsSame(serving);
        float[] row = new float[serving.metadata().features().size()];
        serving.predict(row, 1, new float[3]);
    }

    @Test
    void aFileWhoseMetadataDisagreesWithItsPlaceIsRefused() throws Exception {
        // The day-ahead model copied by hand into the intraday folder under another name.
        Path folder = Files.createDirectories(root.resolve("north-1/intraday"));
        Files.write(folder.resolve("north-id-v7.onnx"), v1);
        registry.activate(NORTH.id(), Horizon.INTRADAY, "north-id-v7");
        assertThat(registry.active(NORTH.id(), Horizon.INTRADAY)).isEmpty();
    }

    private List<Path> leftovers() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
