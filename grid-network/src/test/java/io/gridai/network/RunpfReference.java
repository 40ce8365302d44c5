package io.gridai.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MATPOWER {@code runpf} solutions of the shared cases, computed by MATPOWER itself (see
 * {@code src/test/resources/io/gridai/network/runpf/README.md}).
 */
final class RunpfReference {

    private RunpfReference() {
    }

    /** Rows of {@code bus,vm_pu,va_deg}. */
    static List<double[]> buses(String caseName) {
        return read(caseName + "-bus.csv").orElseThrow(() -> new IllegalStateException("no runpf buses for " + caseName));
    }

    /** Rows of {@code bus,pg_mw,qg_mvar}, in case generator order. */
    static List<double[]> generators(String caseName) {
        return read(caseName + "-gen.csv").orElseThrow(() -> new IllegalStateException("no runpf generators for " + caseName));
    }

    /** Rows of {@code from,to,pf_mw,qf_mvar,pt_mw,qt_mvar}, in case branch order; absent for the large cases. */
    static Optional<List<double[]>> branches(String caseName) {
        return read(caseName + "-branch.csv");
    }

    private static Optional<List<double[]>> read(String resource) {
        // The ACTIVSg solutions are stored as activsg*.csv: they are MATPOWER's output, not the case files.
        InputStream in = RunpfReference.class.getResourceAsStream("runpf/" + resource.replace("case_ACTIVSg", "activsg"));
        if (in == null) {
            return Optional.empty();
        }
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split(",");
                double[] row = new double[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    row[i] = Double.parseDouble(fields[i]);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(rows);
    }
}
