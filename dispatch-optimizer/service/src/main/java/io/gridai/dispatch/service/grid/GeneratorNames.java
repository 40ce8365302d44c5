package io.gridai.dispatch.service.grid;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.gridai.network.GeneratorNamesFile;

/** Reads the {@code row,asset} file that names generators (e.g. by RTS-GMLC GEN UID): grid-network's {@link GeneratorNamesFile}. */
final class GeneratorNames {

    private GeneratorNames() {
    }

    static void read(Path file, int rows, Map<Integer, String> names, Set<Integer> excluded) {
        GeneratorNamesFile read = GeneratorNamesFile.read(file, rows, "gridai.dispatch.grid.generator-names");
        names.putAll(read.names());
        excluded.addAll(read.excluded());
    }
}
