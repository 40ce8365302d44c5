package io.gridai.operator.stream;

/**
 * One event of a live stream: the Kafka record it comes from ({@code partition}, {@code offset}), its SSE id (the
 * stream's {@link StreamPosition} just after this record), the asset or zone it concerns (for filters) and the record
 * rendered once as JSON, shared by every client.
 */
public record StreamEvent(int partition, long offset, String id, String subject, String json) {
}
