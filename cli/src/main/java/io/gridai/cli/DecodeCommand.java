package io.gridai.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridai.protocols.decode.CaptureDecoder;
import io.gridai.protocols.decode.FieldProtocol;
import io.gridai.protocols.decode.StreamDecoder;
import io.gridai.protocols.pcap.PcapFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `gridai decode c37118|iec104|modbus FILE.pcap`: every frame of one field protocol in a capture as JSON Lines, one
 * object per frame and one {@code error} object per frame (or run of bytes) that cannot be decoded, with where it
 * was. See field-protocols/README.md for the fields.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode a field protocol in a pcap/pcapng capture and print one JSON object per frame (JSON Lines)"
                + " on stdout: c37118 (IEEE C37.118.2 synchrophasors, found by their sync word on any TCP/UDP port),"
                + " iec104 (IEC 60870-5-104, TCP port 2404), modbus (Modbus TCP, port 502). TCP streams are put back in"
                + " order first.",
                "A frame that cannot be decoded is an object with \"error\" (why), \"packet\" (index in the capture,"
                        + " from 0), \"offset\" (byte offset in its TCP direction or UDP datagram), \"length\" and"
                        + " \"hex\". A summary goes to stderr.",
                "Exit code: 0 every frame decoded, 1 some could not be (error objects printed), 2 the file cannot be"
                        + " read or is not a capture (use --raw for a file of raw frames)."})
public final class DecodeCommand implements Callable<Integer> {

    static final int DECODED = 0;
    static final int SOME_ERRORS = 1;
    static final int REFUSED = 2;

    @Parameters(index = "0", paramLabel = "PROTOCOL", description = "c37118, iec104 or modbus.")
    String protocol;

    @Parameters(index = "1", paramLabel = "FILE", description = "The capture (pcap or pcapng), or with --raw a file of raw frames.")
    Path file;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Only flows with this TCP/UDP port at either end (default: 2404 for iec104, 502 for modbus,"
                    + " any for c37118).")
    Integer port;

    @Option(names = "--raw", description = "FILE holds the protocol's bytes as sent (a stream of frames), not a capture.")
    boolean raw;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        FieldProtocol p;
        try {
            p = FieldProtocol.of(protocol);
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        if (port != null && (port < 1 || port > 65535)) {
            return refuse("--port must be 1..65535, not " + port);
        }
        if (!Files.isRegularFile(file)) {
            return refuse(Files.exists(file) ? file + " is not a regular file" : "no such file " + file + "; check the path");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper json = new ObjectMapper();
        Printer printer = new Printer(out, json);
        if (raw) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                return refuse("cannot read " + file + ": " + e.getMessage());
            }
            StreamDecoder.Counts c = new StreamDecoder(p).decode(bytes, printer::print);
            printer.rethrow();
            out.flush();
            err.printf("%s: %d bytes as raw %s: %d frames decoded, %d errors%n", file, bytes.length, p.label(),
                    c.frames(), c.errors());
            err.flush();
            return c.errors() == 0 ? DECODED : SOME_ERRORS;
        }
        CaptureDecoder.Summary s;
        try {
            s = CaptureDecoder.decode(file, p, port == null ? OptionalInt.empty() : OptionalInt.of(port), printer::print);
        } catch (PcapFormatException e) {
            return refuse(file + ": " + e.getMessage() + " (for a file of raw " + p.label() + " frames, add --raw)");
        } catch (NoSuchFileException e) {
            return refuse("no such file " + file + "; check the path");
        } catch (IOException e) {
            return refuse("cannot read " + file + ": " + e.getMessage());
        }
        printer.rethrow();
        out.flush();
        err.printf("%s: %d packets, %d %s flows: %d frames decoded, %d errors%s%s%n", file, s.packets(), s.flows(),
                p.label(), s.frames(), s.errors(),
                s.ignoredFlows() > 0 ? "; " + s.ignoredFlows() + " flows with no " + p.label() + " frame ignored" : "",
                s.truncated().map(t -> "; the capture ends early: " + t).orElse(""));
        if (s.frames() == 0 && s.errors() == 0) {
            err.println("no " + p.label() + " traffic found" + (p.defaultPort() > 0 && port == null
                    ? " on port " + p.defaultPort() + "; if the device uses another port, give it with --port" : ""));
        }
        err.flush();
        return s.errors() == 0 ? DECODED : SOME_ERRORS;
    }

    private int refuse(String reason) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("gridai decode: " + reason);
        err.flush();
        return REFUSED;
    }

    /** Writes one object per line; a serialisation failure (a bug) is kept and rethrown after decoding. */
    private static final class Printer {
        private final PrintWriter out;
        private final ObjectMapper json;
        private JsonProcessingException failure;

        Printer(PrintWriter out, ObjectMapper json) {
            this.out = out;
            this.json = json;
        }

        void print(Map<String, Object> object) {
            if (failure != null) {
                return;
            }
            try {
                out.println(json.writeValueAsString(object));
            } catch (JsonProcessingException e) {
                failure = e;
            }
        }

        void rethrow() throws JsonProcessingException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
