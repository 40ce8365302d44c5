package io.gridai.ingestion.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.model.RejectionReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a JSON batch: an array of flat objects (or, for message feeds, one object). Each element keeps its exact bytes from the body. {@code NaN}
 * and {@code Infinity} literals are read (and then refused by validation as non-finite) rather than failing
 * the whole batch; fields other than the record schema's are ignored.
 */
public final class JsonBatchReader {

    /** Media type of a record's payload on the dead-letter topic. */
    public static final String RECORD_CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build());

    /** Jackson's pointer to the input, which it redacts anyway; the line and column say where. */
    private static final Pattern SOURCE_NOISE = Pattern.compile("\\s*\\(start marker at \\[Source:.*?\\]\\)");

    private JsonBatchReader() {
    }

    /**
     * @param singleObjectAllowed true for message feeds (MQTT, Kafka-direct): a lone object is a batch of one
     */
    public static ParsedBatch read(byte[] body, int maxRecords, boolean singleObjectAllowed) {
        List<RawRecord> records = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return malformed("the body is empty; send a JSON array of records");
            }
            if (first == JsonToken.START_OBJECT && singleObjectAllowed) {
                RawRecord record = readRecord(parser, first, 0, body);
                if (parser.nextToken() != null) {
                    return malformed("there is more after the record object; send one object or one array");
                }
                // The message is the record: a dead letter keeps all of it, as received.
                records.add(new RawRecord(0, record.fields(), body, RECORD_CONTENT_TYPE, record.shapeProblem()));
                return new ParsedBatch.Records(records);
            }
            if (first != JsonToken.START_ARRAY) {
                return new ParsedBatch.Unreadable(RejectionReason.SCHEMA_MISMATCH, "the body is a JSON "
                        + describe(first) + ", not an array; send [ {\"asset\":…}, … ] even for one record");
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    return malformed("the JSON array is not closed; the body ends early");
                }
                if (records.size() == maxRecords) {
                    return new ParsedBatch.TooLarge(maxRecords);
                }
                records.add(readRecord(parser, token, records.size(), body));
            }
            if (parser.nextToken() != null) {
                return malformed("there is more after the closing ] of the array; send one JSON array");
            }
        } catch (JsonEOFException e) {
            return malformed("the body is not valid JSON: it ends before every array and object is closed (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (JsonProcessingException e) {
            String message = SOURCE_NOISE.matcher(e.getOriginalMessage()).replaceAll("");
            return malformed("the body is not valid JSON: " + message + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory body failed", e);
        }
        return new ParsedBatch.Records(records);
    }

    /**
     * One element, read from the token stream (no tree: this runs for every record): its scalar fields as text
     * and its own bytes. {@code token} is the element's first token; the parser ends on its last.
     */
    private static RawRecord readRecord(JsonParser parser, JsonToken token, int index, byte[] body)
            throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        Map<String, String> fields = new HashMap<>(8);
        String problem = null;
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            problem = "record " + index + " is a JSON " + describe(token) + ", not an object with asset, kind,"
                    + " value, unit and time";
        } else {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    if (problem == null) {
                        problem = "field '" + name + "' of record " + index + " is a nested " + describe(value)
                                + "; every field is a string or a number";
                    }
                    parser.skipChildren();
                } else if (value != JsonToken.VALUE_NULL) {
                    fields.put(name, parser.getText());
                }
            }
        }
        int end = (int) parser.currentLocation().getByteOffset();
        return new RawRecord(index, fields, Arrays.copyOfRange(body, start, end), RECORD_CONTENT_TYPE,
                Optional.ofNullable(problem));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase();
        };
    }

    private static ParsedBatch malformed(String detail) {
        return new ParsedBatch.Unreadable(RejectionReason.MALFORMED, detail);
    }
}
