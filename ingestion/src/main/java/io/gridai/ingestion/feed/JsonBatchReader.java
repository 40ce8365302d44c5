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
                JsonNode node = parser.readValueAsTree();
                if (parser.nextToken() != null) {
                    return malformed("there is more after the record object; send one object or one array");
                }
                records.add(toRecord(0, node, body));
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
                int start = (int) parser.currentTokenLocation().getByteOffset();
                JsonNode node = parser.readValueAsTree();
                int end = (int) parser.currentLocation().getByteOffset();
                records.add(toRecord(records.size(), node, Arrays.copyOfRange(body, start, end)));
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

    private static RawRecord toRecord(int index, JsonNode node, byte[] payload) {
        Map<String, String> fields = new HashMap<>();
        if (!node.isObject()) {
            return new RawRecord(index, fields, payload, RECORD_CONTENT_TYPE, Optional.of("record " + index
                    + " is a JSON " + node.getNodeType().name().toLowerCase() + ", not an object with asset, kind,"
                    + " value, unit and time"));
        }
        for (var entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isContainerNode()) {
                return new RawRecord(index, fields, payload, RECORD_CONTENT_TYPE, Optional.of("field '"
                        + entry.getKey() + "' of record " + index + " is a nested " + value.getNodeType().name()
                        .toLowerCase() + "; every field is a string or a number"));
            }
            if (!value.isNull()) {
                fields.put(entry.getKey(), value.asText());
            }
        }
        return new RawRecord(index, fields, payload, RECORD_CONTENT_TYPE, Optional.empty());
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
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
