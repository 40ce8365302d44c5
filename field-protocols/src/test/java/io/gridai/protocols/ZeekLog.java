package io.gridai.protocols;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Zeek TSV log: field names from its {@code #fields} line, one map per row. {@code -} is unset (null),
 * {@code (empty)} an empty vector; vectors are comma-separated.
 */
public record ZeekLog(List<String> fields, List<Map<String, String>> rows) {

    public static ZeekLog read(Path file) {
        return read(file, List.of());
    }

    /** As {@link #read(Path)}, with the fields to use when the file has no {@code #fields} line. */
    public static ZeekLog read(Path file, List<String> withoutHeader) {
        try {
            List<String> fields = withoutHeader;
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("#fields\t")) {
                    fields = List.of(line.substring("#fields\t".length()).split("\t", -1));
                } else if (!line.startsWith("#") && !line.isEmpty()) {
                    String[] cells = line.split("\t", -1);
                    if (cells.length != fields.size()) {
                        throw new IllegalStateException(file + ": a row has " + cells.length + " cells for "
                                + fields.size() + " fields");
                    }
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < cells.length; i++) {
                        row.put(fields.get(i), cells[i].equals("-") ? null : cells[i]);
                    }
                    rows.add(row);
                }
            }
            return new ZeekLog(fields, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vector cell as its elements ({@code (empty)} and unset are empty). */
    public static List<String> vector(String cell) {
        if (cell == null || cell.equals("(empty)")) {
            return List.of();
        }
        return Arrays.asList(cell.split(",", -1));
    }

    public static List<Double> doubles(String cell) {
        return vector(cell).stream().map(Double::valueOf).toList();
    }

    /** Zeek's T/F. */
    public static boolean bool(String cell) {
        return "T".equals(cell);
    }

    /** The connection a row belongs to, direction-free: "addr:port|addr:port" sorted. */
    public static String connection(Map<String, String> row) {
        return connection(row.get("id.orig_h") + ":" + row.get("id.orig_p"), row.get("id.resp_h") + ":" + row.get("id.resp_p"));
    }

    public static String connection(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }
}
