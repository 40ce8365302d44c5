package io.gridai.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.flink.config.AssetTopology;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.config.SettingsException;
import io.gridai.flink.config.Stage;
import io.gridai.model.unit.MeasurementKind;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSettingsTest {

    @Test
    void theShippedPropertiesFileHoldsExactlyTheDefaults() throws Exception {
        Properties shipped = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/gridai-flink.properties")) {
            shipped.load(in);
        }
        JobSettings fromFile = JobSettings.from(shipped);
        JobSettings defaults = JobSettings.defaults();

        assertThat(fromFile.windows()).isEqualTo(defaults.windows())
                .containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(15));
        assertThat(fromFile.cleaning()).usingRecursiveComparison().isEqualTo(defaults.cleaning());
        assertThat(fromFile.alerts()).isEqualTo(defaults.alerts());
        assertThat(fromFile.checkpointInterval()).isEqualTo(defaults.checkpointInterval());
        assertThat(fromFile.stages()).isEqualTo(defaults.stages()).containsExactlyInAnyOrder(Stage.values());
        assertThat(fromFile.transactionTimeout()).isLessThan(Duration.ofMinutes(15));
        assertThat(fromFile.topology().placementOf("load-213").zone()).isEqualTo(defaults.topology()
                .placementOf("load-213").zone());
    }

    @Test
    void badValuesAreRefusedWithTheKeyAndWhatToGive() {
        Properties p = new Properties();
        p.setProperty("watermark.out-of-orderness", "5 seconds");
        assertThatThrownBy(() -> JobSettings.from(p)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("watermark.out-of-orderness").hasMessageContaining("PT5S");

        Properties q = new Properties();
        q.setProperty("checkpoint.interval", "PT20M");
        assertThatThrownBy(() -> JobSettings.from(q)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("kafka.transaction.timeout");

        Properties r = new Properties();
        r.setProperty("range.FREQUENCY", "55,45");
        assertThatThrownBy(() -> JobSettings.from(r)).hasMessageContaining("min must be below max");

        Properties s = new Properties();
        s.setProperty("stages", "aggregates");
        assertThatThrownBy(() -> JobSettings.from(s)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("lacks clean");
        s.setProperty("stages", "clean,windows");
        assertThatThrownBy(() -> JobSettings.from(s)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("'windows'").hasMessageContaining("zone-load");
    }

    @Test
    void stagesSwitchPartsOfTheJobOff() {
        Properties p = new Properties();
        p.setProperty("stages", " clean , alerts");
        JobSettings settings = JobSettings.from(p);
        assertThat(settings.runs(Stage.CLEAN)).isTrue();
        assertThat(settings.runs(Stage.ALERTS)).isTrue();
        assertThat(settings.runs(Stage.AGGREGATES)).isFalse();
        assertThat(settings.runs(Stage.ZONE_LOAD)).isFalse();
        assertThat(settings.runs(Stage.LIVE_STATE)).isFalse();
    }

    @Test
    void rangesCanBeOverriddenPerKind() {
        Properties p = new Properties();
        p.setProperty("range.FREQUENCY", "45,55");
        JobSettings settings = JobSettings.from(p);
        assertThat(settings.cleaning().ranges().isPossible(MeasurementKind.FREQUENCY, 50)).isTrue();
        assertThat(settings.cleaning().ranges().isPossible(MeasurementKind.FREQUENCY, 60)).isFalse();
    }

    @Test
    void theIdConventionPlacesTheTwinsAssetsAndAFileOverridesIt(@TempDir Path dir) throws Exception {
        AssetTopology convention = AssetTopology.defaults();
        assertThat(convention.placementOf("gen-101_CT_1").substation()).hasValueSatisfying(s -> assertThat(s.value()).isEqualTo("sub-101"));
        assertThat(convention.placementOf("bess-313_STORAGE_1").zone()).hasValueSatisfying(z -> assertThat(z.value()).isEqualTo("zone-3"));
        assertThat(convention.placementOf("branch-101-102").zone()).isEmpty();
        assertThat(convention.placementOf("system").substation()).isEmpty();
        assertThat(convention.isLoad("load-101")).isTrue();
        assertThat(convention.isLoad("gen-101_CT_1")).isFalse();
        // a zone's whole load, as the archive imports RTS-GMLC regional load
        assertThat(convention.placementOf("load-zone-2").zone()).hasValueSatisfying(z -> assertThat(z.value()).isEqualTo("zone-2"));
        assertThat(convention.placementOf("load-zone-2").substation()).isEmpty();
        assertThat(convention.isLoad("load-zone-2")).isTrue();
        assertThat(convention.placementOf("gen-zone-2").zone()).as("not a load id").isEmpty();
        Properties off = new Properties();
        off.setProperty("topology.zone-load-pattern", "");
        assertThat(JobSettings.from(off).topology().placementOf("load-zone-2").zone()).isEmpty();
        Properties noGroup = new Properties();
        noGroup.setProperty("topology.zone-load-pattern", "load-zone-.*");
        assertThatThrownBy(() -> JobSettings.from(noGroup)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("(?<zone>");

        Path file = dir.resolve("topology.csv");
        Files.writeString(file, "asset,substation,zone\n# a utility's own ids\nfeeder-7,sub-north,zone-north\nbus-101,,zone-x\n");
        Properties p = new Properties();
        p.setProperty("topology.file", file.toString());
        AssetTopology fromFile = JobSettings.from(p).topology();
        assertThat(fromFile.placementOf("feeder-7").zone()).hasValueSatisfying(z -> assertThat(z.value()).isEqualTo("zone-north"));
        assertThat(fromFile.placementOf("bus-101").substation()).isEmpty();
        assertThat(fromFile.placementOf("bus-102").zone()).hasValueSatisfying(z -> assertThat(z.value()).isEqualTo("zone-1"));

        Files.writeString(file, "feeder-7,sub-north\n");
        assertThatThrownBy(() -> JobSettings.from(p)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("line 1").hasMessageContaining("asset,substation,zone");
    }

    @Test
    void theCommandLineNeedsABootstrapAndTakesOverrides() {
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"--hazelcast", "embedded"}))
                .isInstanceOf(SettingsException.class).hasMessageContaining("--bootstrap");
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"--bootstrap", "x:1", "--nope", "1"}))
                .hasMessageContaining("unknown option '--nope'");
        JobArguments args = JobArguments.parse(new String[] {"--bootstrap", "127.0.0.1:9092", "--set", "parallelism=4",
                "--hazelcast", "127.0.0.1:5701,127.0.0.1:5702"});
        assertThat(args.settings().parallelism()).isEqualTo(4);
        assertThat(args.liveState(java.util.Optional.empty())).hasValueSatisfying(t ->
                assertThat(t.addresses()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702"));
    }
}
