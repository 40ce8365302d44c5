package io.gridai.operator.stream;

import java.nio.charset.StandardCharsets;

/**
 * One event of a live stream: the Kafka record it comes from ({@code partition}, {@code offset}), its SSE id (the
 * stream's {@link StreamPosition} just after this record), the asset or zone it concerns (for filters), the record
 * rendered once as JSON, and the whole SSE frame ({@code event:}, {@code id:}, {@code data:} and the blank line) as
 * UTF-8 bytes, rendered once and shared by every client.
 */
public record StreamEvent(int partition, long offset, String id, String subject, String json, byte[] frame) {

    /** An event of the stream {@code eventName}; {@code json} must be one line (as the streams render records). */
    public static StreamEvent of(String eventName, int partition, long offset, String id, String subject, String json) {
        return new StreamEvent(partition, offset, id, subject, json, frame(eventName, id, json));
    }

    /** One SSE frame: {@code event}, then {@code id} when not null, then {@code data}, then the blank line. */
    public static byte[] frame(String eventName, String id, String data) {
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an SSE data line must not contain a line break");
        }
        StringBuilder b = new StringBuilder(eventName.length() + data.length() + 32);
        b.append("event: ").append(eventName).append('\n');
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        b.append("data: ").append(data).append("\n\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
