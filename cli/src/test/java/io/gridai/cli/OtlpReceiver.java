package io.gridai.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A collector for tests: an OTLP/HTTP traces endpoint on loopback ({@code POST /v1/traces}, protobuf bodies, gzip or
 * not) that keeps every span it is sent in memory, with the {@code service.name} of its resource. It reads only the
 * fields the tests look at (ids, parent, name, service), straight from the protobuf wire format of
 * {@code ExportTraceServiceRequest}, and answers 200 with an empty {@code ExportTraceServiceResponse}.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A span as exported: ids in lower-case hex, the parent empty for a root span. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                byte[] body;
                try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                    try {
                        spans.addAll(decodeRequest(body));
                    } catch (RuntimeException e) {
                        undecodable.incrementAndGet();
                    }
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    /** The base endpoint, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} takes it. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Export requests received, and how many of them could not be read. */
    String counts() {
        return requests.get() + " requests, " + undecodable.get() + " undecodable, " + spans.size() + " spans";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // Resource { repeated KeyValue attributes = 1; }   KeyValue { string key = 1; AnyValue value = 2; }
    // AnyValue { string string_value = 1; ... }        ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
    // Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; string name = 5; ... }
    static List<ReceivedSpan> decodeRequest(byte[] body) {
        List<ReceivedSpan> out = new ArrayList<>();
        for (Field resourceSpans : Field.read(body)) {
            if (resourceSpans.number != 1) {
                continue;
            }
            String service = "";
            List<byte[]> spanMessages = new ArrayList<>();
            for (Field f : Field.read(resourceSpans.bytes)) {
                if (f.number == 1) {
                    for (Field attribute : Field.read(f.bytes)) {
                        if (attribute.number == 1) {
                            String key = "";
                            String value = "";
                            for (Field kv : Field.read(attribute.bytes)) {
                                if (kv.number == 1) {
                                    key = kv.text();
                                } else if (kv.number == 2) {
                                    for (Field any : Field.read(kv.bytes)) {
                                        if (any.number == 1) {
                                            value = any.text();
                                        }
                                    }
                                }
                            }
                            if (key.equals("service.name")) {
                                service = value;
                            }
                        }
                    }
                } else if (f.number == 2) {
                    for (Field scopeField : Field.read(f.bytes)) {
                        if (scopeField.number == 2) {
                            spanMessages.add(scopeField.bytes);
                        }
                    }
                }
            }
            for (byte[] span : spanMessages) {
                String traceId = "";
                String spanId = "";
                String parent = "";
                String name = "";
                for (Field f : Field.read(span)) {
                    switch (f.number) {
                        case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
                        case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
                        case 4 -> parent = HexFormat.of().formatHex(f.bytes);
                        case 5 -> name = f.text();
                        default -> { }
                    }
                }
                out.add(new ReceivedSpan(service, traceId, spanId, parent, name));
            }
        }
        return out;
    }

    /** One field of a protobuf message: its number and, for length-delimited fields, its bytes. */
    private record Field(int number, byte[] bytes) {

        String text() {
            return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        }

        static List<Field> read(byte[] message) {
            List<Field> fields = new ArrayList<>();
            if (message == null) {
                return fields;
            }
            ByteArrayInputStream in = new ByteArrayInputStream(message);
            while (in.available() > 0) {
                long tag = varint(in);
                int number = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> {
                        varint(in);
                        fields.add(new Field(number, null));
                    }
                    case 1 -> skip(in, 8);
                    case 2 -> {
                        long length = varint(in);
                        if (length < 0 || length > in.available()) {
                            throw new IllegalArgumentException("field " + number + " says " + length + " bytes, "
                                    + in.available() + " left");
                        }
                        byte[] bytes = new byte[(int) length];
                        in.readNBytes(bytes, 0, bytes.length);
                        fields.add(new Field(number, bytes));
                    }
                    case 5 -> skip(in, 4);
                    default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " of field " + number);
                }
            }
            return fields;
        }

        private static void skip(ByteArrayInputStream in, int n) {
            if (in.skip(n) != n) {
                throw new IllegalArgumentException("truncated fixed-width field");
            }
        }

        private static long varint(ByteArrayInputStream in) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalArgumentException("truncated varint");
                }
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }
    }
}
