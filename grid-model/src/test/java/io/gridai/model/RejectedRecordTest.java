package io.gridai.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.id.SourceId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RejectedRecordTest {

    @Test
    void payloadIsCopiedInAndOut() {
        byte[] bytes = {1, 2, 3};
        RejectedRecord record = withPayload(bytes);
        bytes[0] = 9;
        record.payload()[1] = 9;

        assertThat(record.payload()).containsExactly(1, 2, 3);
        assertThat(record.payloadSize()).isEqualTo(3);
    }

    @Test
    void equalityAndHashFollowThePayloadContent() {
        assertThat(withPayload(new byte[] {1, 2, 3})).isEqualTo(withPayload(new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(withPayload(new byte[] {1, 2, 3}))
                .isNotEqualTo(withPayload(new byte[] {1, 2, 4}));
        assertThat(GridModelFixtures.rejectedRecord()).isNotEqualTo(new RejectedRecord(
                Optional.of(SourceId.of("s")), "http", RejectionReason.UNKNOWN_SOURCE, "no source with key id k9",
                GridModelFixtures.rejectedRecord().payload(), "application/json", GridModelFixtures.T0));
    }

    @Test
    void toStringShowsTheSizeAndTheStartOfThePayload() {
        assertThat(withPayload(new byte[] {(byte) 0xca, (byte) 0xfe}).toString())
                .contains("payload=2 bytes cafe").contains("reason=MALFORMED").doesNotContain("[B@");
        assertThat(withPayload(new byte[100]).toString()).contains("payload=100 bytes " + "00".repeat(32) + "…");
    }

    private static RejectedRecord withPayload(byte[] payload) {
        return new RejectedRecord(Optional.empty(), "mqtt", RejectionReason.MALFORMED, "not JSON", payload,
                "application/octet-stream", GridModelFixtures.T0);
    }
}
