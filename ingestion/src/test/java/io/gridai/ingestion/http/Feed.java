package io.gridai.ingestion.http;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Sends batches to the running test application the way a utility would, with the test sources' keys. */
public final class Feed {

    /** utility-a: gen-*, bus-*, bess-1; ACTIVE_POWER, REACTIVE_POWER, VOLTAGE, FREQUENCY, STATE_OF_CHARGE. */
    public static final String UTILITY_A_KEY = "test-key-utility-a-0123456789";
    /** utility-old: revoked. */
    public static final String REVOKED_KEY = "test-key-utility-old-0123456789";
    static final String PATH = "/v1/measurements";

    private static final AtomicLong MINUTES = new AtomicLong();

    private Feed() {
    }

    /**
     * A reading time no earlier test used, so derived measurement ids never collide between tests that share
     * the application's duplicate window: a minute apart, starting a day ago.
     */
    public static Instant freshTime() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.DAYS)
                .plus(MINUTES.incrementAndGet(), ChronoUnit.MINUTES);
    }

    public static String json(String asset, String kind, String value, String unit, Object time, String id) {
        StringBuilder record = new StringBuilder("{");
        append(record, "asset", asset, true);
        append(record, "kind", kind, true);
        append(record, "value", value, false);
        append(record, "unit", unit, true);
        append(record, "time", time == null ? null : time.toString(), true);
        append(record, "id", id, true);
        if (record.length() > 1) {
            record.setLength(record.length() - 1);
        }
        return record.append('}').toString();
    }

    public static String array(String... records) {
        return "[" + String.join(",", records) + "]";
    }

    static ValidatableResponse postJson(String apiKey, String body) {
        return post(apiKey, "application/json", body);
    }

    static ValidatableResponse postCsv(String apiKey, String body) {
        return post(apiKey, "text/csv", body);
    }

    static ValidatableResponse post(String apiKey, String contentType, String body) {
        var request = given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
        if (apiKey != null) {
            request = request.header(MeasurementResource.API_KEY_HEADER, apiKey);
        }
        return request.when().post(PATH).then();
    }

    private static void append(StringBuilder record, String name, String value, boolean quoted) {
        if (value != null) {
            record.append('"').append(name).append("\":");
            record.append(quoted ? '"' + value + '"' : value.toLowerCase(Locale.ROOT).equals("nan") ? "NaN" : value);
            record.append(',');
        }
    }
}
