package io.gridai.model;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical bytes of an audit event and their SHA-256. Every field is written with a fixed width or a
 * length prefix (big-endian, UTF-8 text) and detail keys are sorted by {@link String#compareTo}, so no two
 * different events share canonical bytes. The format is fixed: changing it would break every stored chain.
 */
final class AuditHashing {

    private static final String FORMAT_TAG = "gridai.audit.v1";

    private AuditHashing() {
    }

    static String hash(long sequence, Instant time, ActorType actorType, String actor, String action,
            String subject, Map<String, String> details, String previousHash) {
        return HexFormat.of().formatHex(sha256(canonicalBytes(sequence, time, actorType, actor, action, subject,
                details, previousHash)));
    }

    static byte[] canonicalBytes(long sequence, Instant time, ActorType actorType, String actor, String action,
            String subject, Map<String, String> details, String previousHash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeText(out, FORMAT_TAG);
            out.writeLong(sequence);
            out.writeLong(time.getEpochSecond());
            out.writeInt(time.getNano());
            writeText(out, actorType.name());
            writeText(out, actor);
            writeText(out, action);
            writeText(out, subject);
            Map<String, String> sorted = new TreeMap<>(details);
            out.writeInt(sorted.size());
            for (Map.Entry<String, String> entry : sorted.entrySet()) {
                writeText(out, entry.getKey());
                writeText(out, entry.getValue());
            }
            writeText(out, previousHash);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new GridModelException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
