package io.gridai.dispatch.service.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gridai.model.id.AssetId;

/** Reads the {@code row,asset} file that names generators (e.g. by RTS-GMLC GEN UID). */
final class GeneratorNames {

    private GeneratorNames() {
    }

    static void read(Path file, int rows, Map<Integer, String> names, Set<Integer> excluded) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("gridai.dispatch.grid.generator-names " + file.toAbsolutePath() + " cannot be read: "
                    + e.getMessage());
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#") || n == 0 && line.toLowerCase(java.util.Locale.ROOT).startsWith("row")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String where = file.getFileName() + " line " + (n + 1);
            if (cells.length != 2) {
                throw new IllegalArgumentException(where + ": expected 'row,asset' (e.g. 1,gen-101_CT_1), got '" + line + "'");
            }
            int row;
            try {
                row = Integer.parseInt(cells[0].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": row '" + cells[0].trim() + "' is not a number (1-based mpc.gen row)");
            }
            if (row < 1 || row > rows) {
                throw new IllegalArgumentException(where + ": row " + row + " is outside the case's mpc.gen rows 1.." + rows);
            }
            String asset = cells[1].trim();
            if (asset.equals("-")) {
                excluded.add(row);
                continue;
            }
            try {
                AssetId.of(asset);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (names.put(row, asset) != null) {
                throw new IllegalArgumentException(where + ": row " + row + " is named twice");
            }
        }
    }
}
