package io.gridai.sim.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridai.sim.series.RtsGmlcSystem.RtsBattery;
import io.gridai.sim.series.RtsGmlcSystem.RtsBus;
import io.gridai.sim.series.RtsGmlcSystem.RtsGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system tables on a small system in the original layout ({@code src/test/resources/series/rts/source}):
 *
 * <pre>
 *   area 1: 101 (100 MW)  102 (300 MW)  103 (0 MW)      area 2: 201 (250 MW)  202 (750 MW)
 *   gens:   101_CT_1 @101, 122_WIND_1 @102, 201_STEAM_1 @201, 202_STORAGE_1 @202 (50 MW, 40 MW pump, 80 %)
 *   storage: 202_STORAGE_1 head 0.2 GWh (0.05 initial), tail 0.2 GWh
 * </pre>
 * gen.csv has CRLF line ends and no newline after its last row, like the upstream file.
 */
class RtsGmlcSystemTest {

    private static final double EXACT = 1e-12;
    private static final Path SOURCE = TestFiles.resource("rts/source");

    @TempDir
    Path temp;

    @Test
    void readsBusesGeneratorsAndStorage() {
        RtsGmlcSystem system = RtsGmlcSystem.load(SOURCE);

        assertThat(system.buses()).hasSize(5);
        assertThat(system.bus(102)).isEqualTo(new RtsBus(102, "Adams", 1, 300.0, 60.0));
        assertThat(system.generators()).extracting(RtsGenerator::uid)
                .containsExactly("101_CT_1", "122_WIND_1", "201_STEAM_1", "202_STORAGE_1");
        assertThat(system.generator("101_CT_1")).isEqualTo(new RtsGenerator("101_CT_1", 101, "CT", "Oil", 20, 8, 3));
        assertThat(system.storage()).hasSize(2);
        assertThat(system.storage().get(1).position()).isEqualTo("tail");
    }

    @Test
    void joinsTheBatteryFromGenAndStorageRows() {
        assertThat(RtsGmlcSystem.load(SOURCE).batteries())
                .containsExactly(new RtsBattery("202_STORAGE_1", 202, 50, 40, 200, 50, 0.8));
    }

    @Test
    void busSharesAreTheBusLoadOverItsAreasLoad() {
        RtsGmlcSystem system = RtsGmlcSystem.load(SOURCE);

        assertThat(system.areaLoadMw(1)).isEqualTo(400.0);
        assertThat(system.areaLoadMw(2)).isEqualTo(1000.0);
        assertThat(system.busLoadShare(101)).isCloseTo(0.25, within(EXACT));
        assertThat(system.busLoadShare(102)).isCloseTo(0.75, within(EXACT));
        assertThat(system.busLoadShare(103)).isZero();
        assertThat(system.busLoadShare(202)).isCloseTo(0.75, within(EXACT));
    }

    @Test
    void nodalLoadIsRegionalLoadTimesTheBusShare() {
        RtsGmlcSystem system = RtsGmlcSystem.load(SOURCE);
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
        Map<String, TimeSeries> regions = new LinkedHashMap<>();
        regions.put("1", new TimeSeries(t0, Duration.ofHours(1), new double[] {800}));
        regions.put("2", new TimeSeries(t0, Duration.ofHours(1), new double[] {2000}));
        RegionalLoad load = new RegionalLoad(regions);

        assertThat(system.busLoadMw(102, load, t0)).isCloseTo(600.0, within(EXACT));
        assertThat(system.busLoadMw(201, load, t0)).isCloseTo(500.0, within(EXACT));
    }

    @Test
    void acceptsTheDataSetFolderAboveSource() {
        assertThat(RtsGmlcSystem.load(SOURCE.getParent()).buses()).hasSize(5);
    }

    @Test
    void unknownIdsAreRejectedWithWhatToUse() {
        RtsGmlcSystem system = RtsGmlcSystem.load(SOURCE);
        assertThatThrownBy(() -> system.bus(999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bus 999");
        assertThatThrownBy(() -> system.generator("X")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no generator 'X'");
    }

    @Test
    void aGeneratorAtAnUnknownBusIsReportedWithItsLine() throws IOException {
        Path dir = copyWith("gen.csv", "201_STEAM_1,201,", "201_STEAM_1,299,");
        assertThatThrownBy(() -> RtsGmlcSystem.load(dir))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("gen.csv, line 4, column 'Bus ID': bus 299 is not in bus.csv");
    }

    @Test
    void aDuplicateBusIsReportedWithBothLines() throws IOException {
        Path dir = copyWith("bus.csv", "201,Bach", "102,Bach");
        assertThatThrownBy(() -> RtsGmlcSystem.load(dir))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("bus.csv, line 5, column 'Bus ID': bus 102 was already defined on line 3");
    }

    @Test
    void aMalformedNumberInTheBusTableIsReported() throws IOException {
        Path dir = copyWith("bus.csv", "Adams,138.0,PV,300.0", "Adams,138.0,PV,3OO");
        assertThatThrownBy(() -> RtsGmlcSystem.load(dir))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("bus.csv, line 3, column 'MW Load': '3OO' is not a finite number");
    }

    @Test
    void aMissingColumnIsReported() throws IOException {
        Path dir = copyWith("bus.csv", "MW Load,", "Load,");
        assertThatThrownBy(() -> RtsGmlcSystem.load(dir))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("bus.csv, line 1: the header has no column 'MW Load'");
    }

    @Test
    void aBatteryWithoutAReservoirIsReported() throws IOException {
        Path dir = copyWith("storage.csv", ",head", ",tail");
        assertThatThrownBy(() -> RtsGmlcSystem.load(dir))
                .isInstanceOf(SeriesDataException.class)
                .hasMessageContaining("gen.csv, line 5: storage unit 202_STORAGE_1 has no 'head' row");
    }

    /** The small system in a temporary folder, with one text replaced (once) in one file. */
    private Path copyWith(String fileName, String from, String to) throws IOException {
        for (String name : new String[] {"bus.csv", "gen.csv", "storage.csv"}) {
            String text = Files.readString(SOURCE.resolve(name));
            if (name.equals(fileName)) {
                assertThat(text).contains(from);
                text = text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
            }
            Files.writeString(temp.resolve(name), text);
        }
        return temp;
    }
}
