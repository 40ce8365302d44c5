package io.gridai.replay.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReplayReport#write} wrote, and the numbers in it.
 *
 * @param directory the directory the files are in
 * @param reportCsv {@code report.csv}: the forecast table
 * @param reportMarkdown {@code report.md}: the forecast and dispatch tables and notes
 * @param reportHtml {@code report.html}: the same as a page, with the plots
 * @param dispatchCsv {@code dispatch.csv}: the dispatch table
 * @param plots the PNGs, one per plotted zone, next to the HTML page
 * @param metrics the numbers
 */
public record ReportResult(
        Path directory,
        Path reportCsv,
        Path reportMarkdown,
        Path reportHtml,
        Path dispatchCsv,
        List<Path> plots,
        ReportMetrics metrics) {

    public ReportResult {
        plots = List.copyOf(plots);
    }
}
