package io.gridai.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.gridai.archive.ArchiveSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `gridai archive ls`: what the archive holds, per dataset. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"What the archive holds, per dataset: dates, feeds, files, records, size on disk.",
                "Exit code: 0."})
public final class ArchiveLsCommand implements Callable<Integer> {

    @Mixin
    ArchiveOption archive;

    @Option(names = "--json", description = "Print JSON for scripts: {root, datasets:[{dataset, firstDate, lastDate,"
            + " dates, feeds, files, records, bytes}]}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        ArchiveSummary summary = ArchiveSummary.of(archive.root());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("root", summary.root().toString());
            doc.put("datasets", summary.datasets().stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dataset", d.dataset());
                m.put("firstDate", d.firstDate().toString());
                m.put("lastDate", d.lastDate().toString());
                m.put("dates", d.dates());
                m.put("feeds", List.copyOf(d.feeds()));
                m.put("files", d.files());
                m.put("records", d.records());
                m.put("bytes", d.bytes());
                return m;
            }).toList());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else if (summary.datasets().isEmpty()) {
            out.println("archive " + summary.root() + ": empty (import history with ./gridai archive import)");
        } else {
            out.println("archive " + summary.root());
            out.printf("%-10s %-23s %6s %7s %12s %10s  %s%n", "dataset", "dates", "days", "files", "records", "size",
                    "feeds");
            for (ArchiveSummary.DatasetSummary d : summary.datasets()) {
                out.printf("%-10s %-23s %6d %7d %12d %10s  %s%n", d.dataset(), d.firstDate() + ".." + d.lastDate(),
                        d.dates(), d.files(), d.records(), size(d.bytes()), String.join(",", d.feeds()));
            }
        }
        out.flush();
        return 0;
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
