package io.gridai.replay.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** How the report's files write numbers, levels, durations and text. */
final class ReportFormat {

    private ReportFormat() {
    }

    /** {@code value} with {@code decimals} decimals (Locale.ROOT), {@code empty} for NaN. */
    static String number(double value, int decimals, String empty) {
        if (Double.isNaN(value)) {
            return empty;
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s; // no "-0.00"
    }

    /** A quantile level as a percentile name: 0.1 → {@code p10}, 0.025 → {@code p2.5}. */
    static String percentile(double level) {
        return "p" + new BigDecimal(Double.toString(level)).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    /** {@code 1 h}, {@code 5 min}, {@code 30 s}, or ISO-8601 for anything else. */
    static String duration(Duration d) {
        if (d.toSecondsPart() == 0 && d.toNanosPart() == 0 && d.toMinutesPart() == 0 && d.toHours() > 0) {
            return d.toHours() + " h";
        }
        if (d.toNanosPart() == 0 && d.toSecondsPart() == 0) {
            return d.toMinutes() + " min";
        }
        if (d.toNanosPart() == 0) {
            return d.getSeconds() + " s";
        }
        return d.toString();
    }

    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A Markdown table cell: pipes escaped, line breaks flattened. */
    static String markdown(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }

    /** A file-name part from an id: characters outside {@code [A-Za-z0-9._-]} become {@code _}. */
    static String fileName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
