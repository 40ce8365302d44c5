package io.gridai.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.gridai.model.id.AssetId;

/**
 * The {@code row,asset} file that names a case's generators (e.g. by RTS-GMLC GEN UID): 1-based {@code mpc.gen} rows to
 * asset ids, a header line optional, {@code #} comments; an asset of {@code -} leaves the row out (e.g. the row a
 * battery replaces in the twin). Read by the dispatch optimiser ({@code gridai.dispatch.grid.generator-names}) and the
 * operator API ({@code gridai.operator.grid.generator-names}).
 *
 * @param names    row (1-based) to asset id
 * @param excluded rows left out
 */
public record GeneratorNamesFile(Map<Integer, String> names, Set<Integer> excluded) {

    public GeneratorNamesFile {
        names = Map.copyOf(names);
        excluded = Set.copyOf(excluded);
    }

    /** No file: every row named {@code gen-<bus>-<k>}, none left out. */
    public static GeneratorNamesFile none() {
        return new GeneratorNamesFile(Map.of(), Set.of());
    }

    /**
     * Reads the file.
     *
     * @param rows   the case's {@code mpc.gen} rows
     * @param option the setting the file came from, named in errors
     * @throws IllegalArgumentException naming the file, the line and what is wrong
     */
    public static GeneratorNamesFile read(Path file, int rows, String option) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
        Map<Integer, String> names = new HashMap<>();
        Set<Integer> excluded = new HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#") || n == 0 && line.toLowerCase(Locale.ROOT).startsWith("row")) {
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
        return new GeneratorNamesFile(names, excluded);
    }
}
