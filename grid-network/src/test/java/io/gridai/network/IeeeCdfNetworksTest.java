package io.gridai.network;

import com.powsybl.iidm.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IeeeCdfNetworksTest {

    @Test
    void loadsTheCasesShippedWithPowsybl() {
        Network ieee14 = IeeeCdfNetworks.ieee14();

        assertThat(ieee14.getBusView().getBusStream().count()).isEqualTo(14);
        assertThat(ieee14.getGeneratorCount()).isEqualTo(5);
        assertThat(ieee14.getLoadCount()).isEqualTo(11);
        assertThat(IeeeCdfNetworks.standard(118).getBusView().getBusStream().count()).isEqualTo(118);
        assertThatThrownBy(() -> IeeeCdfNetworks.standard(15)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsACdfFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ieee14cdf.txt");
        try (InputStream in = IeeeCdfNetworksTest.class.getResourceAsStream("/ieee14cdf.txt")) {
            assertThat(in).as("ieee14cdf.txt from powsybl-ieee-cdf-model").isNotNull();
            Files.copy(in, file);
        }

        Network network = IeeeCdfNetworks.read(file);

        assertThat(network.getBusView().getBusStream().count()).isEqualTo(14);
        assertThat(network.getLineCount() + network.getTwoWindingsTransformerCount()).isEqualTo(20);
    }

    @Test
    void aFileThatIsNotCdfIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("garbage.txt");
        Files.writeString(file, "this is not an IEEE common data format file\n");

        assertThatThrownBy(() -> IeeeCdfNetworks.read(file))
                .isInstanceOf(GridNetworkException.class)
                .hasMessageStartingWith("cannot read IEEE CDF file " + file);
    }

    @Test
    void aMissingFileIsAnError(@TempDir Path dir) {
        Path missing = dir.resolve("none.txt");

        assertThatThrownBy(() -> IeeeCdfNetworks.read(missing))
                .isInstanceOf(GridNetworkException.class)
                .hasMessage("IEEE CDF file " + missing + " does not exist");
    }
}
