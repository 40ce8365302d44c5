package io.gridai.ingestion.feed;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.gridai.model.RejectionReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a CSV batch (RFC 4180, UTF-8): a header naming {@code asset,kind,value,unit,time} and optionally
 * {@code id}, in any order, then one record per row. Other columns are ignored. A record's payload on the
 * dead-letter topic is the header line and its own row, exactly as received, so it reads on its own.
 */
public final class CsvBatchReader {

    /** Media type of a record's payload on the dead-letter topic. */
    public static final String RECORD_CONTENT_TYPE = "text/csv";

    private static final List<String> REQUIRED = List.of(RawRecord.ASSET, RawRecord.KIND, RawRecord.VALUE,
            RawRecord.UNIT, RawRecord.TIME);
    private static final Set<String> KNOWN = Set.of(RawRecord.ASSET, RawRecord.KIND, RawRecord.VALUE,
            RawRecord.UNIT, RawRecord.TIME, RawRecord.ID);
    private static final ObjectReader ROWS = new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .readerForListOf(String.class);

    private CsvBatchReader() {
    }

    public static ParsedBatch read(byte[] body, int maxRecords) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<RawRecord> records = new ArrayList<>();
        try (MappingIterator<List<String>> rows = ROWS.readValues(text)) {
            if (!rows.hasNextValue()) {
                return malformed("the body is empty; send a header line asset,kind,value,unit,time[,id] and rows");
            }
            List<String> header = rows.nextValue();
            int offset = (int) rows.getParser().currentLocation().getCharOffset();
            String headerLine = line(text, 0, offset);
            List<String> columns = header.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
            Optional<String> headerProblem = checkHeader(columns);
            if (headerProblem.isPresent()) {
                return malformed(headerProblem.get());
            }
            while (rows.hasNextValue()) {
                List<String> row = rows.nextValue();
                int end = (int) rows.getParser().currentLocation().getCharOffset();
                if (records.size() == maxRecords) {
                    return new ParsedBatch.TooLarge(maxRecords);
                }
                byte[] payload = (headerLine + "\n" + line(text, offset, end)).getBytes(StandardCharsets.UTF_8);
                offset = end;
                records.add(toRecord(records.size(), columns, row, payload));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return malformed("the body is not valid CSV: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + "); quote cells that hold commas, quotes or line breaks, and"
                    + " double the quotes inside them");
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory body failed", e);
        }
        return new ParsedBatch.Records(records);
    }

    private static Optional<String> checkHeader(List<String> columns) {
        Set<String> seen = new LinkedHashSet<>();
        for (String column : columns) {
            if (KNOWN.contains(column) && !seen.add(column)) {
                return Optional.of("the header names column '" + column + "' twice; name each column once");
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !seen.contains(c)).toList();
        if (!missing.isEmpty()) {
            return Optional.of("the header " + columns + " lacks " + String.join(", ", missing)
                    + "; the first line must name the columns asset,kind,value,unit,time and optionally id");
        }
        return Optional.empty();
    }

    private static RawRecord toRecord(int index, List<String> columns, List<String> row, byte[] payload) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < Math.min(columns.size(), row.size()); i++) {
            if (KNOWN.contains(columns.get(i))) {
                fields.put(columns.get(i), row.get(i));
            }
        }
        Optional<String> problem = row.size() > columns.size()
                ? Optional.of("row of record " + index + " has " + row.size() + " cells but the header names "
                        + columns.size() + " columns; quote cells that hold commas")
                : Optional.empty();
        return new RawRecord(index, fields, payload, RECORD_CONTENT_TYPE, problem);
    }

    /** The text between two offsets without the line breaks around it. */
    private static String line(String text, int from, int to) {
        int start = from;
        int end = Math.min(to, text.length());
        while (start < end && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    private static ParsedBatch malformed(String detail) {
        return new ParsedBatch.Unreadable(RejectionReason.MALFORMED, detail);
    }
}
