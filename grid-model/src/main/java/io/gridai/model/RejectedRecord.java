package io.gridai.model;

import io.gridai.model.id.SourceId;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A record that ingestion refused, kept on the dead-letter topic with the raw bytes it received.
 *
 * <p>{@code source} is empty when the sender could not be identified; {@code channel} names the feed
 * protocol or endpoint ({@code "http"}, {@code "mqtt"}, {@code "iec104"}, …); {@code payload} holds the
 * received bytes unchanged (copied in and out, never shared) and {@code contentType} their media type.
 */
public record RejectedRecord(
        Optional<SourceId> source,
        String channel,
        RejectionReason reason,
        String detail,
        byte[] payload,
        String contentType,
        Instant receivedAt) {

    /** Payload bytes shown by {@link #toString()} before it elides the rest. */
    private static final int SHOWN_PAYLOAD_BYTES = 32;

    public RejectedRecord {
        Require.present(source, "RejectedRecord.source (use Optional.empty() for an unknown sender)");
        Require.text(channel, "RejectedRecord.channel");
        Require.present(reason, "RejectedRecord.reason");
        Require.present(detail, "RejectedRecord.detail");
        payload = Require.present(payload, "RejectedRecord.payload (use an empty array)").clone();
        Require.text(contentType, "RejectedRecord.contentType");
        Require.present(receivedAt, "RejectedRecord.receivedAt");
    }

    /** A copy of the received bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Number of payload bytes, without copying them. */
    public int payloadSize() {
        return payload.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RejectedRecord that
                && source.equals(that.source)
                && channel.equals(that.channel)
                && reason == that.reason
                && detail.equals(that.detail)
                && Arrays.equals(payload, that.payload)
                && contentType.equals(that.contentType)
                && receivedAt.equals(that.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, channel, reason, detail, Arrays.hashCode(payload), contentType, receivedAt);
    }

    @Override
    public String toString() {
        int shown = Math.min(payload.length, SHOWN_PAYLOAD_BYTES);
        String bytes = HexFormat.of().formatHex(payload, 0, shown) + (payload.length > shown ? "…" : "");
        return "RejectedRecord[source=" + source + ", channel=" + channel + ", reason=" + reason + ", detail="
                + detail + ", payload=" + payload.length + " bytes " + bytes + ", contentType=" + contentType
                + ", receivedAt=" + receivedAt + "]";
    }
}
