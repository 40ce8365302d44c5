package io.gridai.replay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.gridai.model.Forecast;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.unit.MeasurementKind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayReportTest {

    private static final Instant FROM = Instant.parse("2026-07-06T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(24));
    private static final ZoneId NORTH = ZoneId.of("north");
    private static final ZoneId SOUTH = ZoneId.of("south/2");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration FIVE_MIN = Duration.ofMinutes(5);
    private static final List<Double> P10_P50_P90 = List.of(0.1, 0.5, 0.9);
    private static final AssetId BATTERY = AssetId.of("bat-1");
    private static final AssetId PLANT = AssetId.of("gen-7");
    private static final SandboxId SANDBOX = SandboxId.of("week-27");

    @TempDir
    Path dir;

    // ---- inputs ---------------------------------------------------------------------------------------------

    /** Hour h of the window: the zone consumes 100 + h MW, i.e. −(100 + h) in generator sign. */
    private static double actual(int hour) {
        return -(100.0 + hour);
    }

    private static List<ZoneLoad> hourly(ZoneId zone) {
        List<ZoneLoad> out = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            out.add(new ZoneLoad(zone, FROM.plus(HOUR.multipliedBy(h)), HOUR, actual(h), 3, 36));
        }
        return out;
    }

    /** A day-ahead forecast of the window's 24 hours, made at 10:00 the day before; {@code row} gives step h's values. */
    private static Forecast dayAhead(ZoneId zone, String version, List<Double> levels, IntFunction<List<Double>> row) {
        return dayAhead(zone, version, levels, FROM, row);
    }

    private static Forecast dayAhead(ZoneId zone, String version, List<Double> levels, Instant issue,
            IntFunction<List<Double>> row) {
        List<List<Double>> values = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            values.add(row.apply(h));
        }
        return Forecast.of(zone, MeasurementKind.ACTIVE_POWER, issue, HOUR, levels, values, version,
                issue.minus(Duration.ofHours(14)));
    }

    /** Candidate: P50 = actual + 10 every hour, P10/P90 = P50 ∓ 5 (so the actual is always below P10). */
    private static Forecast candidateDayAhead(ZoneId zone) {
        return dayAhead(zone, "lgbm-v7", P10_P50_P90, h -> List.of(actual(h) + 5, actual(h) + 10, actual(h) + 15));
    }

    /** Production: P50 = actual − 20 for hours 0–11 and actual + 20 for 12–23, P10/P90 = P50 ∓ 30. */
    private static Forecast productionDayAhead(ZoneId zone) {
        return dayAhead(zone, "lgbm-v6", P10_P50_P90, h -> {
            double p50 = actual(h) + (h < 12 ? -20 : 20);
            return List.of(p50 - 30, p50, p50 + 30);
        });
    }

    /** An intraday forecast from 06:00, twelve 5-minute steps, P50 = −100 MW throughout. */
    private static Forecast intraday(ZoneId zone) {
        Instant issue = FROM.plus(Duration.ofHours(6));
        List<List<Double>> values = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            values.add(List.of(-110.0, -100.0, -90.0));
        }
        return Forecast.of(zone, MeasurementKind.ACTIVE_POWER, issue, FIVE_MIN, P10_P50_P90, values, "lgbm-v7");
    }

    private static Setpoint setpoint(String id, AssetId asset, double mw, Instant from, Instant until, Instant issued) {
        return new Setpoint(SetpointId.of(id), asset, MeasurementKind.ACTIVE_POWER, mw, from, until,
                SetpointOrigin.OPTIMISER, Optional.empty(), "dispatch-optimizer", issued);
    }

    private static ReplayReport.Builder base() {
        return ReplayReport.builder().title("Week 27: lgbm-v7 against lgbm-v6").sandbox(SANDBOX).window(FROM, TO);
    }

    private static List<ZoneLoad> loads() {
        List<ZoneLoad> loads = new ArrayList<>(hourly(NORTH));
        loads.addAll(hourly(SOUTH));
        return loads;
    }

    // ---- forecast metrics -------------------------------------------------------------------------------------

    @Test
    void aConstantErrorOfTenMegawattsGivesMaeRmseAndBiasOfTen() {
        ReportMetrics m = base().actualLoad(loads()).candidate(List.of(candidateDayAhead(NORTH)))
                .production(List.of(productionDayAhead(NORTH))).build().metrics();

        ForecastMetrics cand = m.forecast(NORTH, Horizon.DAY_AHEAD, "candidate").orElseThrow();
        assertThat(cand.modelVersion()).isEqualTo("lgbm-v7");
        assertThat(cand.n()).isEqualTo(24);
        assertThat(cand.skippedNoActual()).isZero();
        assertThat(cand.pointLevel()).isEqualTo(0.5);
        assertThat(cand.maeMw()).isCloseTo(10, within(1e-9));
        assertThat(cand.rmseMw()).isCloseTo(10, within(1e-9));
        assertThat(cand.biasMw()).isCloseTo(10, within(1e-9));
        double ape = 0;
        for (int h = 0; h < 24; h++) {
            ape += 10 / (100.0 + h);
        }
        assertThat(cand.mapePct()).isCloseTo(100 * ape / 24, within(1e-9));
        // actual − q: −5 at P10, −10 at P50, −15 at P90; pinball max(τ·d, (τ−1)·d)
        assertThat(cand.pinball(0.1)).isCloseTo(0.9 * 5, within(1e-9));
        assertThat(cand.pinball(0.5)).isCloseTo(0.5 * 10, within(1e-9));
        assertThat(cand.pinball(0.9)).isCloseTo(0.1 * 15, within(1e-9));
        assertThat(cand.coverageP10P90Pct()).isZero();

        ForecastMetrics prod = m.forecast(NORTH, Horizon.DAY_AHEAD, "production").orElseThrow();
        assertThat(prod.maeMw()).isCloseTo(20, within(1e-9));
        assertThat(prod.rmseMw()).isCloseTo(20, within(1e-9));
        assertThat(prod.biasMw()).isCloseTo(0, within(1e-9));
        // actual − P10 = 30 ∓ 20: 50 for hours 0–11, 10 for 12–23, times τ = 0.1
        assertThat(prod.pinball(0.1)).isCloseTo((0.1 * 50 + 0.1 * 10) / 2, within(1e-9));
        assertThat(prod.pinball(0.5)).isCloseTo(10, within(1e-9));
        assertThat(prod.coverageP10P90Pct()).isCloseTo(100, within(1e-9));
        assertThat(m.forecasts()).hasSize(2);
    }

    @Test
    void aNegativeErrorGivesANegativeBiasAndStepsOutsideTheWindowDoNotCount() {
        Forecast under = dayAhead(NORTH, "v1", P10_P50_P90, h -> List.of(actual(h) - 20, actual(h) - 10, actual(h)));
        Forecast nextDay = dayAhead(NORTH, "v1", P10_P50_P90, TO, h -> List.of(0.0, 1000.0, 2000.0));
        ReportMetrics m = base().actualLoad(hourly(NORTH)).candidate(List.of(under, nextDay)).build().metrics();

        ForecastMetrics cand = m.forecast(NORTH, Horizon.DAY_AHEAD, "candidate").orElseThrow();
        assertThat(cand.forecasts()).isEqualTo(1);
        assertThat(cand.n()).isEqualTo(24);
        assertThat(cand.biasMw()).isCloseTo(-10, within(1e-9));
        assertThat(cand.maeMw()).isCloseTo(10, within(1e-9));
        assertThat(cand.coverageP10P90Pct()).isCloseTo(100, within(1e-9)); // P90 = actual: inside, bounds included
    }

    @Test
    void withoutAFiftyPercentLevelTheErrorsAreOnTheLevelNearestIt() {
        Forecast f = dayAhead(NORTH, "v1", List.of(0.2, 0.4, 0.9), h -> List.of(actual(h) - 1, actual(h) + 3,
                actual(h) + 50));
        ReportMetrics m = base().actualLoad(hourly(NORTH)).candidate(List.of(f)).build().metrics();

        ForecastMetrics cand = m.forecast(NORTH, Horizon.DAY_AHEAD, "candidate").orElseThrow();
        assertThat(cand.pointLevel()).isEqualTo(0.4);
        assertThat(cand.maeMw()).isCloseTo(3, within(1e-9));
        assertThat(cand.coverageP10P90Pct()).isNaN(); // no 0.1 level
        assertThat(cand.pinball(0.5)).isNaN();
        assertThat(cand.pinball(0.2)).isCloseTo(0.2 * 1, within(1e-9));
        assertThat(m.forecastNotes()).anyMatch(n -> n.contains("no 0.5 level") && n.contains("0.4"));
    }

    @Test
    void fiveMinuteStepsWithoutFiveMinuteActualsAreSkippedAndCounted() {
        ReportMetrics without = base().actualLoad(hourly(NORTH)).candidate(List.of(intraday(NORTH))).build().metrics();

        ForecastMetrics skipped = without.forecast(NORTH, Horizon.INTRADAY, "candidate").orElseThrow();
        assertThat(skipped.n()).isZero();
        assertThat(skipped.skippedNoActual()).isEqualTo(12);
        assertThat(skipped.maeMw()).isNaN();
        assertThat(without.forecastNotes()).anyMatch(n -> n.contains("12 of 12") && n.contains("5 min"));

        List<ZoneLoad> loads = new ArrayList<>(hourly(NORTH));
        Instant start = FROM.plus(Duration.ofHours(6));
        for (int i = 0; i < 12; i++) { // −100 − i MW: errors 0, 1, …, 11 MW
            loads.add(new ZoneLoad(NORTH, start.plus(FIVE_MIN.multipliedBy(i)), FIVE_MIN, -100.0 - i, 3, 3));
        }
        ReportMetrics with = base().actualLoad(loads).candidate(List.of(intraday(NORTH))).build().metrics();

        ForecastMetrics matched = with.forecast(NORTH, Horizon.INTRADAY, "candidate").orElseThrow();
        assertThat(matched.n()).isEqualTo(12);
        assertThat(matched.skippedNoActual()).isZero();
        assertThat(matched.maeMw()).isCloseTo(66.0 / 12, within(1e-9));
        assertThat(matched.biasMw()).isCloseTo(66.0 / 12, within(1e-9));
    }

    @Test
    void anAbsentModelIsNamedInTheNotesAndHasNoRows() throws IOException {
        ReportResult r = base().actualLoad(loads()).candidate(List.of(candidateDayAhead(NORTH))).build().write(dir);

        assertThat(r.metrics().forecasts()).extracting(ForecastMetrics::model).containsOnly("candidate");
        assertThat(r.metrics().forecast(NORTH, Horizon.DAY_AHEAD, "production")).isEmpty();
        assertThat(r.metrics().forecastNotes()).anyMatch(n -> n.startsWith("No production forecasts"));
        assertThat(Files.readString(r.reportMarkdown())).contains("No production forecasts");
        assertThat(Files.readString(r.reportHtml())).contains("No production forecasts");
    }

    @Test
    void labelsAndModelVersionsTellModelsApart() {
        ReportMetrics m = base().actualLoad(hourly(NORTH))
                .candidate("lgbm-v7 trial", List.of(candidateDayAhead(NORTH),
                        dayAhead(NORTH, "lgbm-v8", P10_P50_P90, h -> List.of(actual(h), actual(h), actual(h)))))
                .production(List.of()).build().metrics();

        List<ForecastMetrics> rows = m.forecasts(NORTH, Horizon.DAY_AHEAD, "lgbm-v7 trial");
        assertThat(rows).extracting(ForecastMetrics::modelVersion).containsExactly("lgbm-v7", "lgbm-v8");
        assertThat(rows).extracting(ForecastMetrics::maeMw).containsExactly(10.0, 0.0);
    }

    // ---- dispatch -----------------------------------------------------------------------------------------------

    @Test
    void setpointEnergyIsClippedToTheWindowAndComparedWhereBothHaveOne() {
        Instant issued = FROM.minus(Duration.ofHours(2));
        List<Setpoint> shadow = List.of(
                // 10 MW from 23:00 the day before to 02:00: 2 h inside the window
                setpoint("s1", BATTERY, 10, FROM.minus(HOUR), FROM.plus(Duration.ofHours(2)), issued).inSandbox(SANDBOX),
                // −5 MW from 23:00 to 03:00 the day after: 1 h inside
                setpoint("s2", BATTERY, -5, TO.minus(HOUR), TO.plus(Duration.ofHours(3)), issued).inSandbox(SANDBOX),
                // wholly after the window
                setpoint("s3", BATTERY, 99, TO, TO.plus(HOUR), issued).inSandbox(SANDBOX));
        List<Setpoint> actual = List.of(setpoint("a1", BATTERY, 4, FROM, FROM.plus(Duration.ofHours(4)), issued));

        ReportMetrics m = base().shadowSetpoints(shadow).actualSetpoints(actual).build().metrics();

        assertThat(m.dispatchCompared()).isTrue();
        DispatchRow row = m.dispatch(BATTERY).orElseThrow();
        assertThat(row.shadowMwh()).isCloseTo(10 * 2 - 5 * 1, within(1e-9));
        assertThat(row.actualMwh()).isCloseTo(4 * 4, within(1e-9));
        assertThat(row.deltaMwh()).isCloseTo(15 - 16, within(1e-9));
        assertThat(row.overlapHours()).isCloseTo(2, within(1e-9)); // both in effect 00:00–02:00
        assertThat(row.meanAbsDeltaMw()).isCloseTo(6, within(1e-9));
        assertThat(row.shadowSetpoints()).isEqualTo(2);
        assertThat(row.actualSetpoints()).isEqualTo(1);
    }

    @Test
    void whereSetpointsOfOneSideOverlapTheLastIssuedIsInEffect() {
        List<Setpoint> shadow = List.of(
                setpoint("s1", PLANT, 10, FROM, FROM.plus(HOUR), FROM),
                setpoint("s2", PLANT, 20, FROM.plus(Duration.ofMinutes(30)), FROM.plus(Duration.ofHours(2)),
                        FROM.plus(Duration.ofMinutes(30))));
        List<Setpoint> actual = List.of(setpoint("a1", PLANT, 10, FROM, FROM.plus(Duration.ofHours(2)), FROM));

        DispatchRow row = base().shadowSetpoints(shadow).actualSetpoints(actual).build().metrics().dispatch(PLANT)
                .orElseThrow();

        assertThat(row.shadowMwh()).isCloseTo(10 * 0.5 + 20 * 1.5, within(1e-9)); // not 10 + 30: no double counting
        assertThat(row.meanAbsDeltaMw()).isCloseTo((0 * 0.5 + 10 * 1.5) / 2, within(1e-9));
    }

    @Test
    void withoutShadowSetpointsTheDispatchSectionSaysThereIsNothingToCompare() throws IOException {
        List<Setpoint> actual = List.of(setpoint("a1", BATTERY, 4, FROM, FROM.plus(Duration.ofHours(4)), FROM));

        ReportResult r = base().actualLoad(hourly(NORTH)).actualSetpoints(actual).build().write(dir);

        assertThat(r.metrics().dispatchCompared()).isFalse();
        String why = r.metrics().dispatchNotes().get(0);
        assertThat(why).startsWith("Nothing to compare").contains("no shadow optimiser setpoints in this replay");
        assertThat(Files.readString(r.reportMarkdown())).contains("no shadow optimiser setpoints in this replay");
        assertThat(Files.readString(r.reportHtml())).contains("no shadow optimiser setpoints in this replay");
        DispatchRow row = r.metrics().dispatch(BATTERY).orElseThrow();
        assertThat(row.shadowMwh()).isNaN();
        assertThat(row.actualMwh()).isCloseTo(16, within(1e-9));
        List<List<String>> csv = readCsv(r.dispatchCsv());
        assertThat(csv).hasSize(2);
        assertThat(csv.get(1).get(0)).isEqualTo("bat-1");
        assertThat(csv.get(1).get(1)).isEmpty();
        assertThat(Double.parseDouble(csv.get(1).get(2))).isCloseTo(16, within(1e-4));
    }

    @Test
    void withNoSetpointsAtAllBothSidesAreNamed() {
        ReportMetrics m = base().build().metrics();

        assertThat(m.dispatchCompared()).isFalse();
        assertThat(m.dispatch()).isEmpty();
        assertThat(m.dispatchNotes().get(0)).contains("no shadow optimiser setpoints")
                .contains("no actual setpoints");
    }

    // ---- files --------------------------------------------------------------------------------------------------

    @Test
    void writesTheTablesThePlotsAndAPageThatShowsThem() throws IOException {
        List<Setpoint> shadow = List.of(
                setpoint("s1", BATTERY, -20, FROM, FROM.plus(Duration.ofHours(3)), FROM).inSandbox(SANDBOX));
        List<Setpoint> actual = List.of(setpoint("a1", BATTERY, -10, FROM, FROM.plus(Duration.ofHours(3)), FROM),
                setpoint("a2", PLANT, 50, FROM, FROM.plus(Duration.ofHours(1)), FROM));

        ReportResult r = base().actualLoad(loads())
                .candidate(List.of(candidateDayAhead(NORTH), candidateDayAhead(SOUTH), intraday(NORTH)))
                .production(List.of(productionDayAhead(NORTH)))
                .shadowSetpoints(shadow).actualSetpoints(actual)
                .plotSize(800, 400).build().write(dir.resolve("out"));

        assertThat(List.of(r.reportCsv(), r.reportMarkdown(), r.reportHtml(), r.dispatchCsv()))
                .allSatisfy(p -> assertThat(p).isRegularFile().hasParent(dir.resolve("out")));
        assertThat(r.plots()).extracting(p -> p.getFileName().toString())
                .containsExactly("forecast-north.png", "forecast-south_2.png");
        for (Path png : r.plots()) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(400);
        }
        String html = Files.readString(r.reportHtml());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<img src=\"forecast-north.png\"")
                .contains("<img src=\"forecast-south_2.png\"").doesNotContain("<script").doesNotContain("<link");
        assertThat(Files.readString(r.reportMarkdown())).contains("](forecast-north.png)").contains("| north |");

        // rows: north day-ahead candidate, north day-ahead production, north intraday candidate, south day-ahead
        List<List<String>> csv = readCsv(r.reportCsv());
        assertThat(csv.get(0)).containsExactly("zone", "horizon", "model", "model_version", "forecasts", "n",
                "skipped_no_actual", "point_level", "mae_mw", "rmse_mw", "mape_pct", "mape_n", "bias_mw",
                "pinball_p10_mw", "pinball_p50_mw", "pinball_p90_mw", "coverage_p10_p90_pct");
        assertThat(csv).hasSize(1 + r.metrics().forecasts().size()).hasSize(5);
        List<String> cand = csv.stream().filter(row -> row.get(0).equals("north") && row.get(1).equals("day-ahead")
                && row.get(2).equals("candidate")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(cand.get(8))).isCloseTo(10, within(1e-4));
        assertThat(Double.parseDouble(cand.get(12))).isCloseTo(10, within(1e-4));
        List<String> intra = csv.stream().filter(row -> row.get(1).equals("intraday")).findFirst().orElseThrow();
        assertThat(intra.get(5)).isEqualTo("0");
        assertThat(intra.get(6)).isEqualTo("12");
        assertThat(intra.get(8)).isEmpty();

        List<List<String>> dispatch = readCsv(r.dispatchCsv());
        assertThat(dispatch.get(0)).containsExactly("asset", "shadow_mwh", "actual_mwh", "delta_mwh",
                "mean_abs_delta_mw", "overlap_h", "shadow_setpoints", "actual_setpoints");
        assertThat(dispatch).hasSize(3);
        assertThat(dispatch.get(1).get(0)).isEqualTo("bat-1");
        assertThat(Double.parseDouble(dispatch.get(1).get(1))).isCloseTo(-60, within(1e-4));
        assertThat(Double.parseDouble(dispatch.get(1).get(2))).isCloseTo(-30, within(1e-4));
        assertThat(Double.parseDouble(dispatch.get(1).get(4))).isCloseTo(10, within(1e-4));
        assertThat(dispatch.get(2).get(0)).isEqualTo("gen-7");
        assertThat(dispatch.get(2).get(1)).isEmpty();
    }

    @Test
    void plotsAtMostMaxPlotsZonesAndSaysSo() throws IOException {
        ReportResult r = base().actualLoad(loads()).candidate(List.of(candidateDayAhead(NORTH)))
                .maxPlots(1).plotSize(400, 300).build().write(dir);

        assertThat(r.plots()).extracting(p -> p.getFileName().toString()).containsExactly("forecast-north.png");
        assertThat(Files.readString(r.reportMarkdown())).contains("Plots for the first 1 of 2 zones");
        assertThat(Files.exists(dir.resolve("forecast-south_2.png"))).isFalse();
    }

    @Test
    void rejectsAnEmptyWindowAndTheSameLabelTwice() {
        assertThatIllegalArgumentException().isThrownBy(() -> base().window(TO, FROM).build())
                .withMessageContaining("empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> base().candidate("m", List.of()).production("m", List.of()).build())
                .withMessageContaining("different labels");
    }

    private static List<List<String>> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(file.toFile())) {
            return rows.readAll();
        }
    }
}
