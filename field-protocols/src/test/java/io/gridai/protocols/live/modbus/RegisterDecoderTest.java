package io.gridai.protocols.live.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.protocols.points.RegisterType;
import io.gridai.protocols.points.WordOrder;
import org.junit.jupiter.api.Test;

class RegisterDecoderTest {

    @Test
    void sixteenBitRegistersAreSignedOrUnsigned() {
        assertThat(RegisterDecoder.decode(new int[] {0xFFFF}, RegisterType.INT16, WordOrder.BIG)).isEqualTo(-1);
        assertThat(RegisterDecoder.decode(new int[] {0x8000}, RegisterType.INT16, WordOrder.BIG)).isEqualTo(-32768);
        assertThat(RegisterDecoder.decode(new int[] {0xFFFF}, RegisterType.UINT16, WordOrder.BIG)).isEqualTo(65535);
        assertThat(RegisterDecoder.decode(new int[] {1234}, RegisterType.UINT16, WordOrder.LITTLE)).isEqualTo(1234);
    }

    @Test
    void thirtyTwoBitIntegersFollowTheWordOrder() {
        // 0x0001_0002 = 65538: high word 1, low word 2.
        assertThat(RegisterDecoder.decode(new int[] {1, 2}, RegisterType.INT32, WordOrder.BIG)).isEqualTo(65538);
        assertThat(RegisterDecoder.decode(new int[] {2, 1}, RegisterType.INT32, WordOrder.LITTLE)).isEqualTo(65538);
        assertThat(RegisterDecoder.decode(new int[] {0xFFFF, 0xFFFE}, RegisterType.INT32, WordOrder.BIG))
                .isEqualTo(-2);
        assertThat(RegisterDecoder.decode(new int[] {0xFFFF, 0xFFFF}, RegisterType.UINT32, WordOrder.BIG))
                .isEqualTo(4_294_967_295.0);
        assertThat(RegisterDecoder.decode(RegisterDecoder.int32(-123_456, WordOrder.LITTLE), RegisterType.INT32,
                WordOrder.LITTLE)).isEqualTo(-123_456);
    }

    @Test
    void floatsFollowTheWordOrder() {
        // 50.0f = 0x4248_0000; 49.98f = 0x4247_EB85.
        assertThat(RegisterDecoder.decode(new int[] {0x4248, 0x0000}, RegisterType.FLOAT32, WordOrder.BIG))
                .isEqualTo(50.0);
        assertThat(RegisterDecoder.decode(new int[] {0x0000, 0x4248}, RegisterType.FLOAT32, WordOrder.LITTLE))
                .isEqualTo(50.0);
        assertThat(RegisterDecoder.decode(new int[] {0x4247, 0xEB85}, RegisterType.FLOAT32, WordOrder.BIG))
                .isEqualTo((double) 49.98f);
        // Read in the wrong order the same registers are another, absurd number: the map must say which.
        assertThat(RegisterDecoder.decode(new int[] {0x4247, 0xEB85}, RegisterType.FLOAT32, WordOrder.LITTLE))
                .isNotEqualTo((double) 49.98f);
        assertThat(RegisterDecoder.float32(-12.5f, WordOrder.LITTLE)).containsExactly(0x0000, 0xC148);
        assertThat(RegisterDecoder.decode(new int[] {0x7FC0, 0x0000}, RegisterType.FLOAT32, WordOrder.BIG)).isNaN();
    }

    @Test
    void theNumberOfRegistersMustFitTheType() {
        assertThatThrownBy(() -> RegisterDecoder.decode(new int[] {1}, RegisterType.FLOAT32, WordOrder.BIG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOAT32 takes 2");
    }
}
